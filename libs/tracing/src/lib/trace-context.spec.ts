import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import {
  activeCarrier,
  carrierOf,
  contextFromCarrier,
  contextFromHeaders,
  formatTraceparent,
  parseTraceparent,
} from './trace-context';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const VALID = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe('W3C trace context', () => {
  it('reads a traceparent into a remote, sampled span context and writes it back unchanged', () => {
    const parsed = parseTraceparent(VALID);
    expect(parsed).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(parsed && formatTraceparent(parsed)).toBe(VALID);
  });

  it('keeps an unsampled flag, and only the sampled bit of the flags', () => {
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-00`)?.traceFlags).toBe(TraceFlags.NONE);
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-03`)?.traceFlags).toBe(TraceFlags.SAMPLED);
  });

  it('reads a later version by its first four fields, as the spec asks of a version 00 parser', () => {
    expect(parseTraceparent(`01-${TRACE_ID}-${SPAN_ID}-01-future`)?.traceId).toBe(TRACE_ID);
  });

  it.each([
    ['version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
    ['version 00 with more fields', `${VALID}-extra`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['an all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['upper case', VALID.toUpperCase()],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
    ['a header injection attempt', `${VALID}\r\nx-evil: 1`],
    ['empty', ''],
    ['not a string', 42],
    ['an array (a repeated header)', [VALID, VALID]],
  ])('ignores a traceparent that is %s', (_case, value) => {
    expect(parseTraceparent(value)).toBeNull();
  });

  it('carries tracestate along, and drops one over the 512 characters W3C allows', () => {
    expect(parseTraceparent(VALID, 'vendor=abc,other=1')?.traceState?.serialize()).toBe('vendor=abc,other=1');
    expect(parseTraceparent(VALID, `v=${'x'.repeat(600)}`)?.traceState).toBeUndefined();
  });

  it('round-trips through a job carrier: the worker continues the very span the api queued from', () => {
    const carrier = carrierOf(parseTraceparent(VALID, 'vendor=abc') ?? undefined);
    expect(carrier).toEqual({ traceparent: VALID, tracestate: 'vendor=abc' });
    const continued = trace.getSpanContext(contextFromCarrier(JSON.parse(JSON.stringify(carrier))));
    expect(continued).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
  });

  it('starts afresh from a job without a carrier or with a broken one', () => {
    for (const carrier of [undefined, null, 'text', {}, { traceparent: 'garbage' }]) {
      expect(trace.getSpanContext(contextFromCarrier(carrier))).toBeUndefined();
    }
  });

  it('has no carrier when tracing is off: the API alone starts spans with no trace', () => {
    const span = trace.getTracer('test').startSpan('off');
    expect(carrierOf(span.spanContext())).toBeUndefined();
    expect(context.with(trace.setSpan(ROOT_CONTEXT, span), () => activeCarrier())).toBeUndefined();
    expect(carrierOf(undefined)).toBeUndefined();
  });

  it('continues an incoming request whose traceparent header is valid, and ignores a forged one', () => {
    const continued = trace.getSpanContext(contextFromHeaders({ traceparent: VALID, tracestate: 'a=1' }));
    expect(continued).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
    expect(continued?.traceState?.get('a')).toBe('1');
    expect(trace.getSpanContext(contextFromHeaders({ traceparent: 'forged' }))).toBeUndefined();
    expect(trace.getSpanContext(contextFromHeaders({}))).toBeUndefined();
  });
});
