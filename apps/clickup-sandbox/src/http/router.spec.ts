import { Router } from './router';

describe('Router', () => {
  const router = new Router<string>();
  router.add('GET', '/api/v2/task/:task_id', 'get-task');
  router.add('PUT', '/api/v2/task/:task_id', 'update-task');
  router.add('GET', '/api/v2/team/:team_id/time_entries/current', 'current');
  router.add('PUT', '/api/v2/team/:team_id/time_entries/:timer_id', 'update-entry');
  router.add('GET', '/api/v2/task/:task_id/tag/:tag_name', 'tag');

  it('matches static segments and captures parameters', () => {
    expect(router.match('GET', '/api/v2/task/86abc')).toEqual({
      kind: 'found',
      route: 'get-task',
      params: { task_id: '86abc' },
    });
    expect(router.match('GET', '/api/v2/team/1/time_entries/current')).toEqual({
      kind: 'found',
      route: 'current',
      params: { team_id: '1' },
    });
  });

  it('falls back to a parameter when the static segment has no route for the method', () => {
    expect(router.match('PUT', '/api/v2/team/1/time_entries/current')).toEqual({
      kind: 'found',
      route: 'update-entry',
      params: { team_id: '1', timer_id: 'current' },
    });
  });

  it('decodes parameters', () => {
    expect(router.match('GET', '/api/v2/task/t1/tag/needs%20review')).toMatchObject({
      params: { tag_name: 'needs review' },
    });
  });

  it('answers none for unknown paths and wrong methods', () => {
    expect(router.match('DELETE', '/api/v2/task/86abc')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/api/v2/task')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/api/v2/task/1/2/3')).toEqual({ kind: 'none' });
  });

  it('refuses clashing declarations', () => {
    expect(() => router.add('GET', '/api/v2/task/:id', 'x')).toThrow(/clashes/);
    expect(() => router.add('GET', '/api/v2/task/:task_id', 'x')).toThrow(/twice/);
  });
});
