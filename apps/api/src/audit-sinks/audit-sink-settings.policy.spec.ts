import { isLoopbackHost, parseSinkHeaders, parseSinkSettings } from './audit-sink-settings.policy';

const problemsOf = (...args: Parameters<typeof parseSinkSettings>) => parseSinkSettings(...args).problems;

describe('audit sink settings', () => {
  it('accepts https anywhere and clear text only to loopback, unless plaintext is allowed', () => {
    expect(parseSinkSettings('webhook', { url: 'https://siem.example.com/in' }, false).settings).toEqual({
      url: 'https://siem.example.com/in',
    });
    expect(problemsOf('webhook', { url: 'http://127.0.0.1:9000/in' }, false)).toEqual([]);
    expect(problemsOf('webhook', { url: 'http://siem.internal/in' }, false)).toEqual([
      expect.stringMatching(/settings\.url must use https/),
    ]);
    expect(problemsOf('webhook', { url: 'http://siem.internal/in' }, true)).toEqual([]);
    expect(problemsOf('otlp', { endpoint: 'http://collector:4318' }, false)).toEqual([
      expect.stringMatching(/settings\.endpoint must use https/),
    ]);
    expect(problemsOf('syslog', { host: 'siem.example.com', port: 6514, tls: false }, false)).toEqual([
      expect.stringMatching(/settings\.tls must be true/),
    ]);
    expect(problemsOf('syslog', { host: 'localhost', port: 514, tls: false }, false)).toEqual([]);
  });

  it('completes syslog and OTLP settings with their defaults', () => {
    expect(parseSinkSettings('syslog', { host: 'siem.example.com', port: 6514 }, false).settings).toEqual({
      host: 'siem.example.com',
      port: 6514,
      tls: true,
      ca_pem: null,
      facility: 13,
      app_name: 'clickup-mcp-gateway',
    });
    expect(parseSinkSettings('otlp', { endpoint: 'https://otel.example.com' }, false).settings).toEqual({
      endpoint: 'https://otel.example.com/',
      service_name: 'clickup-mcp-gateway',
    });
  });

  it('lists every problem, names the field, and never repeats a URL credential', () => {
    const problems = problemsOf(
      'syslog',
      {
        host: 'bad host',
        port: 70000,
        tls: 'yes',
        facility: 24,
        app_name: 'has space',
        ca_pem: 'nope',
        url: 'x',
      },
      false,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/settings\.url is not a setting of a syslog sink/),
        'settings.host must be a host name or an IP address',
        'settings.port must be an integer from 1 to 65535',
        'settings.tls must be true or false',
        expect.stringMatching(/settings\.ca_pem must be PEM certificates/),
        expect.stringMatching(/settings\.facility must be an integer from 0 to 23/),
        expect.stringMatching(/settings\.app_name/),
      ]),
    );
    const url = problemsOf('webhook', { url: 'https://user:hunter2@siem.example/in' }, false);
    expect(url).toEqual([expect.stringMatching(/settings\.url must not contain a user name or password/)]);
    expect(url.join()).not.toContain('hunter2');
    expect(problemsOf('webhook', {}, false)).toEqual(['settings.url must be an http or https URL']);
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.4.5.6', '::1', '[::1]'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['10.0.0.1', 'localhost.evil.example', '::2', '128.0.0.1'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('OTLP sink headers', () => {
  it('keeps header names lower-cased and refuses what the gateway sets or cannot send, without the values', () => {
    expect(parseSinkHeaders({ Authorization: 'Bearer abc', 'X-Scope-OrgID': 'acme' })).toEqual({
      headers: { authorization: 'Bearer abc', 'x-scope-orgid': 'acme' },
      problems: [],
    });
    const { problems } = parseSinkHeaders({
      'Content-Type': 'text/plain',
      'bad name': 'x',
      'x-key': 'line\nbreak-secret',
    });
    expect(problems).toEqual([
      'headers.Content-Type is set by the gateway',
      expect.stringMatching(/HTTP header names/),
      expect.stringMatching(/headers\.x-key must be printable ASCII/),
    ]);
    expect(problems.join()).not.toContain('break-secret');
    expect(parseSinkHeaders(['a']).problems).toEqual(['headers must be an object of header names to values']);
  });
});
