import type { AuditSinkKind, AuditSinkSettings, OtlpSinkSettings, SyslogSinkSettings } from '@gw/db';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { webhookUrlProblem } from '../approval-webhooks/webhook-url.policy';

export const DEFAULT_APP_NAME = 'clickup-mcp-gateway';
/** `log audit` (13), the facility RFC 5424 names for audit messages. */
export const DEFAULT_FACILITY = 13;
const CA_PEM_MAX = 65_536;
const HEADERS_MAX = 20;
const HEADER_VALUE_MAX = 4096;
/** Headers the gateway sets itself on every OTLP request. */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'transfer-encoding',
  'connection',
]);

const SETTINGS_FIELDS: Record<AuditSinkKind, string[]> = {
  webhook: ['url'],
  syslog: ['host', 'port', 'tls', 'ca_pem', 'facility', 'app_name'],
  otlp: ['endpoint', 'service_name'],
};

/** `localhost`, 127.0.0.0/8 and ::1: a receiver on this machine, where clear text never crosses a network. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/**
 * A sink's settings, checked and completed with their defaults, or every problem with them. Clear text (http,
 * syslog without TLS) is accepted only to a loopback receiver, unless `allowPlaintext` (AUDIT_SINK_ALLOW_PLAINTEXT).
 */
export function parseSinkSettings(
  kind: AuditSinkKind,
  input: Record<string, unknown>,
  allowPlaintext: boolean,
): { settings: AuditSinkSettings; problems: [] } | { settings: null; problems: string[] } {
  const problems = Object.keys(input)
    .filter((key) => !SETTINGS_FIELDS[kind].includes(key))
    .map(
      (key) =>
        `settings.${key} is not a setting of a ${kind} sink (allowed: ${SETTINGS_FIELDS[kind].join(', ')})`,
    );
  let settings: AuditSinkSettings | null = null;
  if (kind === 'webhook') {
    const url = urlSetting('settings.url', input['url'], allowPlaintext, problems);
    settings = url === null ? null : { url };
  } else if (kind === 'otlp') {
    const endpoint = urlSetting('settings.endpoint', input['endpoint'], allowPlaintext, problems);
    const serviceName = input['service_name'] ?? DEFAULT_APP_NAME;
    if (typeof serviceName !== 'string' || !/^[\x20-\x7e]{1,100}$/.test(serviceName))
      problems.push('settings.service_name must be 1 to 100 printable characters');
    settings = endpoint === null ? null : ({ endpoint, service_name: serviceName } as OtlpSinkSettings);
  } else {
    settings = syslogSettings(input, allowPlaintext, problems);
  }
  return problems.length === 0 && settings ? { settings, problems: [] } : { settings: null, problems };
}

function urlSetting(
  field: string,
  value: unknown,
  allowPlaintext: boolean,
  problems: string[],
): string | null {
  const problem = webhookUrlProblem(value);
  if (problem) {
    problems.push(problem.replace(/^url/, field));
    return null;
  }
  const url = new URL(value as string);
  if (url.protocol === 'http:' && !allowPlaintext && !isLoopbackHost(url.hostname)) {
    problems.push(
      `${field} must use https (plain http is accepted only to a loopback receiver, or with AUDIT_SINK_ALLOW_PLAINTEXT=true)`,
    );
    return null;
  }
  return url.href;
}

function syslogSettings(
  input: Record<string, unknown>,
  allowPlaintext: boolean,
  problems: string[],
): SyslogSinkSettings | null {
  const start = problems.length;
  const { host, port } = input;
  const tls = input['tls'] ?? true;
  const caPem = input['ca_pem'] ?? null;
  const facility = input['facility'] ?? DEFAULT_FACILITY;
  const appName = input['app_name'] ?? DEFAULT_APP_NAME;
  if (
    typeof host !== 'string' ||
    host.length > 253 ||
    !(
      isIP(host) !== 0 ||
      /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(
        host,
      )
    )
  )
    problems.push('settings.host must be a host name or an IP address');
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    problems.push('settings.port must be an integer from 1 to 65535');
  if (typeof tls !== 'boolean') problems.push('settings.tls must be true or false');
  else if (!tls && !allowPlaintext && typeof host === 'string' && !isLoopbackHost(host))
    problems.push(
      'settings.tls must be true (syslog without TLS is accepted only to a loopback receiver, or with AUDIT_SINK_ALLOW_PLAINTEXT=true)',
    );
  if (caPem !== null) {
    if (typeof caPem !== 'string' || caPem.length > CA_PEM_MAX || !validCertificates(caPem))
      problems.push('settings.ca_pem must be PEM certificates (-----BEGIN CERTIFICATE-----), at most 64 KiB');
    else if (tls === false) problems.push('settings.ca_pem applies only with tls: true');
  }
  if (typeof facility !== 'number' || !Number.isInteger(facility) || facility < 0 || facility > 23)
    problems.push('settings.facility must be an integer from 0 to 23 (16–23: local0–local7)');
  if (typeof appName !== 'string' || !/^[\x21-\x7e]{1,48}$/.test(appName))
    problems.push('settings.app_name must be 1 to 48 printable ASCII characters without spaces');
  if (problems.length > start) return null;
  return {
    host: host as string,
    port: port as number,
    tls: tls as boolean,
    ca_pem: caPem as string | null,
    facility: facility as number,
    app_name: appName as string,
  };
}

function validCertificates(pem: string): boolean {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!blocks) return false;
  try {
    blocks.forEach((block) => new X509Certificate(block));
    return true;
  } catch {
    return false;
  }
}

/** OTLP request headers (a collector's API key, say), checked; or every problem with them. */
export function parseSinkHeaders(input: unknown): { headers: Record<string, string>; problems: string[] } {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { headers: {}, problems: ['headers must be an object of header names to values'] };
  const entries = Object.entries(input);
  if (entries.length > HEADERS_MAX) problems.push(`headers must have at most ${HEADERS_MAX} entries`);
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(name)) {
      problems.push("headers must have HTTP header names (letters, digits and !#$%&'*+.^_`|~-)");
      continue;
    }
    if (RESERVED_HEADERS.has(name.toLowerCase())) {
      problems.push(`headers.${name} is set by the gateway`);
      continue;
    }
    // The value is a credential: the message names the header, never the value.
    if (typeof value !== 'string' || value.length > HEADER_VALUE_MAX || !/^[\x20-\x7e]*$/.test(value)) {
      problems.push(`headers.${name} must be printable ASCII, at most ${HEADER_VALUE_MAX} characters`);
      continue;
    }
    headers[name.toLowerCase()] = value;
  }
  return { headers, problems };
}
