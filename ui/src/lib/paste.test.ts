import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from './paste';

describe('pasted rich text as Markdown', () => {
  it('keeps emphasis, links, lists and headings', () => {
    const html =
      '<h2>Deals</h2><p>Up to <b>5 GW</b>, <i>announced</i> <s>2025</s> <a href="https://example.org/news">today</a>.</p>' +
      '<ul><li>One</li><li>Two <strong>bold</strong></li></ul><ol start="3"><li>Three</li><li>Four</li></ol>';
    expect(htmlToMarkdown(html, 'block')).toBe(
      '## Deals\n\nUp to **5 GW**, *announced* ~~2025~~ [today](https://example.org/news).\n\n- One\n- Two **bold**\n\n3. Three\n4. Four',
    );
  });

  it('keeps tables as Markdown tables, a header-less table taking its first row as its head', () => {
    const html = '<table><tr><td>Lab</td><td>GW</td></tr><tr><td>Anthropic<ul><li>AWS</li></ul></td><td><code>5</code></td></tr></table>';
    const rows = htmlToMarkdown(html, 'block')
      .split('\n')
      .map((r) => r.split('|').map((c) => c.trim()));
    expect(rows).toEqual([
      ['', 'Lab', 'GW', ''],
      ['', '---', '---', ''],
      ['', 'Anthropic AWS', '5', ''],
    ]);
  });

  it('drops scripts, styles, images, media, comments and unsafe or relative links', () => {
    const html =
      '<meta charset="utf-8"><style>p{color:red}</style><script>alert(1)</script><!-- a comment -->' +
      '<p onclick="x()">Text <img src="https://tracker.example/p.gif" alt="pixel"><iframe src="https://x.example"></iframe>' +
      '<a href="javascript:alert(1)">bad</a> <a href="//evil.example">proto</a> <a href="/relative">rel</a> ' +
      '<a href="mailto:desk@example.org">mail</a></p><svg><text>svg</text></svg><button>Press</button>';
    const md = htmlToMarkdown(html, 'block');
    expect(md).toBe('Text bad proto rel [mail](mailto:desk@example.org)');
    for (const gone of ['alert', 'color', 'comment', 'pixel', 'tracker', 'iframe', 'svg', 'Press', 'javascript', 'evil', '<']) {
      expect(md, gone).not.toContain(gone);
    }
  });

  it('keeps text that looks like a tag as text', () => {
    expect(htmlToMarkdown('<p>Use &lt;b&gt; for bold</p>', 'block')).toBe('Use \\<b> for bold');
  });

  it('reads word processors’ styled spans and Google Docs’ wrapper', () => {
    const html =
      '<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Bold</span> and ' +
      '<span style="font-style:italic">italic</span>&nbsp;text</p></b>';
    expect(htmlToMarkdown(html, 'block')).toBe('**Bold** and *italic* text');
  });

  it('gives an inline field one line of running text', () => {
    const html =
      '<p>First <em>point</em>.</p><ul><li>one</li><li>two</li></ul><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>';
    expect(htmlToMarkdown(html, 'inline')).toBe('First *point*. one; two A · B; 1 · 2');
  });
});
