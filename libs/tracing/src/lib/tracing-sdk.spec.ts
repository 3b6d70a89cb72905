import { OtlpReceiver } from '@gw/testing';
import { inSpan, SpanKind, SPANS } from './spans';
import { activeCarrier, contextFromCarrier } from './trace-context';
import { exportProblems, startTracing, tracesUrl, type TracingOptions } from './tracing-sdk';

const OPTIONS: TracingOptions = { sampler: 'parentbased_always_on', samplerRatio: 1 };
const API = { serviceName: 'clickup-mcp-gateway-api' };

const SDK_MODULES = [
  '@opentelemetry/sdk-trace-node',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/resources',
];

describe('startTracing', () => {
  it('derives the traces URL from the base endpoint as the OTLP spec does', () => {
    expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('https://otlp.example.com/otlp/')).toBe('https://otlp.example.com/otlp/v1/traces');
  });

  it("tells each kind of the SDK's export problems once a minute, not once per batch", () => {
    const told: string[] = [];
    let now = 0;
    const diag = exportProblems(
      (line) => told.push(line),
      () => now,
    );
    diag.warn('Dropped 488 spans because maxQueueSize reached');
    diag.warn('Dropped 12 spans because maxQueueSize reached');
    diag.error('Export failed', new Error('connect ECONNREFUSED 127.0.0.1:4318'));
    diag.info('chatter');
    now = 60_000;
    diag.warn('Dropped 3 spans because maxQueueSize reached');
    expect(told).toEqual([
      'tracing warning: Dropped 488 spans because maxQueueSize reached',
      'tracing error: Export failed connect ECONNREFUSED 127.0.0.1:4318',
      'tracing warning: Dropped 3 spans because maxQueueSize reached',
    ]);
  });

  it('loads no SDK module without an endpoint, and spans are no-ops that cost no trace', async () => {
    const loaded: string[] = [];
    for (const name of SDK_MODULES) {
      jest.doMock(name, () => {
        loaded.push(name);
        return {};
      });
    }
    await jest.isolateModulesAsync(async () => {
      const sdk = await import('./tracing-sdk');
      const tracing = await sdk.startTracing(OPTIONS, API);
      expect(tracing).toMatchObject({ enabled: false, url: null });
      await tracing.shutdown();
    });
    const seen = await inSpan(SPANS.toolCall, {}, async (span) => {
      expect(span.isRecording()).toBe(false);
      return activeCarrier();
    });
    expect(seen).toBeUndefined();
    expect(loaded).toEqual([]);
    for (const name of SDK_MODULES) jest.dontMock(name);
  });
});

describe('startTracing with a collector', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
  });
  afterAll(() => receiver.close());

  it('exports spans with their service, parents and the export headers, continuing a remote parent', async () => {
    const tracing = await startTracing(
      {
        ...OPTIONS,
        endpoint: receiver.endpoint,
        headers: { 'x-api-key': 'collector-key' },
      },
      API,
    );
    expect(tracing).toMatchObject({ enabled: true, url: `${receiver.endpoint}/v1/traces` });
    const remote = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const carrier = await inSpan(
      SPANS.queueJob,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFromCarrier(remote),
        attributes: { 'messaging.system': 'bullmq' },
      },
      () => inSpan(SPANS.clickupRequest, { kind: SpanKind.CLIENT }, async () => activeCarrier()),
    );
    await expect(
      inSpan(SPANS.auditAppend, {}, () => Promise.reject(new Error('database gone'))),
    ).rejects.toThrow('database gone');
    await tracing.shutdown();

    const job = receiver.spans.find((s) => s.name === 'queue.job');
    const request = receiver.spans.find((s) => s.name === 'clickup.request');
    const audit = receiver.spans.find((s) => s.name === 'audit.append');
    expect(job).toMatchObject({
      service: 'clickup-mcp-gateway-api',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      parentSpanId: 'b7ad6b7169203331',
      kind: 5,
      attributes: { 'messaging.system': 'bullmq' },
    });
    expect(request).toMatchObject({ traceId: job?.traceId, parentSpanId: job?.spanId, kind: 3 });
    expect(carrier?.traceparent).toBe(`00-${request?.traceId}-${request?.spanId}-01`);
    expect(audit?.status).toEqual({ code: 2, message: 'database gone' });
    expect(audit?.attributes['error.type']).toBe('Error');
    expect(receiver.exports[0]?.['x-api-key']).toBe('collector-key');
  });
});
