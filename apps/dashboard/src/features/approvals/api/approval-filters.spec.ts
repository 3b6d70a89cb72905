import { apiQuery, filtersFrom, pendingFirst, stateTab } from './approval-filters';
import type { Approval } from './approvals.types';

describe('approval filters', () => {
  it('opens on pending, and reads the known filters from the URL', () => {
    expect(filtersFrom(new URLSearchParams('tool=task_delete&page=2&q=x'))).toEqual({
      state: 'pending',
      tool: 'task_delete',
    });
    expect(filtersFrom(new URLSearchParams('state=rejected&server_id=s1&team_id=t1'))).toEqual({
      state: 'rejected',
      server_id: 's1',
      team_id: 't1',
    });
  });

  it('asks for every state under "all", and treats an unknown state as pending', () => {
    expect(filtersFrom(new URLSearchParams('state=all'))).toEqual({});
    expect(stateTab(new URLSearchParams('state=maybe'))).toBe('pending');
  });

  it('sends the filters under the api’s names, with paging', () => {
    expect(apiQuery({ state: 'pending', tool: 'task_delete' }, { limit: '50' }).toString()).toBe(
      'state=pending&tool=task_delete&limit=50',
    );
  });

  it('puts what waits first, newest first within each group', () => {
    const at = (state: Approval['state'], created_at: string) => ({ state, created_at }) as Approval;
    const sorted = pendingFirst([
      at('executed', '2026-01-03T00:00:00Z'),
      at('pending', '2026-01-01T00:00:00Z'),
      at('rejected', '2026-01-04T00:00:00Z'),
      at('pending', '2026-01-02T00:00:00Z'),
    ]);
    expect(sorted.map((a) => `${a.state} ${a.created_at.slice(8, 10)}`)).toEqual([
      'pending 02',
      'pending 01',
      'rejected 04',
      'executed 03',
    ]);
  });
});
