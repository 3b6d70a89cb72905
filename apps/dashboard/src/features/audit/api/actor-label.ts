export interface ActorDirectory {
  servers: Map<string, string>;
  users: Map<string, string>;
}

/** `mcp:{id}` → the server's name, `user:{id}` → the user's name, `token:{id}` → API token. */
export function actorLabel(actor: string, directory: ActorDirectory): { kind: string; name: string } {
  const separator = actor.indexOf(':');
  const kind = separator === -1 ? actor : actor.slice(0, separator);
  const id = separator === -1 ? '' : actor.slice(separator + 1);
  if (kind === 'mcp' && id === 'unknown') return { kind: 'Agent', name: 'Unknown or revoked URL' };
  if (kind === 'mcp') return { kind: 'Agent', name: directory.servers.get(id) ?? `Server ${id.slice(0, 8)}` };
  if (kind === 'user') return { kind: 'User', name: directory.users.get(id) ?? `User ${id.slice(0, 8)}` };
  if (kind === 'token') return { kind: 'API token', name: `Token ${id.slice(0, 8)}` };
  return { kind: 'System', name: actor };
}
