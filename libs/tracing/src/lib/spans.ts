import {
  context,
  INVALID_SPAN_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';

export { SpanKind, type Attributes, type Span };

/**
 * The span names the gateway exports, stable: dashboards and alerts are built on them (docs/observability.md).
 * One MCP request is `mcp.request` with `mcp.admission`, `tool.call` (its `clickup.request`s) and `audit.append`
 * under it; a call the queue carries on continues in the worker's `queue.job`.
 */
export const SPANS = {
  mcpRequest: 'mcp.request',
  admission: 'mcp.admission',
  toolCall: 'tool.call',
  clickupRequest: 'clickup.request',
  auditAppend: 'audit.append',
  queueJob: 'queue.job',
} as const;
export type SpanName = (typeof SPANS)[keyof typeof SPANS];

/**
 * The API's tracer. Without the SDK (tracing off) the API hands out non-recording spans that cost an object each;
 * once the SDK registers its provider, this same tracer delegates to it.
 */
const tracer = trace.getTracer('clickup-mcp-gateway');

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent, when not the active context: a remote caller's or a queued job's. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `work` inside a span: active for everything `work` awaits, ended when it settles. A throw is recorded as the
 * span's error (its message, which the callers keep free of secrets) and rethrown.
 */
export function inSpan<T>(
  name: SpanName,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer.startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Starts a span that the caller ends (one whose end is not where a function returns). */
export function startSpan(name: SpanName, options: SpanOptions = {}): Span {
  return tracer.startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links },
    options.parent ?? context.active(),
  );
}

/** Runs `work` with `span` as the active span, so the spans it starts are its children. */
export function withSpan<T>(span: Span, work: () => T): T {
  return context.with(trace.setSpan(context.active(), span), work);
}

/** The span running now (a no-op span when there is none, or tracing is off). */
export function activeSpan(): Span {
  return trace.getActiveSpan() ?? trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
}

/** Marks a span failed with an error's name and message (never its stack, which can hold request data). */
export function failSpan(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  const message = error instanceof Error ? error.message : String(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute('error.type', error instanceof Error ? error.name : 'Error');
}

/** Marks a span failed for a reason that is not an exception (an error answer, a refusal). */
export function markError(span: Span, errorType: string, message?: string): void {
  if (!span.isRecording()) return;
  span.setStatus({ code: SpanStatusCode.ERROR, ...(message ? { message } : {}) });
  span.setAttribute('error.type', errorType);
}
