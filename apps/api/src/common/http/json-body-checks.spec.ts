import { holdsIllFormedText, holdsNulCharacter, MAX_JSON_DEPTH, nestsDeeperThan } from './json-body-checks';

const nested = (depth: number, kind: 'array' | 'object'): unknown =>
  JSON.parse(
    kind === 'array'
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

describe('nestsDeeperThan', () => {
  it.each(['array', 'object'] as const)('counts each level of a nested %s', (kind) => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH, kind), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1, kind), MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks 200,000 levels without overflowing the stack', () => {
    expect(nestsDeeperThan(nested(200_000, 'array'), MAX_JSON_DEPTH)).toBe(true);
  });

  it('finds the deep branch among shallow siblings', () => {
    expect(nestsDeeperThan({ name: 'x', tags: ['a'], config: nested(40, 'object') }, MAX_JSON_DEPTH)).toBe(
      true,
    );
  });

  it('leaves scalars and raw bodies (the MCP routes read bytes) alone', () => {
    expect(nestsDeeperThan('text', 1)).toBe(false);
    expect(nestsDeeperThan(undefined, 1)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('[[[[1]]]]'), 1)).toBe(false);
  });
});

describe('holdsIllFormedText', () => {
  it('finds an unpaired surrogate in a value or a key, and leaves emoji alone', () => {
    expect(holdsIllFormedText({ email: 'a\ud800@example.com' })).toBe(true);
    expect(holdsIllFormedText({ tags: ['ok', { '\udc00': 1 }] })).toBe(true);
    expect(holdsIllFormedText({ name: 'Launch 🚀', tags: ['ünïcödé'] })).toBe(false);
  });
});

describe('holdsNulCharacter', () => {
  it('finds a NUL in a value or a key, and leaves other control characters and raw bodies alone', () => {
    expect(holdsNulCharacter(JSON.parse('{"name":"\\u0000"}'))).toBe(true);
    expect(holdsNulCharacter({ config: { tags: [{ 'a\u0000': 1 }] } })).toBe(true);
    expect(holdsNulCharacter({ name: 'tab\there', note: 'line\nbreak' })).toBe(false);
    expect(holdsNulCharacter(Buffer.from('{"name":"\\u0000"}'))).toBe(false);
  });
});
