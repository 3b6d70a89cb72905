import type { ChatChannel, ClickUpClient } from '@gw/clickup-client';
import { Scope } from '../core/scope';
import type { ToolContext } from '../core/tool-context';
import { ChatTools } from './chat.tools';

type Page = { items: { id: string; name: string }[]; next_cursor: string | null; truncated: boolean };

/** A workspace of `count` channels as ClickUp lists them: 100 per page, cursors `p1`, `p2`… */
function workspaceOf(count: number) {
  const channels: ChatChannel[] = Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    name: i % 2 === 0 ? `Team ${i}` : `Room ${i}`,
    type: 'CHANNEL',
    visibility: 'PUBLIC',
    parent: { id: 'ws', type: 7 },
    workspace_id: 'ws',
    archived: false,
    latest_comment_at: null,
  }));
  const asked: (string | undefined)[] = [];
  const client = {
    chat: {
      listChannels: async (_ws: string, options: { cursor?: string; limit?: number }) => {
        asked.push(options.cursor);
        const start = options.cursor ? Number(options.cursor.slice(1)) * 100 : 0;
        const end = start + (options.limit ?? 50);
        return {
          data: { data: channels.slice(start, end), next_cursor: end < count ? `p${end / 100}` : null },
        };
      },
    },
  } as unknown as ClickUpClient;
  const ctx = { client, scope: new Scope('ws').forCall() } as unknown as ToolContext;
  return { ctx, asked };
}

const list = new ChatTools().tools.find((t) => t.name === 'chat_channel_list');
const call = (ctx: ToolContext, args: Record<string, unknown>) => list?.handler(args, ctx) as Promise<Page>;

describe('chat_channel_list over ClickUp’s pages of channels', () => {
  it('shows 50 matches per answer, resuming inside a ClickUp page, and reads each ClickUp page once', async () => {
    const { ctx, asked } = workspaceOf(230);
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await call(ctx, { name: 'team', cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((c) => c.id));
      expect(page.truncated).toBe(page.next_cursor !== null);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 15]);
    expect(seen).toEqual(Array.from({ length: 115 }, (_, i) => `c${i * 2}`));
    expect(asked).toEqual([undefined, 'p1', 'p2']);
  });

  it('stops after five ClickUp pages with a cursor to go on from', async () => {
    const { ctx, asked } = workspaceOf(700);
    const page = await call(ctx, { name: 'nothing like it' });
    expect(page.items).toEqual([]);
    expect(page).toMatchObject({ truncated: true, next_cursor: expect.any(String) });
    expect(asked).toEqual([undefined, 'p1', 'p2', 'p3', 'p4']);
    const rest = await call(ctx, { name: 'nothing like it', cursor: page.next_cursor });
    expect(rest).toMatchObject({ items: [], truncated: false, next_cursor: null });
    expect(asked.slice(5)).toEqual(['p5', 'p6']);
  });
});
