import {
  headerVersionRefusal,
  legacyVersionFor,
  protocolOf,
  ProtocolErrorCode,
  SUPPORTED_PROTOCOL_VERSIONS,
} from './protocol-versions';

const meta = (version: unknown) => ({ _meta: { 'io.modelcontextprotocol/protocolVersion': version } });

describe('protocolOf', () => {
  it('serves a request whose header and _meta both name 2026-07-28 statelessly', () => {
    expect(protocolOf('2026-07-28', meta('2026-07-28'))).toEqual({
      generation: 'modern',
      version: '2026-07-28',
    });
  });

  it('keeps requests of an initialize session legacy, with or without the header', () => {
    expect(protocolOf('2025-11-25', {})).toEqual({ generation: 'legacy', version: '2025-11-25' });
    expect(protocolOf('2025-06-18', undefined)).toEqual({ generation: 'legacy', version: '2025-06-18' });
    // No header: the client predates it, and the spec says to take it as 2025-03-26.
    expect(protocolOf(undefined, { name: 'user_me' })).toEqual({
      generation: 'legacy',
      version: '2025-03-26',
    });
    // A legacy version in _meta is no modern claim.
    expect(protocolOf('2025-11-25', meta('2025-11-25'))).toMatchObject({ generation: 'legacy' });
  });

  it('answers a version it does not speak with UnsupportedProtocolVersion, listing what it speaks', () => {
    expect(protocolOf('v999.0.0', meta('v999.0.0'))).toEqual({
      code: ProtocolErrorCode.UnsupportedProtocolVersion,
      message: expect.stringContaining('Unsupported protocol version v999.0.0'),
      data: { supported: SUPPORTED_PROTOCOL_VERSIONS, requested: 'v999.0.0' },
    });
    expect(SUPPORTED_PROTOCOL_VERSIONS).toEqual(
      expect.arrayContaining(['2026-07-28', '2025-11-25', '2025-03-26']),
    );
  });

  it('refuses a header that disagrees with _meta, or a modern _meta without the header, as HeaderMismatch', () => {
    for (const [header, claimed] of [
      ['2026-07-28', 'v999.0.0'],
      ['2026-07-28', '2025-11-25'],
      ['2025-11-25', '2026-07-28'],
      [undefined, '2026-07-28'],
    ] as const) {
      expect(protocolOf(header, meta(claimed))).toMatchObject({
        code: ProtocolErrorCode.HeaderMismatch,
        message: expect.stringMatching(/^Header mismatch: /),
      });
    }
  });

  it('refuses a 2026-07-28 request whose _meta names no version as invalid params', () => {
    for (const params of [undefined, {}, { _meta: {} }, { _meta: 'x' }]) {
      expect(protocolOf('2026-07-28', params)).toMatchObject({ code: ProtocolErrorCode.InvalidParams });
    }
  });
});

describe('legacyVersionFor (initialize)', () => {
  it('settles on the legacy version asked for, and on 2025-11-25 for anything else, 2026-07-28 included', () => {
    expect(legacyVersionFor('2025-06-18')).toBe('2025-06-18');
    expect(legacyVersionFor('2024-11-05')).toBe('2024-11-05');
    expect(legacyVersionFor('2026-07-28')).toBe('2025-11-25');
    expect(legacyVersionFor(undefined)).toBe('2025-11-25');
  });
});

describe('headerVersionRefusal (GET, DELETE, legacy SSE)', () => {
  it('passes a missing or spoken version and refuses another one', () => {
    expect(headerVersionRefusal(undefined)).toBeNull();
    expect(headerVersionRefusal('2025-11-25')).toBeNull();
    expect(headerVersionRefusal('1900-01-01')).toMatchObject({
      code: ProtocolErrorCode.UnsupportedProtocolVersion,
      data: { requested: '1900-01-01' },
    });
  });
});
