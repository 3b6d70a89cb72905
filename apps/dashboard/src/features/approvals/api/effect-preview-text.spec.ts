import { countLabels, previewValue, safeLink } from './effect-preview-text';

describe('effect preview text', () => {
  it('shows values as one line of text, markup included as it is', () => {
    expect(previewValue('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(previewValue(null)).toBe('—');
    expect(previewValue(['u1', 'u2'])).toBe('u1, u2');
    expect(previewValue({ priority: 2 })).toBe('{"priority":2}');
    expect(previewValue(3)).toBe('3');
  });

  it('clips long values', () => {
    const clipped = previewValue('x'.repeat(1000), 20);
    expect(clipped).toHaveLength(20);
    expect(clipped.endsWith('…')).toBe(true);
  });

  it('counts what a delete takes with it, in words', () => {
    expect(countLabels({ subtasks: 3, comments: 1, checklist_items: 0 })).toEqual([
      '3 subtasks',
      '1 comment',
      '0 checklist items',
    ]);
    expect(countLabels(undefined)).toEqual([]);
  });

  it('keeps only web links', () => {
    expect(safeLink('https://app.clickup.com/t/abc')).toBe('https://app.clickup.com/t/abc');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
});
