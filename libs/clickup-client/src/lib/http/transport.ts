import type { IncomingHttpHeaders } from 'node:http';
import { Pool, type Dispatcher } from 'undici';
import { carrierOf, failSpan, markError, SpanKind, SPANS, startSpan, type Span } from '@gw/tracing';
import { requestUrlPath, requestUrlTemplate, type ClickUpRequest, type MultipartForm } from '../request';
import { authorizationHeader, tokenFingerprint, type ClickUpCredential } from './credential';
import { ClickUpError, toClickUpError, type FailureContext, type UpstreamFailure } from './errors';
import { parseRateLimit, type HeaderBag, type RateLimitInfo } from './rate-limit';

export interface ClickUpRawResponse {
  status: number;
  /** Parsed JSON, or null for an empty answer (204). */
  body: unknown;
  rateLimit: RateLimitInfo | null;
}

export interface ExecuteOptions {
  /** `https://api.clickup.com`, or the sandbox; v2 is served under `/api/v2`, v3 under `/api/v3`. */
  baseUrl: string;
  /** Absent only for the OAuth token exchange. */
  credential?: ClickUpCredential;
  timeoutMs: number;
  signal?: AbortSignal;
  /** More strings to keep out of error messages (an OAuth client secret or code). */
  secrets?: readonly string[];
  /**
   * The W3C trace context of the MCP request this call serves (its `_meta.traceparent`), forwarded so ClickUp's side
   * joins the trace. With tracing on, the request's own `clickup.request` span is sent instead.
   */
  traceparent?: string;
  /** How many times this same request was sent before within its call (retries after 5xx or 429). */
  resendCount?: number;
}

export type RateLimitListener = (tokenFingerprint: string, info: RateLimitInfo) => void;

/**
 * Told of every request this transport sends, for metrics: `status` is null when no answer came (timeout, reset,
 * refused connection). The client library defines it so it never depends on an app's metrics.
 */
export interface ClickUpRequestRecorder {
  requestEnded(method: string, status: number | null, seconds: number): void;
}

export interface ClickUpTransportOptions {
  /** Called with each answer's rate-limit headers, so a shared budget per token can be kept. */
  onRateLimit?: RateLimitListener;
  recorder?: ClickUpRequestRecorder;
}

/** Sent on every request. Several v2 operations declare Content-Type as required even without a body. */
export const CLICKUP_REQUEST_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/json',
  'content-type': 'application/json',
};

// One keep-alive pool per origin for the whole process: every client and server shares the sockets.
const POOL_CONNECTIONS = 64;
const KEEP_ALIVE_MS = 30_000;
const pools = new Map<string, Pool>();

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    // pipelining 1 = one request at a time per socket, sockets reused (0 would disable keep-alive).
    pool = new Pool(origin, {
      connections: POOL_CONNECTIONS,
      pipelining: 1,
      keepAliveTimeout: KEEP_ALIVE_MS,
    });
    pools.set(origin, pool);
  }
  return pool;
}

const baseUrls = new Map<string, { origin: string; pathPrefix: string }>();

/** The origin of a base URL and the path prefix before `/api/v2` (empty for ClickUp itself). */
function parseBaseUrl(baseUrl: string): { origin: string; pathPrefix: string } {
  let parsed = baseUrls.get(baseUrl);
  if (!parsed) {
    const url = new URL(baseUrl);
    parsed = { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') };
    baseUrls.set(baseUrl, parsed);
  }
  return parsed;
}

/** Closes the shared pools (process shutdown, test teardown). */
export async function closeClickUpPools(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.close()));
}

// Failures before the request could have left this process.
const CONNECT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);
const TIMEOUT_ERROR_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCodeOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false; raw: string } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, raw: text };
  }
}

interface Answer {
  status: number;
  headers: HeaderBag;
  text: string;
}

/**
 * One request through undici's `dispatch`, the answer collected as bytes and decoded once (a UTF-8 byte order mark
 * skipped, as undici's `body.text()` does). `request()` wraps every answer in a Readable stream, with its buffers,
 * events and state, that an answer read whole does not need: ~10 KB of garbage per call, and 13 % of the api's
 * CPU per `task_get` at 64 connections (docs/benchmarks.md).
 */
function send(pool: Pool, options: Dispatcher.DispatchOptions, signal?: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let controller: Dispatcher.DispatchController | null = null;
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    // A request still queued in the pool is aborted when it starts.
    const onAbort = () => controller?.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (signal?.aborted) started.abort(signal.reason);
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        // 1xx answers are interim; the final one follows.
        if (statusCode < 200) return;
        status = statusCode;
        headers = responseHeaders;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        settle();
        const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        const bom = body.length > 2 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
        resolve({ status, headers, text: body.toString('utf8', bom ? 3 : 0) });
      },
      onResponseError(_controller, error) {
        settle();
        reject(error);
      },
    };
    try {
      pool.dispatch(options, handler);
    } catch (error) {
      settle();
      reject(error);
    }
  });
}

/**
 * A multipart/form-data body and its content type (with the boundary), encoded by Node's own FormData, so the
 * parts are written as fetch writes them.
 */
export async function encodeMultipart(form: MultipartForm): Promise<{ contentType: string; bytes: Buffer }> {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  for (const file of form.files) {
    const bytes = Buffer.from(file.content_base64, 'base64');
    data.append(file.field, new Blob([bytes], { type: file.mime_type }), file.file_name);
  }
  const encoded = new Response(data);
  return {
    contentType: encoded.headers.get('content-type') ?? 'multipart/form-data',
    bytes: Buffer.from(await encoded.arrayBuffer()),
  };
}

