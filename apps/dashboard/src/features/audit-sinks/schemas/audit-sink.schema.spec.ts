import { parseAuditSinkForm } from './audit-sink.schema';

describe('the add-audit-sink form', () => {
  it('builds the body of each kind', () => {
    expect(
      parseAuditSinkForm({ kind: 'webhook', name: 'siem', start: 'oldest', url: 'https://siem.example/in' }),
    ).toEqual({
      ok: true,
      body: { name: 'siem', kind: 'webhook', start: 'oldest', settings: { url: 'https://siem.example/in' } },
    });
    expect(
      parseAuditSinkForm({
        kind: 'syslog',
        name: 'rsyslog',
        start: 'now',
        host: ' logs.example ',
        port: '6514',
        tls: true,
        ca_pem: '',
        facility: '13',
        app_name: 'clickup-mcp-gateway',
      }),
    ).toEqual({
      ok: true,
      body: {
        name: 'rsyslog',
        kind: 'syslog',
        start: 'now',
        settings: {
          host: 'logs.example',
          port: 6514,
          tls: true,
          facility: 13,
          app_name: 'clickup-mcp-gateway',
        },
      },
    });
    expect(
      parseAuditSinkForm({
        kind: 'otlp',
        name: 'otel',
        start: 'oldest',
        endpoint: 'https://otel.example',
        headers: 'Authorization: Bearer abc: def\n\nX-Scope-OrgID: acme',
      }),
    ).toEqual({
      ok: true,
      body: {
        name: 'otel',
        kind: 'otlp',
        start: 'oldest',
        settings: { endpoint: 'https://otel.example' },
        headers: { Authorization: 'Bearer abc: def', 'X-Scope-OrgID': 'acme' },
      },
    });
  });

  it('says what to fix', () => {
    const message = (form: Parameters<typeof parseAuditSinkForm>[0]) => {
      const parsed = parseAuditSinkForm(form);
      return parsed.ok ? null : parsed.message;
    };
    expect(message({ kind: 'webhook', name: 'Bad Name', start: 'oldest', url: 'https://x.example' })).toMatch(
      /lower-case/,
    );
    expect(message({ kind: 'webhook', name: 'siem', start: 'oldest', url: 'siem.example' })).toMatch(
      /starting with https/,
    );
    expect(
      message({
        kind: 'syslog',
        name: 's',
        start: 'oldest',
        host: 'h',
        port: '70000',
        tls: true,
        facility: '13',
        app_name: 'a',
      }),
    ).toBe('Enter a port from 1 to 65535.');
    expect(
      message({
        kind: 'otlp',
        name: 'o',
        start: 'oldest',
        endpoint: 'https://o.example',
        headers: 'no colon',
      }),
    ).toMatch(/one header per line/);
  });
});
