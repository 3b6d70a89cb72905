import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { QueueGauges, type MeasuredQueue } from './queue-gauges';

/** Which process a metric comes from: every series carries it as the `app` label. */
export type MetricsApp = 'api' | 'worker';

/** Outcomes of a tool call, as the audit log names them. */
export type ToolCallOutcome = 'ok' | 'queued' | 'denied' | 'error';

export type CacheName = 'server' | 'caller_account';

/** How a queued call ended: its own outcome once it ran, or the queue gave up on it, or its client withdrew it. */
export type QueuedCallEnding = 'ok' | 'error' | 'denied' | 'dead_lettered' | 'cancelled';
/** Stored secrets by the key that opens them, as the last count found them. */
export interface CredentialKeyCounts {
  under_current: number;
  under_previous: number;
  unreadable: number;
}

/** How one delivery of a batch to an audit sink ended. */
export type AuditSinkDeliveryOutcome = 'delivered' | 'failed';

/** One audit sink's backlog as the worker last measured it. */
export interface AuditSinkLag {
  sink: string;
  events: number;
  seconds: number;
}

const SECONDS_FAST = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const SECONDS_UPSTREAM = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SECONDS_WAIT = [0.01, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300];

/** JSON-RPC methods named as themselves in `gateway_mcp_request_duration_seconds`; any other is `other`. */
const MCP_METHODS = new Set([
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/read',
  'prompts/list',
  'tasks/get',
  'tasks/result',
  'tasks/list',
  'tasks/cancel',
  'subscriptions/listen',
  'server/discover',
]);

