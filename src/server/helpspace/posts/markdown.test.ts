import { describe, expect, it } from 'vitest';
import { markdownToText, mentionedUserIds, renderMarkdown } from './markdown.js';

describe('safe Markdown', () => {
  it('escapes raw HTML and scripts', () => {
    const html = renderMarkdown('Bonjour <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).toBe('<p>Bonjour &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>\n');
  });
  it('keeps http, https and mailto links with rel nofollow noopener ugc, refuses other schemes', () => {
    expect(renderMarkdown('[guide](https://www.ecologie.gouv.fr/guide)')).toBe(
      '<p><a href="https://www.ecologie.gouv.fr/guide" rel="nofollow noopener ugc">guide</a></p>\n',
    );
    expect(renderMarkdown('[écrire](mailto:achats@ville.fr)')).toContain('href="mailto:achats@ville.fr" rel="nofollow noopener ugc"');
    expect(renderMarkdown('[clic](javascript:alert(1))')).toBe('<p>[clic](javascript:alert(1))</p>\n');
    expect(renderMarkdown('[data](data:text/html;base64,PHNjcmlwdD4=)')).not.toContain('<a');
    expect(renderMarkdown('[rel](/admin)')).not.toContain('<a');
  });
  it('drops images and renders mentions', () => {
    expect(renderMarkdown('![pixel](https://traceur.example/p.png)')).not.toContain('<img');
    const id = '3f2b8c1e-1d2a-4b3c-8d4e-5f6a7b8c9d0e';
    expect(renderMarkdown(`Merci @[Zoé <b>Martin</b>](user:${id}) !`)).toBe(
      `<p>Merci <span class="mention" data-user-id="${id}">@Zoé &lt;b&gt;Martin&lt;/b&gt;</span> !</p>\n`,
    );
    expect(mentionedUserIds(`@[A](user:${id}) et encore @[A](user:${id})`)).toEqual([id]);
  });
});

describe('item 7: markdownToText, the one way text leaves Markdown', () => {
  const source = [
    '## Programme',
    '',
    'Un **gras**, un _italique_, du `code` et [le guide](https://www.ecologie.gouv.fr/guide) ; merci @[Zoé Martin](user:3f2b8c1e-1d2a-4b3c-8d4e-5f6a7b8c9d0e).',
    '',
    '- décollage',
    '- atelier *clauses*',
    '',
    '1. premier',
    '2. second',
    '',
    '> citée & <b>x</b>',
  ].join('\n');

  it('gives one line without Markdown marks for excerpts, escaped HTML kept as text', () => {
    expect(markdownToText(source)).toBe(
      'Programme Un gras, un italique, du code et le guide ; merci @Zoé Martin. décollage atelier clauses premier second citée & <b>x</b>',
    );
    expect(markdownToText('**Programme** en _trois_ mois :\n\n- décollage\n- atterrissage & <b>x</b>')).toBe('Programme en trois mois : décollage atterrissage & <b>x</b>');
  });

  it('keeps paragraphs, list items on their own lines and link addresses in the paragraphs layout (calendars)', () => {
    expect(markdownToText(source, { layout: 'paragraphs' })).toBe(
      [
        'Programme',
        '',
        'Un gras, un italique, du code et le guide (https://www.ecologie.gouv.fr/guide) ; merci @Zoé Martin.',
        '',
        '• décollage',
        '• atelier clauses',
        '',
        '1. premier',
        '2. second',
        '',
        'citée & <b>x</b>',
      ].join('\n'),
    );
  });

  it('cuts at the given length with an ellipsis', () => {
    expect(markdownToText('# Titre\n\nUn deux trois quatre', { max: 12 })).toBe('Titre Un de…');
  });
});
