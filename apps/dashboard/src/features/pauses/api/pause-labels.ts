import type { Pause, PauseScope } from './pauses.types';

/** What a pause stops, in words: "the organization", "the team “Support”", "the connection “Acme”". */
export function scopeLabel(scope: PauseScope, name: string | null | undefined): string {
  if (scope === 'organization') return name ? `the organization “${name}”` : 'the organization';
  const noun = scope === 'team' ? 'the team' : 'the connection';
  return name ? `${noun} “${name}”` : `a ${scope} that no longer exists`;
}

/** The banner's headline for a pause in force. */
export function pauseHeadline(pause: Pause): string {
  return `MCP access of ${scopeLabel(pause.scope, pause.target.name)} is paused`;
}
