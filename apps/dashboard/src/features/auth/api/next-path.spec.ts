import { loginPath, safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a path on this origin, with its query', () => {
    expect(safeNextPath('/mcp-servers?state=active')).toBe('/mcp-servers?state=active');
  });

  it.each([
    ['absent', null],
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash trick', '/\\evil.example'],
    ['a tab trick', '/\t/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['the login page itself', '/login?next=/'],
    ['an api route', '/api/v1/auth/logout'],
  ])('sends %s to the overview', (_case, next) => {
    expect(safeNextPath(next)).toBe('/');
  });
});

describe('loginPath', () => {
  it('remembers the page the user was on', () => {
    expect(loginPath('/audit?tool=task_get')).toBe('/login?next=%2Faudit%3Ftool%3Dtask_get');
  });

  it('adds nothing for the overview', () => {
    expect(loginPath('/')).toBe('/login');
  });
});
