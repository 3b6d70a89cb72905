import type { Stack } from './stack';

/** The id of a seeded sandbox list, by name, read from the sandbox's own API. */
export async function sandboxListId(stack: Stack, name: string): Promise<string> {
  const get = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`${stack.sandboxUrl}/api/v2${path}`, { headers: { authorization: 'pk_sandbox_owner' } })
    ).json()) as T;
  const { teams } = await get<{ teams: { id: string; name: string }[] }>('/team');
  const acme = teams.find((t) => t.name === 'Acme Corp')?.id as string;
  const { spaces } = await get<{ spaces: { id: string }[] }>(`/team/${acme}/space`);
  for (const space of spaces) {
    const { lists } = await get<{ lists: { id: string; name: string }[] }>(`/space/${space.id}/list`);
    const { folders } = await get<{ folders: { lists: { id: string; name: string }[] }[] }>(
      `/space/${space.id}/folder`,
    );
    const found = [...lists, ...folders.flatMap((f) => f.lists)].find((l) => l.name === name);
    if (found) return found.id;
  }
  throw new Error(`no sandbox list named ${name}`);
}
