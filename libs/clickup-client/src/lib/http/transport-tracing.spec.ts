import { inSpan, SPANS, startTracing, type Tracing } from '@gw/tracing';
import { OtlpReceiver, type ReceivedSpan } from '@gw/testing';
import { json, startHttpStub, type HttpStub } from '../../../test/http-stub';
import type { ClickUpRequest } from '../request';
import { requestBuilders } from '../requests';
import type { ClickUpCredential } from './credential';
import { closeClickUpPools, ClickUpTransport } from './transport';

// With tracing on: each request ClickUp gets is a `clickup.request` span whose own context goes upstream.

const PERSONAL: ClickUpCredential = { kind: 'personal', token: 'pk_183_SECRETSECRETSECRET' };
const CLIENT_TRACE = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';

let stub: HttpStub;
let receiver: OtlpReceiver;
let tracing: Tracing;
const transport = new ClickUpTransport();

beforeAll(async () => {
  stub = await startHttpStub();
  receiver = await OtlpReceiver.start();
  tracing = await startTracing(
    { endpoint: receiver.endpoint, sampler: 'parentbased_always_on', samplerRatio: 1 },
    { serviceName: 'clickup-mcp-gateway-api' },
  );
});
afterAll(async () => {
  await tracing.shutdown();
  await closeClickUpPools();
  await stub.close();
  await receiver.close();
});

/** Everything a span tells a collector beyond its ids and times. */
const told = (span: ReceivedSpan) => JSON.stringify([span.name, span.attributes, span.status, span.links]);

const send = (request: ClickUpRequest = requestBuilders.tasks.get('86abc9hz'), resendCount?: number) =>
  transport.execute(request, {
    baseUrl: stub.baseUrl,
    credential: PERSONAL,
    timeoutMs: 2_000,
    traceparent: CLIENT_TRACE,
    resendCount,
  });

it('sends its own span as traceparent, as a child of the call, instead of the one it was given', async () => {
  stub.handle(json(200, { id: '86abc9hz' }));
  const callTrace = await inSpan(SPANS.toolCall, {}, async (span) => {
    await send();
    return span.spanContext();
  });
  await tracing.flush();
  const request = await receiver.waitForSpan((s) => s.name === 'clickup.request');
  expect(request).toMatchObject({ traceId: callTrace.traceId, parentSpanId: callTrace.spanId, kind: 3 });
  expect(stub.requests.at(-1)?.headers.traceparent).toBe(`00-${request.traceId}-${request.spanId}-01`);
  expect(request.attributes).toMatchObject({
    'http.request.method': 'GET',
    'url.template': '/api/v2/task/{id}',
    'clickup.operation': 'getTask',
    'server.address': '127.0.0.1',
    'http.response.status_code': 200,
  });
  expect(told(request)).not.toContain('86abc9hz');
  expect(told(request)).not.toContain(PERSONAL.token);
});

it('marks a failed request with its status and retry, keeping ClickUp words in the route and ids out', async () => {
  receiver.clear();
  stub.handle(json(503, { err: 'Service unavailable', ECODE: 'OAUTH_017' }));
  const request = requestBuilders.tags.update('790', 'release 2', {
    name: 'release 3',
    fg_color: '#fff',
    bg_color: '#000',
  });
  await expect(send(request, 2)).rejects.toThrow();
  await tracing.flush();
  const span = await receiver.waitForSpan((s) => s.name === 'clickup.request');
  expect(span.attributes).toMatchObject({
    'http.request.method': 'PUT',
    'url.template': '/api/v2/space/{id}/tag/{id}',
    'http.response.status_code': 503,
    'http.request.resend_count': 2,
    'error.type': '503',
  });
  expect(span.status).toEqual({ code: 2, message: 'UPSTREAM_ERROR OAUTH_017' });
  expect(told(span)).not.toMatch(/release|Service unavailable/);
});
