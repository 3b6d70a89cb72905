import { declaresExtension, readModernMeta, traceContextOf } from './request-meta';

const modern = (fields: Record<string, unknown>) => ({
  _meta: {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': {},
    ...fields,
  },
});

describe('readModernMeta', () => {
  it('reads the client and its capabilities for this request', () => {
    expect(
      readModernMeta(
        modern({
          'io.modelcontextprotocol/clientInfo': { name: 'claude-ai', version: '2.1' },
          'io.modelcontextprotocol/clientCapabilities': {
            extensions: { 'io.modelcontextprotocol/tasks': {} },
          },
        }),
      ),
    ).toEqual({
      client: { name: 'claude-ai', version: '2.1' },
      capabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } },
    });
  });

  it('serves a request without client info (a SHOULD, not a MUST)', () => {
    expect(readModernMeta(modern({}))).toEqual({ client: null, capabilities: {} });
  });

  it.each([
    ['no _meta', undefined],
    ['no capabilities', { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } }],
    ['capabilities that are not an object', modern({ 'io.modelcontextprotocol/clientCapabilities': [] })],
    ['client info without a version', modern({ 'io.modelcontextprotocol/clientInfo': { name: 'x' } })],
    ['an unknown log level', modern({ 'io.modelcontextprotocol/logLevel': 'verbose' })],
  ])('refuses %s as invalid params', (_case, params) => {
    expect(readModernMeta(params)).toMatchObject({
      code: -32602,
      message: expect.stringMatching(/^Invalid params: /),
    });
  });

  it('accepts a known log level (the gateway sends no log notifications either way)', () => {
    expect(readModernMeta(modern({ 'io.modelcontextprotocol/logLevel': 'debug' }))).toMatchObject({
      client: null,
    });
  });
});

describe('declaresExtension', () => {
  it('is true only for an extension listed in this request’s capabilities', () => {
    const declared = readModernMeta(
      modern({
        'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } },
      }),
    );
    const silent = readModernMeta(modern({}));
    if ('code' in declared || 'code' in silent) throw new Error('valid _meta refused');
    expect(declaresExtension(declared, 'io.modelcontextprotocol/tasks')).toBe(true);
    expect(declaresExtension(silent, 'io.modelcontextprotocol/tasks')).toBe(false);
  });
});

describe('traceContextOf', () => {
  const valid = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';

  it('reads a W3C traceparent and its trace id', () => {
    expect(traceContextOf({ _meta: { traceparent: valid } })).toEqual({
      traceparent: valid,
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
  });

  it.each([
    ['absent', {}],
    ['upper case', { traceparent: valid.toUpperCase() }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }],
    ['an all-zero parent id', { traceparent: `00-0af7651916cd43dd8448eb211c80319c-${'0'.repeat(16)}-01` }],
    ['version ff', { traceparent: valid.replace(/^00/, 'ff') }],
    ['a header injection attempt', { traceparent: `${valid}\r\nx-evil: 1` }],
    ['not a string', { traceparent: 42 }],
  ])('ignores a traceparent that is %s', (_case, meta) => {
    expect(traceContextOf({ _meta: meta })).toBeNull();
  });
});
