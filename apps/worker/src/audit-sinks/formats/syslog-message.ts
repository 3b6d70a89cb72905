import type { SinkItem } from './sink-item';
import { itemBody, itemTime } from './sink-item';

/** The SD-ID of the structured data element every message carries (32473: the IANA example enterprise number). */
export const SYSLOG_SD_ID = 'audit@32473';

export interface SyslogHeader {
  facility: number;
  appName: string;
  hostname: string;
}

const SEVERITY = { error: 3, warning: 4, notice: 5, informational: 6 } as const;

/** RFC 5424 severity: errors are err, denials notice, everything else informational. */
function severityOf(item: SinkItem): number {
  if (item.type !== 'event') return SEVERITY.informational;
  if (item.record.outcome === 'error') return SEVERITY.error;
  if (item.record.outcome === 'denied') return SEVERITY.notice;
  return SEVERITY.informational;
}

/**
 * One RFC 5424 message per item: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID [audit@32473 …] JSON`. MSGID is
 * `AUDIT`, `CHECKPOINT` or `TEST`; the structured data names the fields a SIEM rule filters on; the message is the
 * whole record as JSON (with `hash` and `prev_hash`, so the receiver can check the chain).
 */
export function syslogMessage(item: SinkItem, header: SyslogHeader): string {
  const pri = header.facility * 8 + severityOf(item);
  const body = itemBody(item);
  const msgId = item.type === 'event' ? 'AUDIT' : item.type === 'checkpoint' ? 'CHECKPOINT' : 'TEST';
  const params: [string, unknown][] =
    item.type === 'event'
      ? [
          ['seq', item.record.seq],
          ['organization_id', item.record.organization_id],
          ['action', item.record.action],
          ['outcome', item.record.outcome],
          ['actor', item.record.actor],
          ['tool', item.record.tool],
          ['server_id', item.record.server_id],
          ['hash', item.record.hash],
        ]
      : item.type === 'checkpoint'
        ? [['seq', item.checkpoint.seq]]
        : [['sink', item.sink]];
  const sd = `[${SYSLOG_SD_ID}${params
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => ` ${name}="${sdEscape(String(value))}"`)
    .join('')}]`;
  return `<${pri}>1 ${itemTime(item)} ${headerField(header.hostname, 255)} ${headerField(header.appName, 48)} - ${msgId} ${sd} ${JSON.stringify(body)}`;
}

/** RFC 6587 octet counting: the message's length in bytes, a space, the message. */
export function octetCountingFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

/** PARAM-VALUE escaping (RFC 5424 §6.3.3): `"`, `\` and `]` are escaped with a backslash. */
export function sdEscape(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** A header field: printable US-ASCII without spaces, clipped; `-` (the nil value) when nothing is left. */
function headerField(value: string, max: number): string {
  const printable = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return printable || '-';
}
