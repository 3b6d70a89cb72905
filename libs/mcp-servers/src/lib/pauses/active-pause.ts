import type { PauseScope } from '@gw/db';

/** A pause in force, as the api's cache and the worker read it: enough to tell who is stopped and to say why. */
export interface ActivePause {
  id: string;
  organizationId: string;
  scope: PauseScope;
  targetId: string;
  /** The organization's, team's or connection's name; null if the target no longer exists. */
  targetName: string | null;
  reason: string;
  /** Epoch ms. */
  createdAt: number;
  createdByEmail: string | null;
}

/** What a pause is checked against: the organization, team and connection of an MCP server. */
export interface PausableServer {
  organizationId: string;
  teamId: string | null;
  connectionId: string;
}

/** Widest first, so a call stopped by both its organization and its team names the organization's pause. */
const SCOPE_ORDER: Record<PauseScope, number> = { organization: 0, team: 1, connection: 2 };

export function covers(pause: ActivePause, server: PausableServer): boolean {
  if (pause.organizationId !== server.organizationId) return false;
  switch (pause.scope) {
    case 'organization':
      return true;
    case 'team':
      return server.teamId !== null && pause.targetId === server.teamId;
    case 'connection':
      return pause.targetId === server.connectionId;
  }
}

/** The pause that stops a server's calls, if any: the widest of those covering it. */
export function pauseCovering(pauses: Iterable<ActivePause>, server: PausableServer): ActivePause | null {
  let found: ActivePause | null = null;
  for (const pause of pauses) {
    if (covers(pause, server) && (!found || SCOPE_ORDER[pause.scope] < SCOPE_ORDER[found.scope]))
      found = pause;
  }
  return found;
}

const SCOPE_WORDS: Record<PauseScope, string> = {
  organization: 'of the organization',
  team: 'of the team',
  connection: 'through the ClickUp connection',
};

/**
 * What an agent (and its person) is told: which scope is paused, since when, by whom and why, and the pause's id,
 * so the person can find it in the console.
 */
export function pausedMessage(pause: ActivePause): string {
  const target = pause.targetName === null ? pause.targetId : JSON.stringify(pause.targetName);
  const by = pause.createdByEmail ? ` by ${pause.createdByEmail}` : '';
  return (
    `MCP access ${SCOPE_WORDS[pause.scope]} ${target} is paused since ${new Date(pause.createdAt).toISOString()}` +
    `${by}: ${JSON.stringify(pause.reason)} (pause ${pause.id}). Nothing is sent to ClickUp until an owner or ` +
    'admin resumes it.'
  );
}
