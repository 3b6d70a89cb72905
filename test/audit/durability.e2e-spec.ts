import { randomUUID } from 'node:crypto';
import { connectSandbox, createServer, INITIALIZE, rawPost, sandboxIds } from '../support/mcp';
import { Stack } from '../support/stack';
import { allEvents, verify } from './support';

describe.each(['postgres', 'embedded'] as const)(
  'a result is never returned before its audit row commits (%s)',
  (mode) => {
    const stack = new Stack(mode, { sandbox: true, worker: false });
    let url: string;

    beforeAll(async () => {
      await stack.start();
      const { acme } = await sandboxIds(stack);
      const server = await createServer(stack, await connectSandbox(stack), { workspace_id: acme });
      url = server.url;
    }, 120_000);
    afterAll(() => stack.stop(), 60_000);

    it('keeps the row of every answered tools/call when the api is SIGKILLed right after answering', async () => {
      const init = await rawPost(url, INITIALIZE);
      const headers = {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': init.headers.get('mcp-session-id') as string,
      };
      const run = randomUUID();
      const answered: string[] = [];
      let killed: Promise<unknown> | undefined;
      // Many calls in flight, so the kill lands while other rows are still being group-committed.
      const calls = Array.from({ length: 40 }, async (_, i) => {
        const marker = `durability-${run}-${i}`;
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: i,
              method: 'tools/call',
              params: { name: 'task_get', arguments: { task_id: marker } },
            }),
          });
          const body = (await res.json()) as { result?: unknown };
          if (res.status === 200 && body.result) answered.push(marker);
          killed ??= stack.api.stop('SIGKILL');
        } catch {
          // The api died before answering this one: no promise was made about it.
        }
      });
      await Promise.all(calls);
      await killed;
      expect(answered.length).toBeGreaterThan(0);

      await stack.startApi();
      const rows = await allEvents(stack, { action: 'tools/call', q: run });
      const recorded = rows.map((e) => (e.arguments as { task_id: string }).task_id);
      for (const marker of answered) expect(recorded.filter((m) => m === marker)).toHaveLength(1);
      expect(await verify(stack)).toMatchObject({ ok: true });
    });
  },
);
