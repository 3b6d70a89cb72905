import { ConfigError, loadConfig } from './load-config';
import { parseOtlpHeaders, TracingConfig } from './tracing.config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(TracingConfig, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('TracingConfig', () => {
  it('is off by default, keeping every trace once on', () => {
    expect(loadConfig(TracingConfig, {})).toMatchObject({
      endpoint: undefined,
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
    });
  });

  it('reads the standard OTEL_* variables', () => {
    expect(
      loadConfig(TracingConfig, {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20abc, x-team = ops',
        OTEL_SERVICE_NAME: 'gateway-eu',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }),
    ).toMatchObject({
      endpoint: 'http://otel-collector:4318',
      headers: { authorization: 'Bearer abc', 'x-team': 'ops' },
      serviceName: 'gateway-eu',
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
    });
  });

  it('refuses what the SDK would misread, one line per variable, never showing the headers', () => {
    const problems = problemsOf({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_SAMPLER_ARG: '2',
    });
    expect(problems).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL (got "otel-collector:4318")',
      'OTEL_EXPORTER_OTLP_HEADERS: must be comma-separated key=value pairs (values percent-encoded), e.g. "authorization=Bearer%20abc" (got a value that is not shown)',
      expect.stringMatching(/^OTEL_TRACES_SAMPLER: must be one of always_on, .* \(got "sometimes"\)$/),
      'OTEL_TRACES_SAMPLER_ARG: must be a number from 0 to 1 (got "2")',
    ]);
  });

  it('parses header lists as the OTLP exporter spec writes them', () => {
    expect(parseOtlpHeaders('a=1,b=x%3Dy,')).toEqual({ a: '1', b: 'x=y' });
    expect(parseOtlpHeaders('=1')).toBeNull();
    expect(parseOtlpHeaders('bad key=1')).toBeNull();
    expect(parseOtlpHeaders('a=%E0%A4%A')).toBeNull();
  });
});
