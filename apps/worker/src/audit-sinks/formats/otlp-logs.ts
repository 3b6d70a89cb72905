import type { SinkItem } from './sink-item';
import { itemBody, itemTime } from './sink-item';

type AnyValue = { stringValue: string } | { intValue: string } | { boolValue: boolean };
interface KeyValue {
  key: string;
  value: AnyValue;
}

/** OTLP severity numbers: INFO 9, INFO4 12 for denials, ERROR 17. */
function severity(item: SinkItem): { severityNumber: number; severityText: string } {
  if (item.type === 'event' && item.record.outcome === 'error')
    return { severityNumber: 17, severityText: 'ERROR' };
  if (item.type === 'event' && item.record.outcome === 'denied')
    return { severityNumber: 12, severityText: 'INFO4' };
  return { severityNumber: 9, severityText: 'INFO' };
}

const text = (key: string, value: string | null | undefined): KeyValue[] =>
  value === null || value === undefined ? [] : [{ key, value: { stringValue: value } }];

function attributes(item: SinkItem): KeyValue[] {
  const type = text('gateway.audit.type', item.type);
  if (item.type === 'event') {
    const r = item.record;
    return [
      ...type,
      { key: 'gateway.audit.seq', value: { intValue: String(r.seq) } },
      ...text('gateway.audit.organization_id', r.organization_id),
      ...text('gateway.audit.action', r.action),
      ...text('gateway.audit.outcome', r.outcome),
      ...text('gateway.audit.actor', r.actor),
      ...text('gateway.audit.tool', r.tool),
      ...text('gateway.audit.server_id', r.server_id),
      ...text('gateway.audit.hash', r.hash),
    ];
  }
  if (item.type === 'checkpoint')
    return [...type, { key: 'gateway.audit.seq', value: { intValue: String(item.checkpoint.seq) } }];
  return [...type, ...text('gateway.audit.sink', item.sink)];
}

const nanos = (iso: string) => `${BigInt(Date.parse(iso)) * 1_000_000n}`;

/**
 * An OTLP/HTTP JSON `ExportLogsServiceRequest`: one log record per item, in order, the body the record's JSON, the
 * filterable fields as `gateway.audit.*` attributes, the trace id when the event carried one.
 */
export function otlpLogsRequest(items: SinkItem[], serviceName: string, now = new Date()): unknown {
  const observed = nanos(now.toISOString());
  return {
    resourceLogs: [
      {
        resource: { attributes: text('service.name', serviceName) },
        scopeLogs: [
          {
            scope: { name: 'clickup-mcp-gateway.audit' },
            logRecords: items.map((item) => {
              const traceId = item.type === 'event' ? item.record.trace_id : null;
              return {
                timeUnixNano: nanos(itemTime(item)),
                observedTimeUnixNano: observed,
                ...severity(item),
                body: { stringValue: JSON.stringify(itemBody(item)) },
                attributes: attributes(item),
                ...(traceId && /^[0-9a-f]{32}$/.test(traceId) ? { traceId } : {}),
              };
            }),
          },
        ],
      },
    ],
  };
}
