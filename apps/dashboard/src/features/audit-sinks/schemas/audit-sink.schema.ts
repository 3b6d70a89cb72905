import { z } from '@/lib/zod';
import type { AuditSinkInput } from '../api/audit-sinks.types';

const name = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    'Use 1 to 63 lower-case letters, digits, - or _ (the name labels the sink’s metrics).',
  );

const url = (what: string) =>
  z
    .string()
    .min(1, `Enter the ${what}.`)
    .refine((v) => {
      try {
        const parsed = new URL(v);
        return parsed.protocol === 'https:' || parsed.protocol === 'http:';
      } catch {
        return false;
      }
    }, `Enter the full ${what}, starting with https://.`);

const optionalText = z
  .string()
  .transform((v) => v.trim())
  .optional();

/** One header per line, `Name: value`; empty lines are skipped. */
const headerLines = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const headers: Record<string, string> = {};
    for (const line of (text ?? '').split('\n').map((l) => l.trim())) {
      if (!line) continue;
      const colon = line.indexOf(':');
      if (colon <= 0) {
        ctx.addIssue({ code: 'custom', message: 'Write one header per line as `Name: value`.' });
        return z.NEVER;
      }
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    return headers;
  });

const start = z.enum(['oldest', 'now']);

/**
 * The add-sink form, by kind. The api decides (https outside loopback, TLS for syslog, certificates); this spares an
 * admin the obvious refusals and builds the request body.
 */
export const auditSinkFormSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), name, start, url: url('webhook URL') }),
  z.object({
    kind: z.literal('syslog'),
    name,
    start,
    host: z.string().trim().min(1, 'Enter the syslog receiver’s host name or address.'),
    port: z.coerce
      .number({ message: 'Enter a port from 1 to 65535.' })
      .int('Enter a port from 1 to 65535.')
      .min(1, 'Enter a port from 1 to 65535.')
      .max(65535, 'Enter a port from 1 to 65535.'),
    tls: z.boolean(),
    ca_pem: optionalText,
    facility: z.coerce
      .number()
      .int('The facility is a number from 0 to 23.')
      .min(0, 'The facility is a number from 0 to 23.')
      .max(23, 'The facility is a number from 0 to 23.'),
    app_name: z.string().regex(/^[\x21-\x7e]{1,48}$/, 'The app name is 1 to 48 characters, no spaces.'),
  }),
  z.object({
    kind: z.literal('otlp'),
    name,
    start,
    endpoint: url('collector endpoint'),
    headers: headerLines,
  }),
]);

export type AuditSinkForm = z.input<typeof auditSinkFormSchema>;

/** The request body, or the first message that explains what to fix. */
export function parseAuditSinkForm(
  form: AuditSinkForm,
): { ok: true; body: AuditSinkInput } | { ok: false; message: string } {
  const parsed = auditSinkFormSchema.safeParse(form);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.' };
  const value = parsed.data;
  if (value.kind === 'webhook')
    return {
      ok: true,
      body: { name: value.name, kind: 'webhook', start: value.start, settings: { url: value.url } },
    };
  if (value.kind === 'otlp') {
    const headers = value.headers ?? {};
    return {
      ok: true,
      body: {
        name: value.name,
        kind: 'otlp',
        start: value.start,
        settings: { endpoint: value.endpoint },
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      },
    };
  }
  return {
    ok: true,
    body: {
      name: value.name,
      kind: 'syslog',
      start: value.start,
      settings: {
        host: value.host,
        port: value.port,
        tls: value.tls,
        ...(value.tls && value.ca_pem ? { ca_pem: value.ca_pem } : {}),
        facility: value.facility,
        app_name: value.app_name,
      },
    },
  };
}
