import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsOptional,
  IsUrl,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { EnvVar } from './env-var.decorator';

/** The samplers the OpenTelemetry SDK reads from `OTEL_TRACES_SAMPLER`. */
export const TRACES_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type TracesSampler = (typeof TRACES_SAMPLERS)[number];

/**
 * `OTEL_EXPORTER_OTLP_HEADERS` as the OpenTelemetry spec writes it: `key=value` pairs separated by commas, values
 * percent-encoded. Null when a pair is malformed, so the boot error names the variable (never its value).
 */
export function parseOtlpHeaders(text: string): Record<string, string> | null {
  const headers: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    if (at <= 0) return null;
    const key = pair.slice(0, at).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) return null;
    try {
      headers[key.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      return null;
    }
  }
  return headers;
}

@ValidatorConstraint({ name: 'otlpHeaders' })
class OtlpHeadersConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value === undefined || (typeof value === 'object' && value !== null);
  }

  defaultMessage(): string {
    return 'must be comma-separated key=value pairs (values percent-encoded), e.g. "authorization=Bearer%20abc"';
  }
}

/**
 * OpenTelemetry traces (docs/observability.md, "Traces"). Off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set; then the
 * SDK is loaded and spans go to that collector over OTLP/HTTP (JSON). The names are the SDK's own variables, so an
 * operator's usual settings work unchanged; the SDK also reads its other `OTEL_*` variables (`OTEL_BSP_*`,
 * `OTEL_RESOURCE_ATTRIBUTES`, span limits) itself.
 */
export class TracingConfig {
  @EnvVar({
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    description:
      'Base URL of an OpenTelemetry collector that takes OTLP over HTTP (e.g. `http://otel-collector:4318`): set, the api and the worker export a trace per MCP request to `{endpoint}/v1/traces` (span names in docs/observability.md); unset, tracing is off and its SDK is not even loaded.',
    default: '(off)',
  })
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  endpoint?: string;

  @EnvVar({
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    description:
      'Headers sent with every export, as `key=value` pairs separated by commas, values percent-encoded (e.g. `authorization=Bearer%20abc`): how most hosted collectors take their API key.',
    secret: true,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? (parseOtlpHeaders(value) ?? false) : value))
  @Validate(OtlpHeadersConstraint)
  headers?: Record<string, string>;

  @EnvVar({
    name: 'OTEL_SERVICE_NAME',
    description: 'The `service.name` of the exported spans.',
    default: 'clickup-mcp-gateway-api (the worker: clickup-mcp-gateway-worker)',
  })
  @IsOptional()
  @Matches(/^\S.{0,254}$/, { message: 'must be 1 to 255 characters, not starting with a space' })
  serviceName?: string;

  @EnvVar({
    name: 'OTEL_TRACES_SAMPLER',
    description: `Which traces are kept: ${TRACES_SAMPLERS.join(', ')}. The default keeps every trace and follows a caller's sampled flag.`,
    default: 'parentbased_always_on',
  })
  @IsIn(TRACES_SAMPLERS, { message: `must be one of ${TRACES_SAMPLERS.join(', ')}` })
  sampler: TracesSampler = 'parentbased_always_on';

  @EnvVar({
    name: 'OTEL_TRACES_SAMPLER_ARG',
    description: 'The ratio of traces kept by the `traceidratio` samplers, from 0 to 1.',
    default: '1',
  })
  @Type(() => Number)
  @IsNumber({}, { message: 'must be a number from 0 to 1' })
  @Min(0, { message: 'must be a number from 0 to 1' })
  @Max(1, { message: 'must be a number from 0 to 1' })
  samplerRatio = 1;
}