/** Executes `ClickUpRequest`s over shared keep-alive pools and maps every failure to a `ClickUpError`. */
export class ClickUpTransport {
  constructor(private readonly options: ClickUpTransportOptions = {}) {}

  /**
   * `timeoutMs` bounds the wait for ClickUp's response headers once the request is sent, and each pause
   * while its body arrives. undici's own timers do this; a per-request AbortController and timer cost about
   * a third of the throughput against a fast upstream, so a signal is only attached when the caller gives one.
   */
  async execute(request: ClickUpRequest, options: ExecuteOptions): Promise<ClickUpRawResponse> {
    const base = parseBaseUrl(options.baseUrl);
    const context: FailureContext = {
      operation: request.operation,
      method: request.method,
      secrets: [...(options.credential ? [options.credential.token] : []), ...(options.secrets ?? [])],
    };
    const headers: Record<string, string> = { ...CLICKUP_REQUEST_HEADERS };
    if (options.credential) headers['authorization'] = authorizationHeader(options.credential);
    const span = startSpan(SPANS.clickupRequest, { kind: SpanKind.CLIENT });
    const traced = carrierOf(span.spanContext());
    if (traced) {
      headers['traceparent'] = traced.traceparent;
      if (traced.tracestate) headers['tracestate'] = traced.tracestate;
    } else if (options.traceparent) {
      headers['traceparent'] = options.traceparent;
    }
    if (span.isRecording()) describeRequest(span, request, base.origin, options);
    try {
      const response = await this.send(request, options, base, headers, context);
      if (span.isRecording()) span.setAttribute('http.response.status_code', response.status);
      return response;
    } catch (error) {
      if (span.isRecording()) describeFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  private async send(
    request: ClickUpRequest,
    options: ExecuteOptions,
    base: { origin: string; pathPrefix: string },
    headers: Record<string, string>,
    context: FailureContext,
  ): Promise<ClickUpRawResponse> {
    let payload: string | Buffer | undefined =
      request.body === undefined ? undefined : JSON.stringify(request.body);
    if (request.form) {
      const multipart = await encodeMultipart(request.form);
      headers['content-type'] = multipart.contentType;
      payload = multipart.bytes;
    }

    let answer: Answer;
    const started = this.options.recorder ? performance.now() : 0;
    try {
      answer = await send(
        poolFor(base.origin),
        {
          path: `${base.pathPrefix}${requestUrlPath(request)}`,
          method: request.method,
          headers,
          body: payload,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        },
        options.signal,
      );
    } catch (error) {
      this.record(request.method, null, started);
      throw toClickUpError(this.classify(error, options), context);
    }
    const { status, headers: responseHeaders, text } = answer;
    this.record(request.method, status, started);

    const rateLimit = parseRateLimit(responseHeaders);
    if (rateLimit && options.credential) this.report(options.credential, rateLimit);

    const parsed = parseBody(text);
    if (status >= 200 && status < 300) {
      if (!parsed.ok) {
        throw toClickUpError(
          { kind: 'unreadable', status, reason: 'the body is not JSON', rateLimit },
          context,
        );
      }
      return { status, body: parsed.value, rateLimit };
    }
    const body = parsed.ok ? parsed.value : parsed.raw;
    throw toClickUpError({ kind: 'http', status, body, headers: responseHeaders, rateLimit }, context);
  }

  private classify(error: unknown, options: ExecuteOptions): UpstreamFailure {
    const code = errorCodeOf(error);
    if (code !== null && TIMEOUT_ERROR_CODES.has(code))
      return { kind: 'timeout', timeoutMs: options.timeoutMs };
    if (options.signal?.aborted) return { kind: 'cancelled' };
    if (code !== null && CONNECT_ERROR_CODES.has(code)) return { kind: 'connect', errorCode: code };
    return { kind: 'reset', errorCode: code };
  }

  private record(method: string, status: number | null, started: number): void {
    try {
      this.options.recorder?.requestEnded(method, status, (performance.now() - started) / 1000);
    } catch {
      // Metrics never fail a call.
    }
  }

  private report(credential: ClickUpCredential, info: RateLimitInfo): void {
    if (!this.options.onRateLimit) return;
    try {
      this.options.onRateLimit(tokenFingerprint(credential.token), info);
    } catch {
      // A failing budget hook must not turn a successful ClickUp call into an error.
    }
  }
}

/**
 * What a `clickup.request` span says of its request: the method, the route with its ids left out, the operation,
 * the server, and the retry it is. Never the token, the query or the body.
 */
function describeRequest(span: Span, request: ClickUpRequest, origin: string, options: ExecuteOptions): void {
  const url = new URL(origin);
  span.setAttributes({
    'http.request.method': request.method,
    'url.template': requestUrlTemplate(request),
    'server.address': url.hostname,
    'clickup.operation': request.operation,
  });
  if (url.port) span.setAttribute('server.port', Number(url.port));
  if (options.resendCount) span.setAttribute('http.request.resend_count', options.resendCount);
}

/** A failed request: its HTTP status when ClickUp answered, else what went wrong (`timeout`, `connect`, `reset`). */
function describeFailure(span: Span, error: unknown): void {
  if (!(error instanceof ClickUpError)) return failSpan(span, error);
  if (error.status !== null) span.setAttribute('http.response.status_code', error.status);
  // The code and ClickUp's ECODE, not the message, which can quote what ClickUp said about the workspace's data.
  markError(
    span,
    error.status !== null ? String(error.status) : error.code,
    error.ecode ? `${error.code} ${error.ecode}` : error.code,
  );
}
