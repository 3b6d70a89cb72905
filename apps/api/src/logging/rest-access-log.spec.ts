import Fastify from 'fastify';
import { storage } from 'nestjs-pino/storage';
import { Writable } from 'node:stream';
import { registerRestAccessLog, restAccessLogOptions } from './rest-access-log';

describe('registerRestAccessLog', () => {
  async function served(level: string) {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const fastify = Fastify();
    registerRestAccessLog(fastify, restAccessLogOptions(level), sink);
    fastify.get('/api/v1/thing', (req, reply) => {
      // What nestjs-pino's Logger writes with while a request is served.
      storage.getStore()?.logger.info({ found: true }, 'handler line');
      void reply.code(req.headers['x-fail'] ? 403 : 200).send({});
    });
    fastify.post('/mcp/:token', (_req, reply) => void reply.send({ ok: true }));
    for (const probe of ['/healthz', '/readyz', '/metrics'])
      fastify.get(probe, (_req, reply) => void reply.send('ok'));
    return { fastify, lines };
  }

  it('writes one line per REST request with its id and no credentials, and none for MCP requests', async () => {
    const { fastify, lines } = await served('info');
    await fastify.inject({
      method: 'GET',
      url: '/api/v1/thing?code=s3cret',
      headers: { authorization: 'Bearer cgw_secret', 'x-request-id': 'req-42', 'user-agent': 'ui/1' },
    });
    await fastify.inject({ method: 'POST', url: `/mcp/cmcp_${'a'.repeat(43)}` });
    const completed = lines.filter((line) => line['msg'] === 'request completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      level: 30,
      req: { id: 'req-42', method: 'GET', url: '/api/v1/thing?code=[redacted]', userAgent: 'ui/1' },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(lines)).not.toContain('cgw_secret');
    expect(JSON.stringify(lines)).not.toContain('s3cret');
  });

  it("gives the handler's log lines the request's id, as nestjs-pino's middleware did", async () => {
    const { fastify, lines } = await served('info');
    await fastify.inject({ method: 'GET', url: '/api/v1/thing', headers: { 'x-request-id': 'req-7' } });
    expect(lines.find((line) => line['msg'] === 'handler line')).toMatchObject({
      found: true,
      req: { id: 'req-7' },
    });
    // Outside a request the store is empty, so nestjs-pino's Logger uses its root logger.
    expect(storage.getStore()).toBeUndefined();
  });

  it('keeps refused requests at level warn and drops the rest at that level', async () => {
    const { fastify, lines } = await served('warn');
    await fastify.inject({ method: 'GET', url: '/api/v1/thing' });
    await fastify.inject({ method: 'GET', url: '/api/v1/thing', headers: { 'x-fail': '1' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, res: { statusCode: 403 } });
  });

  it('writes no line for health probes and metrics scrapes, and still one for any other route', async () => {
    const { fastify, lines } = await served('info');
    for (const url of ['/healthz', '/readyz', '/metrics', '/metrics?x=1', '/healthz/']) {
      await fastify.inject({ method: 'GET', url });
    }
    expect(lines.filter((line) => line['msg'] === 'request completed')).toHaveLength(0);
    await fastify.inject({ method: 'GET', url: '/api/v1/thing' });
    expect(lines.filter((line) => line['msg'] === 'request completed')).toHaveLength(1);
  });
});
