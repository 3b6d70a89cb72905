import type { JsonRpcRequest } from '../dispatch/json-rpc';
import type { McpRequest } from '../mcp-request';
import { admitMessage } from './message-admission';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';
const meta = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'claude-ai', version: '2.1' },
  'io.modelcontextprotocol/clientCapabilities': {},
  traceparent: TRACEPARENT,
};
const http = (headers: Record<string, string>): McpRequest => ({
  address: { kind: 'secret_url', token: 't' },
  id: 'r1',
  ip: '127.0.0.1',
  route: 'POST /mcp/:token',
  headers,
  carriesMessages: true,
});
const call = (params: Record<string, unknown>): JsonRpcRequest => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'user_me', arguments: {}, ...params },
});
const modernHeaders = {
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'user_me',
};

describe('admitMessage', () => {
  it('admits a 2026-07-28 request with its client, capabilities and trace', () => {
    expect(admitMessage(http(modernHeaders), call({ _meta: meta }))).toEqual({
      protocol: { generation: 'modern', version: '2026-07-28' },
      meta: { client: { name: 'claude-ai', version: '2.1' }, capabilities: {} },
      trace: { traceparent: TRACEPARENT, traceId: '0af7651916cd43dd8448eb211c80319c' },
    });
  });

  it('admits a session request as legacy without asking for the 2026-07-28 headers, keeping its trace', () => {
    expect(
      admitMessage(
        http({ 'mcp-protocol-version': '2025-11-25' }),
        call({ _meta: { traceparent: TRACEPARENT } }),
      ),
    ).toEqual({
      protocol: { generation: 'legacy', version: '2025-11-25' },
      meta: null,
      trace: { traceparent: TRACEPARENT, traceId: '0af7651916cd43dd8448eb211c80319c' },
    });
  });

  it('checks the version and its _meta claim first, then the mirrored headers, then the other _meta fields', () => {
    const unsupported = { ...modernHeaders, 'mcp-protocol-version': '2099-01-01', 'mcp-method': 'x' };
    expect(admitMessage(http(unsupported), call({}))).toMatchObject({ code: -32022 });
    expect(admitMessage(http({ ...modernHeaders, 'mcp-method': 'x' }), call({ _meta: {} }))).toMatchObject({
      code: -32602,
    });
    expect(
      admitMessage(
        http({ ...modernHeaders, 'mcp-method': 'x' }),
        call({ _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } }),
      ),
    ).toMatchObject({ code: -32020 });
    expect(
      admitMessage(
        http(modernHeaders),
        call({ _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } }),
      ),
    ).toMatchObject({ code: -32602, message: expect.stringContaining('clientCapabilities') });
  });
});
