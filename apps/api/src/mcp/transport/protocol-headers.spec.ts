import { decodeHeaderValue, standardHeaderProblem } from './protocol-headers';

const call = { name: 'task_get', arguments: { task_id: 't1' } };

describe('standardHeaderProblem', () => {
  it('accepts headers that mirror the body', () => {
    expect(standardHeaderProblem({ 'mcp-method': 'tools/list' }, 'tools/list', {})).toBeNull();
    expect(
      standardHeaderProblem({ 'mcp-method': 'tools/call', 'mcp-name': 'task_get' }, 'tools/call', call),
    ).toBeNull();
    expect(
      standardHeaderProblem({ 'mcp-method': 'tasks/get', 'mcp-name': 'job-1' }, 'tasks/get', {
        taskId: 'job-1',
      }),
    ).toBeNull();
  });

  it('refuses a missing or different Mcp-Method, values being case-sensitive', () => {
    expect(standardHeaderProblem({}, 'tools/list', {})).toBe('the Mcp-Method header is required');
    expect(standardHeaderProblem({ 'mcp-method': 'prompts/list' }, 'tools/list', {})).toMatch(
      /Mcp-Method header value 'prompts\/list' does not match body method 'tools\/list'/,
    );
    expect(standardHeaderProblem({ 'mcp-method': 'TOOLS/LIST' }, 'tools/list', {})).not.toBeNull();
  });

  it('refuses a tools/call whose Mcp-Name is missing or names another tool', () => {
    expect(standardHeaderProblem({ 'mcp-method': 'tools/call' }, 'tools/call', call)).toMatch(
      /Mcp-Name header is required for tools\/call/,
    );
    expect(
      standardHeaderProblem({ 'mcp-method': 'tools/call', 'mcp-name': 'task_delete' }, 'tools/call', call),
    ).toMatch(/does not match body params.name 'task_get'/);
  });

  it('compares a Base64-encoded Mcp-Name after decoding it', () => {
    const name = 'tâche ✓';
    const encoded = `=?base64?${Buffer.from(name, 'utf8').toString('base64')}?=`;
    expect(
      standardHeaderProblem({ 'mcp-method': 'tools/call', 'mcp-name': encoded }, 'tools/call', { name }),
    ).toBeNull();
  });
});

describe('decodeHeaderValue', () => {
  it('keeps plain ASCII and decodes the Base64 sentinel', () => {
    expect(decodeHeaderValue('us-west1')).toBe('us-west1');
    expect(decodeHeaderValue('=?base64?SGVsbG8sIOS4lueVjA==?=')).toBe('Hello, 世界');
    expect(decodeHeaderValue('=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=')).toBe('=?base64?literal?=');
  });

  it.each([
    ['raw non-ASCII', 'caf\u00e9'],
    ['bad Base64 padding', '=?base64?SGVsbG8?='],
    ['characters outside the Base64 alphabet', '=?base64?SGVs*G8=?='],
    ['bytes that are not UTF-8', `=?base64?${Buffer.from([0xff, 0xfe]).toString('base64')}?=`],
  ])('refuses %s', (_case, value) => {
    expect(decodeHeaderValue(value)).toBeNull();
  });
});
