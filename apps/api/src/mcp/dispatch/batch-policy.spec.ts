import { batchRefusal, MAX_BATCH_MESSAGES } from './batch-policy';

const call = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/list' });
const batchOf = (n: number) => Array.from({ length: n }, (_, i) => call(i + 1));

describe('batchRefusal', () => {
  it.each(['2025-06-18', '2025-11-25', '2026-07-28'])(
    'refuses any batch from a %s client with Invalid Request, as batches were removed in 2025-06-18',
    (version) => {
      expect(batchRefusal(batchOf(1), version)).toEqual({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, message: expect.stringContaining('does not support JSON-RPC batches') },
      });
    },
  );

  it('accepts a batch of up to 20 messages from a 2025-03-26 client, or one that sends no version', () => {
    expect(batchRefusal(batchOf(MAX_BATCH_MESSAGES), '2025-03-26')).toBeNull();
    expect(batchRefusal(batchOf(2), undefined)).toBeNull();
  });

  it('refuses a batch of more than 20 messages, an empty one and one carrying initialize', () => {
    expect(batchRefusal(batchOf(MAX_BATCH_MESSAGES + 1), undefined)).toMatchObject({
      error: { code: -32600, message: 'Invalid Request: a batch must not exceed 20 messages; it has 21' },
    });
    expect(batchRefusal([], '2025-03-26')).toMatchObject({ error: { code: -32600 } });
    expect(
      batchRefusal([{ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }, call(2)], undefined),
    ).toMatchObject({ error: { code: -32600, message: expect.stringContaining('initialize') } });
  });
});
