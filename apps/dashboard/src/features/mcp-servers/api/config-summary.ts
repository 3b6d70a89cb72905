import type { MethodFilter } from '@gw/tool-filters';
import type { ServerConfig } from './mcp-servers.types';

/** The method filters the dashboard offers (the api accepts single verbs too, `@gw/tool-filters`). */
export const METHOD_OPTIONS: readonly { value: MethodFilter; label: string; hint: string }[] = [
  { value: 'read', label: 'Read', hint: 'get and list' },
  { value: 'write', label: 'Write', hint: 'create, update and delete' },
  { value: 'custom', label: 'Custom', hint: 'timers and other actions' },
];

/** "Read · tasks, comments" — how a server's filter reads in a table cell. */
export function describeConfig(config: Pick<ServerConfig, 'methods' | 'tags'>): string {
  const methods = config.methods.length === 0 ? 'All methods' : config.methods.map(capitalize).join(', ');
  const tags =
    config.tags.length === 0 ? 'all tool groups' : config.tags.map((t) => t.replace(/_/g, ' ')).join(', ');
  return `${methods} · ${tags}`;
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
