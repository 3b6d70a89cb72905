import { toCallToolResult, type Envelope } from '@gw/mcp-tools';
import { JsonText, rpcError, rpcResult, serializeResponse } from './json-rpc';
import { toolResultText } from './mcp-dispatcher';

describe('serializeResponse', () => {
  const envelope: Envelope = {
    ok: false,
    result: null,
    issues: [{ code: 'NOT_FOUND', message: 'No task "x\\y" — née </script>\u2028', path: 'task_id' }],
  };

  it('sends a tool result serialized once exactly as the plain object would be sent', () => {
    for (const id of [7, 'req-"1"']) {
      const spliced = serializeResponse(rpcResult(id, toolResultText(envelope)));
      expect(JSON.parse(spliced)).toEqual({ jsonrpc: '2.0', id, result: toCallToolResult(envelope) });
    }
    const ok = serializeResponse(rpcResult(1, toolResultText({ ok: true, result: { id: 'a' }, issues: [] })));
    expect(JSON.parse(ok).result).toMatchObject({
      isError: false,
      structuredContent: { result: { id: 'a' } },
    });
  });

  it('falls back to the value wherever a response is serialized another way (batches, event streams)', () => {
    const response = rpcResult(3, toolResultText(envelope));
    expect(JSON.parse(JSON.stringify([response]))).toEqual([
      { jsonrpc: '2.0', id: 3, result: toCallToolResult(envelope) },
    ]);
    const listing = new JsonText('{"tools":[]}', () => ({ tools: [] }));
    expect(JSON.stringify(rpcResult(4, listing))).toBe(serializeResponse(rpcResult(4, listing)));
  });

  it('serializes errors and plain results as JSON.stringify does', () => {
    const error = rpcError(null, -32700, 'Parse error');
    expect(serializeResponse(error)).toBe(JSON.stringify(error));
    expect(serializeResponse(rpcResult(2, {}))).toBe('{"jsonrpc":"2.0","id":2,"result":{}}');
  });
});
