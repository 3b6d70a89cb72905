import { counted, enumerate, excerpt, excerptEnd, oneLine, quoted, spanOf } from './preview-text';

describe('the text of a preview', () => {
  it('shows a name as one plain line, whatever ClickUp or an agent stored', () => {
    expect(oneLine('  Fix\n\tlogin  ')).toBe('Fix login');
    expect(oneLine('<b>Fix</b> <img src=x onerror=alert(1)>login<!-- hidden -->')).toBe('Fix login');
    expect(oneLine('a < b and c > d')).toBe('a < b and c > d');
    expect(oneLine('invoice\u202Egpj.exe\u0007')).toBe('invoicegpj.exe');
    expect(oneLine(null)).toBe('');
  });

  it('clips long text with an ellipsis, never inside an emoji', () => {
    expect(oneLine('x'.repeat(500))).toHaveLength(120);
    expect(oneLine('x'.repeat(500)).endsWith('…')).toBe(true);
    const emoji = oneLine('🙂'.repeat(10), 5);
    expect(Array.from(emoji)).toEqual(['🙂', '🙂', '🙂', '🙂', '…']);
    expect(quoted('y'.repeat(200))).toHaveLength(82);
  });

  it('keeps the line breaks of longer text, and shows the end of an appended text', () => {
    expect(excerpt('First line\r\n\r\n\r\n\r\nSecond <script>x</script>line')).toBe(
      'First line\n\nSecond xline',
    );
    expect(excerpt('   ')).toBeNull();
    expect(excerpt('z'.repeat(600))).toHaveLength(500);
    const end = excerptEnd(`${'a'.repeat(600)}THE END`) as string;
    expect(end.startsWith('…')).toBe(true);
    expect(end.endsWith('THE END')).toBe(true);
    expect(Array.from(end)).toHaveLength(500);
  });

  it('counts and joins the parts of a summary as a sentence', () => {
    expect(counted(0, 'subtask')).toBe('no subtasks');
    expect(counted(1, 'reply', 'replies')).toBe('1 reply');
    expect(counted(12, 'comment')).toBe('12 comments');
    expect(enumerate(['3 subtasks'])).toBe('3 subtasks');
    expect(enumerate(['3 subtasks', '12 comments', '1 checklist'])).toBe(
      '3 subtasks, 12 comments and 1 checklist',
    );
  });

  it('writes a span of time as a person reads it', () => {
    expect(spanOf(5_400_000)).toBe('1h 30m');
    expect(spanOf(7_200_000)).toBe('2h');
    expect(spanOf(45 * 60_000)).toBe('45m');
    expect(spanOf(4_000)).toBe('4s');
    expect(spanOf(null)).toBeNull();
  });
});
