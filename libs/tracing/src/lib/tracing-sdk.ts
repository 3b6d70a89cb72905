import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { Sampler } from '@opentelemetry/sdk-trace-node';

export type TracesSamplerName =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';

export interface TracingOptions {
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`; unset, tracing stays off. */
  endpoint?: string;
  /** `OTEL_EXPORTER_OTLP_HEADERS`, parsed. */
  headers?: Record<string, string>;
  /** `OTEL_SERVICE_NAME`; unset, the process's own default. */
  serviceName?: string;
  sampler: TracesSamplerName;
  samplerRatio: number;
}

export interface TracingProcess {
  /** `clickup-mcp-gateway-api` or `clickup-mcp-gateway-worker`. */
  serviceName: string;
  /** Where export problems are told (they never stop a request). */
  warn?: (message: string) => void;
}

export interface Tracing {
  /** Whether spans are exported. */
  readonly enabled: boolean;
  /** Where they go (`{endpoint}/v1/traces`), for the start-up line. */
  readonly url: string | null;
  /** Exports what is buffered now rather than at the next batch. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops; called once on shutdown. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = {
  enabled: false,
  url: null,
  flush: async () => undefined,
  shutdown: async () => undefined,
};

/** The OTLP/HTTP traces URL of a collector's base URL, as the spec derives it from `OTEL_EXPORTER_OTLP_ENDPOINT`. */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Starts the OpenTelemetry SDK when an endpoint is configured. The SDK's modules are loaded here and only here, on
 * demand: with tracing off the process never loads them, and every span the code starts is the API's no-op
 * (docs/adr/0025-tracing.md has the cost of each).
 */
export async function startTracing(options: TracingOptions, app: TracingProcess): Promise<Tracing> {
  if (!options.endpoint) return OFF;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, resources] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  diag.setLogger(exportProblems(app.warn ?? ((message) => console.warn(message))), DiagLogLevel.WARN);
  const url = tracesUrl(options.endpoint);
  const resource = resources
    // OTEL_RESOURCE_ATTRIBUTES (deployment.environment, k8s.pod.name...) first, so the service name read from
    // OTEL_SERVICE_NAME, or the process's default, is the one that counts.
    .detectResources({ detectors: [resources.envDetector] })
    .merge(resources.resourceFromAttributes({ 'service.name': options.serviceName ?? app.serviceName }));
  const provider = new NodeTracerProvider({
    resource,
    sampler: await samplerOf(options.sampler, options.samplerRatio),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url, headers: { ...options.headers } }))],
  });
  // The async-local-storage context manager and the W3C trace-context propagator.
  provider.register();
  return {
    enabled: true,
    url,
    flush: () => provider.forceFlush().catch(() => undefined),
    shutdown: () => provider.shutdown().catch(() => undefined),
  };
}

async function samplerOf(name: TracesSamplerName, ratio: number): Promise<Sampler> {
  const { AlwaysOnSampler, AlwaysOffSampler, ParentBasedSampler, TraceIdRatioBasedSampler } =
    await import('@opentelemetry/sdk-trace-node');
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}

/**
 * The SDK's own complaints (a collector that refuses or does not answer, spans dropped from a full queue), one line
 * each with a `tracing` prefix, and each kind at most once a minute: a collector that is down must not flood the
 * log. Its debug and info chatter is left out; its messages name the URL and the status, not the export headers.
 */
export function exportProblems(warn: (message: string) => void, now = () => Date.now()): DiagLogger {
  const lastTold = new Map<string, number>();
  const line =
    (level: string) =>
    (message: string, ...args: unknown[]) => {
      const kind = `${level} ${message.replace(/\d+/g, 'N')}`;
      const last = lastTold.get(kind);
      if (last !== undefined && now() - last < PROBLEM_INTERVAL_MS) return;
      lastTold.set(kind, now());
      warn(`tracing ${level}: ${[message, ...args.map(describe)].filter(Boolean).join(' ')}`);
    };
  const quiet = () => undefined;
  return { error: line('error'), warn: line('warning'), info: quiet, debug: quiet, verbose: quiet };
}

const PROBLEM_INTERVAL_MS = 60_000;

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  return typeof value === 'string' ? value : '';
}
