import {
  context,
  createTraceState,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';

/**
 * A W3C Trace Context as it travels outside a process: in a job's data, from the api that queued a call to the worker
 * that carries it on. Plain strings, so it survives the queue's JSON.
 */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

// version-traceid-parentid-flags; a later version may append fields after another dash (W3C Trace Context §3.2.4).
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;
/** The W3C limit a vendor must keep a `tracestate` under; a longer one is dropped, not cut. */
const MAX_TRACESTATE_LENGTH = 512;

/**
 * The span context a `traceparent` (and its `tracestate`) name, marked remote; null when the value is not one a
 * W3C parser accepts: version `ff`, all-zero ids, upper case, extra fields on version 00, anything not a string.
 */
export function parseTraceparent(traceparent: unknown, tracestate?: unknown): SpanContext | null {
  if (typeof traceparent !== 'string' || traceparent.length > 512) return null;
  const match = TRACEPARENT.exec(traceparent.trim());
  if (!match) return null;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return null;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(spanId)) return null;
  const spanContext: SpanContext = {
    traceId,
    spanId,
    // Only the sampled bit is defined; the others are dropped as the spec asks of version 00 parsers.
    traceFlags: parseInt(flags, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  if (typeof tracestate === 'string' && tracestate !== '' && tracestate.length <= MAX_TRACESTATE_LENGTH) {
    spanContext.traceState = createTraceState(tracestate);
  }
  return spanContext;
}

/** `00-{trace id}-{span id}-{flags}`: the header a request made in this span carries. */
export function formatTraceparent(spanContext: SpanContext): string {
  const flags = (spanContext.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** Whether a span context names a real trace (the no-op API's spans carry all-zero ids). */
export function isValidSpanContext(spanContext: SpanContext): boolean {
  return (
    /^[0-9a-f]{32}$/.test(spanContext.traceId) &&
    !ALL_ZERO.test(spanContext.traceId) &&
    /^[0-9a-f]{16}$/.test(spanContext.spanId) &&
    !ALL_ZERO.test(spanContext.spanId)
  );
}

/** The carrier of a span context, or undefined when it names no trace (tracing off). */
export function carrierOf(spanContext: SpanContext | undefined): TraceCarrier | undefined {
  if (!spanContext || !isValidSpanContext(spanContext)) return undefined;
  const tracestate = spanContext.traceState?.serialize();
  const traceparent = formatTraceparent(spanContext);
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** The carrier of the span running now, to hand to the process that continues the work; undefined when none. */
export function activeCarrier(): TraceCarrier | undefined {
  return carrierOf(trace.getActiveSpan()?.spanContext());
}

/**
 * A context whose parent is the span a carrier names, for the span that continues its trace. A missing or malformed
 * carrier (an older job, a client's garbage header) gives `base`: the work then starts a trace of its own.
 */
export function contextFromCarrier(carrier: unknown, base: Context = ROOT_CONTEXT): Context {
  if (typeof carrier !== 'object' || carrier === null) return base;
  const { traceparent, tracestate } = carrier as Record<string, unknown>;
  const parent = parseTraceparent(traceparent, tracestate);
  return parent ? trace.setSpanContext(base, parent) : base;
}

/** The context a request's own `traceparent` and `tracestate` headers continue, or the current one. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  const traceparent = headers['traceparent'];
  if (traceparent === undefined) return context.active();
  return contextFromCarrier({ traceparent, tracestate: headers['tracestate'] }, context.active());
}