/**
 * Every application metric of the api and the worker, in one registry per process (one per app instance, so tests
 * that boot several apps do not collide). Label values come from fixed sets only: no ids, no user input, and a tool
 * name only when the catalog knows it (the caller passes `known`).
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS_FAST,
    registers: [this.registry],
  });

  readonly toolCalls = new Counter({
    name: 'gateway_tool_calls_total',
    help: 'Tool calls by tool and outcome (ok, queued, denied, error).',
    labelNames: ['tool', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly mcpDuration = new Histogram({
    name: 'gateway_mcp_request_duration_seconds',
    help: 'Time to answer one MCP JSON-RPC request, its audit row included, by method.',
    labelNames: ['method'] as const,
    buckets: SECONDS_UPSTREAM,
    registers: [this.registry],
  });

  readonly clickupDuration = new Histogram({
    name: 'gateway_clickup_request_duration_seconds',
    help: 'ClickUp API request latency by HTTP method and status class (2xx, 4xx, 5xx, or error when no answer came).',
    labelNames: ['method', 'status_class'] as const,
    buckets: SECONDS_UPSTREAM,
    registers: [this.registry],
  });

  readonly clickupRateLimited = new Counter({
    name: 'gateway_clickup_rate_limited_total',
    help: 'ClickUp answers with status 429 (rate limited).',
    registers: [this.registry],
  });

  readonly budgetWait = new Histogram({
    name: 'gateway_rate_budget_wait_seconds',
    help: "Time a ClickUp request waited for a permit of its token's shared rate budget (requests that waited).",
    buckets: SECONDS_WAIT,
    registers: [this.registry],
  });

  readonly auditAppend = new Histogram({
    name: 'gateway_audit_append_duration_seconds',
    help: 'Time to append one audit event to the hash chain (committed).',
    buckets: SECONDS_FAST,
    registers: [this.registry],
  });

  readonly auditAppendFailures = new Counter({
    name: 'gateway_audit_append_failures_total',
    help: 'Audit appends that failed (the action was answered with an error or retried).',
    registers: [this.registry],
  });

  readonly auditCheckpoints = new Counter({
    name: 'gateway_audit_checkpoints_total',
    help: 'Signed audit checkpoints by outcome (written; failed: the chain since the last checkpoint did not verify, or the database failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly auditArchives = new Counter({
    name: 'gateway_audit_archives_total',
    help: 'Archives of purged audit ranges by outcome (written; failed: nothing was purged).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'gateway_cache_lookups_total',
    help: 'Cache lookups by cache (server, caller_account) and result (hit, miss).',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  readonly securityEvents = new Counter({
    name: 'gateway_security_events_total',
    help: 'Refused unauthenticated requests (unknown MCP URLs, bad credentials, failed sign-ins, rate limits) by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'gateway_dead_letters_total',
    help: 'Jobs that failed for good (dead-lettered) by queue.',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly queuedCallEndings = new Counter({
    name: 'gateway_queued_call_endings_total',
    help: 'Queued tool calls by how they ended (ok, error, denied, dead_lettered, cancelled), counted once each.',
    labelNames: ['tool', 'ending'] as const,
    registers: [this.registry],
  });

  readonly credentialsByKey = new Gauge({
    name: 'gateway_credentials_by_key',
    help:
      'Stored secrets by the key that opens them (current, previous, unreadable), as last counted: at worker start, ' +
      'after each re-encryption run, and at each read of the encryption status.',
    labelNames: ['key'] as const,
    registers: [this.registry],
  });

  readonly auditSinkLagEvents = new Gauge({
    name: 'gateway_audit_sink_lag_events',
    help: 'Audit events an audit sink has not acknowledged yet, by sink name.',
    labelNames: ['sink'] as const,
    registers: [this.registry],
  });

  readonly auditSinkLagSeconds = new Gauge({
    name: 'gateway_audit_sink_lag_seconds',
    help: 'Age of the oldest audit event an audit sink has not acknowledged yet (0 when it is up to date), by sink name.',
    labelNames: ['sink'] as const,
    registers: [this.registry],
  });

  readonly auditSinkDeliveries = new Counter({
    name: 'gateway_audit_sink_deliveries_total',
    help: 'Batch deliveries to audit sinks by sink name and outcome (delivered, failed).',
    labelNames: ['sink', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly callsInterrupted = new Counter({
    name: 'gateway_calls_interrupted_total',
    help: 'Tool calls that may have written whose api process stopped before their audit row committed, recorded as INTERRUPTED by the sweeper.',
    registers: [this.registry],
  });

  /** Handed to a ClickUp transport (its `recorder` option): the client library knows nothing of Prometheus. */
  readonly clickupRecorder = {
    requestEnded: (method: string, status: number | null, seconds: number) =>
      this.clickupRequest(method, status, seconds),
  };

  constructor(app: MetricsApp) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Queue depth and oldest job age by state, read from the queues when Prometheus scrapes. */
  measureQueues(queues: () => readonly MeasuredQueue[]): void {
    new QueueGauges(queues).register(this.registry);
  }

  /**
   * Audit records handed to this process's writer and not yet committed: the writer's lag. It stays near zero; a
   * growing value means the database cannot keep up and agents' calls are waiting for their rows.
   */
  measureAuditBacklog(pending: () => number): void {
    new Gauge({
      name: 'gateway_audit_pending_records',
      help: 'Audit records waiting to be committed to the hash chain in this process.',
      registers: [this.registry],
      collect() {
        this.set(pending());
      },
    });
  }

  queuedCallEnded(tool: string, ending: QueuedCallEnding): void {
    this.queuedCallEndings.inc({ tool, ending });
  }

  toolCall(tool: string, known: boolean, outcome: ToolCallOutcome): void {
    this.toolCalls.inc({ tool: known ? tool : 'unknown', outcome });
  }

  mcpRequest(method: string, seconds: number): void {
    this.mcpDuration.observe({ method: MCP_METHODS.has(method) ? method : 'other' }, seconds);
  }

  /** `status` null: no answer (timeout, reset, refused connection). */
  clickupRequest(method: string, status: number | null, seconds: number): void {
    this.clickupDuration.observe({ method: httpMethod(method), status_class: statusClass(status) }, seconds);
    if (status === 429) this.clickupRateLimited.inc();
  }

  cacheLookup(cache: CacheName, hit: boolean): void {
    this.cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
  }

  /** Replaces every sink's lag series, so a deleted or renamed sink stops being reported. */
  auditSinkLag(lags: readonly AuditSinkLag[]): void {
    this.auditSinkLagEvents.reset();
    this.auditSinkLagSeconds.reset();
    for (const lag of lags) {
      this.auditSinkLagEvents.set({ sink: lag.sink }, lag.events);
      this.auditSinkLagSeconds.set({ sink: lag.sink }, lag.seconds);
    }
  }

  auditSinkDelivery(sink: string, outcome: AuditSinkDeliveryOutcome): void {
    this.auditSinkDeliveries.inc({ sink, outcome });
  }

  /** Times an audit append; a rejected one counts as a failure and is rethrown. */
  async timeAuditAppend<T>(append: () => Promise<T>): Promise<T> {
    const end = this.auditAppend.startTimer();
    try {
      const result = await append();
      end();
      return result;
    } catch (error) {
      this.auditAppendFailures.inc();
      throw error;
    }
  }

  credentialCensus(counts: CredentialKeyCounts): void {
    this.credentialsByKey.set({ key: 'current' }, counts.under_current);
    this.credentialsByKey.set({ key: 'previous' }, counts.under_previous);
    this.credentialsByKey.set({ key: 'unreadable' }, counts.unreadable);
  }

  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const httpMethod = (method: string) => (HTTP_METHODS.has(method) ? method : 'OTHER');

function statusClass(status: number | null): string {
  if (status === null || status < 100 || status > 599) return 'error';
  return `${Math.floor(status / 100)}xx`;
}
