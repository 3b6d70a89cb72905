import { MAX_ARGUMENTS_BYTES, REDACTED, redactArguments } from './redaction';

describe('redactArguments', () => {
  it('redacts known secret fields, at any depth', () => {
    expect(
      redactArguments({
        token: 'abc',
        nested: { client_secret: 'x', api_key: 'y', password: 'z' },
        task_id: '86abc',
      }),
    ).toEqual({
      token: REDACTED,
      nested: { client_secret: REDACTED, api_key: REDACTED, password: REDACTED },
      task_id: '86abc',
    });
  });

  it('redacts secret-looking values under innocent keys and inside text', () => {
    const out = redactArguments({
      description: 'use pk_81000001_ABCDEFGHIJKLMNOP to log in, or Bearer abcdefghijklmnopqrstuvwx',
      url: 'https://gw.example/mcp/cmcp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ',
    }) as Record<string, string>;
    expect(out['description']).toBe(`use ${REDACTED} to log in, or ${REDACTED}`);
    expect(out['url']).toBe(`https://gw.example/mcp/${REDACTED}`);
  });

  it('redacts a password-reset link pasted anywhere', () => {
    const out = redactArguments({
      comment: 'open https://gw.example/reset-password#token=gwr_abcdefghijklmnopqrstuvwxyz012345 to reset',
    }) as Record<string, string>;
    expect(out['comment']).toBe(`open https://gw.example/reset-password#token=${REDACTED} to reset`);
  });

  it('keeps agent text as data, replacing only NUL characters', () => {
    const name = '<img src=x onerror=alert(1)>\u0000 Robert"); DROP TABLE tasks;--';
    expect(redactArguments({ name })).toEqual({
      name: '<img src=x onerror=alert(1)>\uFFFD Robert"); DROP TABLE tasks;--',
    });
  });

  it('redacts camelCase secret keys too', () => {
    expect(redactArguments({ apiToken: 'a', clientSecret: 'b', tokenCount: 3 })).toEqual({
      apiToken: REDACTED,
      clientSecret: REDACTED,
      tokenCount: 3,
    });
  });

  it('keeps the truncation marker within 16 KB even when the preview needs escaping', () => {
    const out = redactArguments({ quotes: '"\\'.repeat(20_000), ctl: '\u0001'.repeat(5000) });
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(MAX_ARGUMENTS_BYTES);
    expect(out).toMatchObject({ _truncated: true });
  });

  it('replaces unpaired surrogates, which PostgreSQL would refuse or alter', () => {
    expect(redactArguments({ name: 'a\uD800b\uDC00c 😀' })).toEqual({ name: 'a\uFFFDb\uFFFDc 😀' });
  });

  it('caps arguments at 16 KB with a truncation marker', () => {
    const out = redactArguments({ description: 'x'.repeat(40_000) }) as Record<string, unknown>;
    expect(out['_truncated']).toBe(true);
    expect(out['_original_bytes']).toBeGreaterThan(40_000);
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(MAX_ARGUMENTS_BYTES);
  });

  it('does not redact ordinary ids and words', () => {
    const args = {
      task_id: 'ENG-12',
      list_id: '901100000012',
      tokens_left: 3,
      name: 'Rotate the API token page copy',
    };
    expect(redactArguments(args)).toEqual({ ...args, tokens_left: 3 });
  });
});
