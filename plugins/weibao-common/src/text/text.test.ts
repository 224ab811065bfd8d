/* eslint-disable no-script-url -- these tests are about refusing script URLs */
import { checkLink, checkText, isSafeLink } from './text';
import { cleanTextFields, textKindOf } from './fields';

const line = (s: string, max?: number) => checkText(s, { kind: 'line', max });
const multi = (s: string) => checkText(s, { kind: 'multiline' });

describe('checkText', () => {
  it('normalises to NFC and trims', () => {
    expect(line('  Cafe\u0301 ')).toEqual({ ok: true, value: 'Café' });
    expect(line('门诊收费结算报错')).toEqual({
      ok: true,
      value: '门诊收费结算报错',
    });
  });

  it('removes zero-width characters and direction marks', () => {
    expect(line('门\u200B诊\u200D\uFEFF收\u200E费\u2060')).toEqual({
      ok: true,
      value: '门诊收费',
    });
  });

  it.each([
    ['only zero-width characters', '\u200B\u200C\u200D\uFEFF'],
    ['only direction marks', '\u200E\u200F\u061C'],
    ['only white space', ' \u3000 '],
  ])('refuses a title of %s as empty', (_, s) => {
    expect(line(s)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^nothing visible is left/),
    });
  });

  it.each([
    ['RLO', 'abc\u202Eexe.txt', 'U+202E'],
    ['LRI', 'a\u2066b', 'U+2066'],
    ['PDI', 'a\u2069b', 'U+2069'],
  ])('refuses the bidirectional control %s', (_, s, cp) => {
    expect(multi(s)).toEqual({
      ok: false,
      reason: expect.stringContaining(`bidirectional control ${cp}`),
    });
  });

  it.each([
    ['a lone high surrogate', 'a\uD800b', 'U+D800'],
    ['a lone low surrogate', 'a\uDC00b', 'U+DC00'],
    ['a high surrogate at the end', 'ab\uD83D', 'U+D83D'],
  ])('refuses %s', (_, s, cp) => {
    expect(line(s)).toEqual({
      ok: false,
      reason: expect.stringContaining(`lone surrogate (${cp})`),
    });
  });

  it('keeps a surrogate pair (emoji, rare CJK)', () => {
    expect(line('𠀀 ok 😀')).toEqual({ ok: true, value: '𠀀 ok 😀' });
  });

  it('refuses the replacement character that invalid UTF-8 decodes to', () => {
    expect(line('ab\uFFFDc')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('keeps line breaks and tabs in multi-line text, as LF', () => {
    expect(multi('一\r\n二\r三\u2028四\t五')).toEqual({
      ok: true,
      value: '一\n二\n三\n四\t五',
    });
  });

  it('refuses line breaks and tabs inside one line, trims them at the ends', () => {
    expect(line('标题\n')).toEqual({ ok: true, value: '标题' });
    expect(line('标\n题')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('line break or tab (U+000A)'),
    });
    expect(line('标\t题')).toMatchObject({ ok: false });
  });

  it.each(['\u0000', '\u0007', '\u001B[31m', '\u007F', '\u0085', '\u009B'])(
    'refuses the control character %j',
    c => {
      expect(multi(`a${c}b`)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^contains the control character U\+00/),
      });
    },
  );

  it('counts the maximum in code points after normalisation', () => {
    expect(line('😀'.repeat(3), 3)).toEqual({ ok: true, value: '😀😀😀' });
    expect(line('abcd', 3)).toEqual({
      ok: false,
      reason: '4 characters, longer than the 3 allowed',
    });
  });
});

describe('checkLink', () => {
  it.each([
    'https://wiki.example/drills/2026-q3',
    'http://10.0.0.5:8080/report?id=1#top',
    'mailto:li.na@vendor.example',
  ])('accepts %s', link => {
    expect(checkLink(link)).toEqual({ ok: true, value: link });
    expect(isSafeLink(link)).toBe(true);
  });

  it.each([
    ['javascript:alert(document.cookie)', 'the scheme "javascript:"'],
    ['JaVaScRiPt:alert(1)', 'the scheme "javascript:"'],
    ['data:text/html,<script>alert(1)</script>', 'the scheme "data:"'],
    ['vbscript:msgbox(1)', 'the scheme "vbscript:"'],
    ['file:///etc/passwd', 'the scheme "file:"'],
    ['/relative/path', 'not an absolute URL'],
    ['wiki.example/page', 'not an absolute URL'],
    ['https://', 'not an absolute URL'],
    ['java\tscript:alert(1)', 'white space'],
    ['https://exa mple.com', 'white space'],
    ['', 'must not be empty'],
  ])('refuses %j', (link, reason) => {
    expect(checkLink(link)).toEqual({
      ok: false,
      reason: expect.stringContaining(reason),
    });
    expect(isSafeLink(link)).toBe(false);
  });

  it('refuses a link longer than 2000 characters', () => {
    expect(checkLink(`https://a.example/${'x'.repeat(2000)}`).ok).toBe(false);
  });
});

describe('cleanTextFields', () => {
  it('checks every string by the kind of its field and names the path', () => {
    const { value, problems } = cleanTextFields({
      title: ' 门诊\u200B收费 ',
      symptoms: '第一行\r\n第二行',
      version: 3,
      impact: { modules: ['ok', '\u200B'] },
      links: [{ title: '记录', url: 'javascript:alert(1)' }],
      reporter: { name: '李\n主任' },
    });
    expect(value).toMatchObject({
      title: '门诊收费',
      symptoms: '第一行\n第二行',
      version: 3,
    });
    expect(problems.map(p => p.field)).toEqual([
      'impact.modules[1]',
      'links[0].url',
      'reporter.name',
    ]);
  });

  it('knows links and multi-line fields by name', () => {
    expect(textKindOf('link')).toBe('link');
    expect(textKindOf('note')).toBe('multiline');
    expect(textKindOf('title')).toBe('line');
  });
});
