import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { noteTrace, registerMcpAccessLog } from './mcp-access-log';

describe('registerMcpAccessLog', () => {
  async function served(level: string) {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const fastify = Fastify();
    registerMcpAccessLog(fastify, level, pino({ level }, sink));
    fastify.post('/mcp/:token', (req, reply) => {
      const traceparent = req.headers['x-trace'];
      if (typeof traceparent === 'string')
        noteTrace(req.raw, { traceparent, traceId: traceparent.split('-')[1] });
      void reply.code(req.headers['x-fail'] ? 404 : 200).send({ ok: true });
    });
    fastify.get('/api/v1/thing', (_req, reply) => void reply.send({}));
    return { fastify, lines };
  }

  it('writes one line per MCP request, with the token shown only as a hash prefix', async () => {
    const { fastify, lines } = await served('info');
    const token = `cmcp_${'b'.repeat(43)}`;
    await fastify.inject({ method: 'POST', url: `/mcp/${token}`, headers: { 'user-agent': 'agent/1' } });
    await fastify.inject({ method: 'GET', url: '/api/v1/thing' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { method: 'POST', userAgent: 'agent/1' },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(lines[0])).not.toContain(token);
    expect((lines[0]['req'] as { url: string }).url).toMatch(/^\/mcp\/\[token:[0-9a-f]{12}\]$/);
  });

  it('keeps only refused and failed requests at level warn, as pino-http does elsewhere', async () => {
    const { fastify, lines } = await served('warn');
    await fastify.inject({ method: 'POST', url: `/mcp/cmcp_${'c'.repeat(43)}` });
    expect(lines).toHaveLength(0);
    await fastify.inject({ method: 'POST', url: `/mcp/cmcp_${'c'.repeat(43)}`, headers: { 'x-fail': '1' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, res: { statusCode: 404 } });
  });

  it('names the trace a request carried in its _meta, and no trace for one that carried none', async () => {
    const { fastify, lines } = await served('info');
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';
    await fastify.inject({
      method: 'POST',
      url: `/mcp/cmcp_${'d'.repeat(43)}`,
      headers: { 'x-trace': traceparent },
    });
    await fastify.inject({ method: 'POST', url: `/mcp/cmcp_${'d'.repeat(43)}` });
    expect(lines[0]).toMatchObject({ trace_id: '0af7651916cd43dd8448eb211c80319c', traceparent });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });
});
