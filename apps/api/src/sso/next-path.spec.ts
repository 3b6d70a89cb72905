import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps paths of the dashboard', () => {
    expect(safeNextPath('/servers/1?tab=activity#top')).toBe('/servers/1?tab=activity#top');
    expect(safeNextPath('/')).toBe('/');
  });

  it.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['https://evil.example'],
    ['evil'],
    ['/login?next=/x'],
    ['/api/v1/auth/sso/start'],
    [undefined],
    [['/servers']],
  ])('sends %p to /', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });
});
