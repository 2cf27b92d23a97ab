import { describe, expect, it } from 'vitest';
import { findTextDefect, textDefect } from './text';

describe('textDefect', () => {
  it('accepts ordinary text, paired surrogates (emoji) and other control characters', () => {
    for (const value of ['', 'Mrs. Adams', 'naïve 日本語', 'pain 😣 today', 'tab\tand\nnewline']) {
      expect(textDefect(value), value).toBeNull();
    }
  });

  it('refuses NUL anywhere in the string', () => {
    expect(textDefect('before\u0000after')).toMatch(/NUL/);
    expect(textDefect('\u0000')).toMatch(/NUL/);
  });

  it('refuses a lone high or low surrogate, wherever it stands', () => {
    for (const value of ['\uD800', 'a\uD83Db', '\uDE23', 'x\uDE23\uD83D', '😣\uD83D']) {
      expect(textDefect(value), JSON.stringify(value)).toMatch(/unpaired surrogate/);
    }
  });
});

describe('findTextDefect', () => {
  it('names the first defective string by its dotted path, in document order', () => {
    const body = { title: 'ok', goals: [{ description: 'fine' }, { description: 'bad\u0000', unit: '\uD800' }] };
    expect(findTextDefect(body, 'body')).toEqual({ field: 'body.goals.1.description', message: expect.any(String) });
  });

  it('looks at object keys too, and ignores numbers, booleans and null', () => {
    expect(findTextDefect({ notes: { 'k\u0000': 1 } }, 'body')?.field).toBe('body.notes');
    expect(findTextDefect({ a: 1, b: true, c: null, d: ['x', 2] }, 'query')).toBeNull();
    expect(findTextDefect('\uDC00', 'params.id')).toEqual({ field: 'params.id', message: expect.any(String) });
  });
});
