import { applyPatch } from './url-state';

describe('applyPatch', () => {
  it('sets, replaces and drops parameters, in a stable order', () => {
    expect(applyPatch('outcome=ok&tool=task_get', { tool: 'task_search', q: 'bug', outcome: null })).toBe(
      '?q=bug&tool=task_search',
    );
  });

  it('drops empty values and leaves no lone question mark', () => {
    expect(applyPatch('q=x', { q: '' })).toBe('');
  });
});
