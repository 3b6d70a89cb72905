import type { ToolSelection } from '@gw/mcp-tools';
import { discoverResult } from './discover';
import { ModernResults, TOOLS_LIST_TTL_MS } from './modern-results';

const serverInfo = { name: 'clickup-mcp-gateway', version: '0.1.0' };
const results = new ModernResults(serverInfo);
const selection = (tools: unknown[]) => ({ json: JSON.stringify({ tools }) }) as unknown as ToolSelection;

describe('ModernResults', () => {
  it('marks a result complete and names the server in its _meta', () => {
    expect(JSON.parse(results.result('{"content":[],"isError":false}'))).toEqual({
      resultType: 'complete',
      _meta: { 'io.modelcontextprotocol/serverInfo': serverInfo },
      content: [],
      isError: false,
    });
    expect(JSON.parse(results.result('{}'))).toEqual({
      resultType: 'complete',
      _meta: { 'io.modelcontextprotocol/serverInfo': serverInfo },
    });
  });

  it('gives a tools/list result its caching hints, private to the URL, built once per selection', () => {
    const tools = selection([{ name: 'user_me' }]);
    const listing = results.listing(tools);
    expect(JSON.parse(listing)).toEqual({
      resultType: 'complete',
      _meta: { 'io.modelcontextprotocol/serverInfo': serverInfo },
      ttlMs: TOOLS_LIST_TTL_MS,
      cacheScope: 'private',
      tools: [{ name: 'user_me' }],
    });
    expect(results.listing(tools)).toBe(listing);
  });
});

describe('discoverResult', () => {
  it('lists every version spoken, the tools capability, caching hints and the server identity', () => {
    expect(discoverResult({ serverInfo, instructions: 'Use task_get.' })).toEqual({
      resultType: 'complete',
      supportedVersions: expect.arrayContaining(['2026-07-28', '2025-11-25']),
      capabilities: { tools: { listChanged: true } },
      instructions: 'Use task_get.',
      ttlMs: expect.any(Number),
      cacheScope: 'public',
      _meta: { 'io.modelcontextprotocol/serverInfo': serverInfo },
    });
  });

  it('advertises the extensions it is given', () => {
    const result = discoverResult({
      serverInfo,
      instructions: '',
      extensions: { 'io.modelcontextprotocol/tasks': {} },
    });
    expect(result['capabilities']).toEqual({
      tools: { listChanged: true },
      extensions: { 'io.modelcontextprotocol/tasks': {} },
    });
  });
});
