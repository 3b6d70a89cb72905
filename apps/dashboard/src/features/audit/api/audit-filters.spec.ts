import { apiQuery, filtersFrom } from './audit-filters';

describe('audit filters', () => {
  it('reads the known filters from the URL and ignores the rest', () => {
    const params = new URLSearchParams('tool=task_get&outcome=denied&event=abc&q=%20&cursor=10');
    expect(filtersFrom(params)).toEqual({ tool: 'task_get', outcome: 'denied' });
  });

  it('sends local times as instants, other values as they are', () => {
    const from = '2025-06-01T09:30';
    const query = apiQuery({ from, tool: 'task_get' }, { limit: '50' });
    expect(query.get('from')).toBe(new Date(from).toISOString());
    expect(query.get('tool')).toBe('task_get');
    expect(query.get('limit')).toBe('50');
  });
});
