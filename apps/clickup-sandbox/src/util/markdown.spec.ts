import { escapeHtml, markdownToText } from './markdown';

describe('markdownToText', () => {
  it('keeps the words and drops the markup', () => {
    expect(
      markdownToText(
        '## Goal\nSplit `LoginForm.tsx` into **smaller** parts, see [docs](https://x.y).\n\n- [ ] one\n- two',
      ),
    ).toBe('Goal\nSplit LoginForm.tsx into smaller parts, see docs.\n\none\ntwo');
  });
});

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
