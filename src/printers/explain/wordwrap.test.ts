import { describe, expect, it } from 'vitest';
import { indent, wrapString } from './wordwrap.js';

describe('wrapString (go-wordwrap, as kubectl explain uses it)', () => {
  it.each([
    ['breaks at the last space that fits, dropping it', 'aaa bbb ccc', 7, 'aaa bbb\nccc'],
    ['keeps a word longer than the limit whole', 'a https://example.com/very/long b', 10, 'a\nhttps://example.com/very/long\nb'],
    ['keeps line breaks, and counts from them', 'aa\nbbb ccc', 7, 'aa\nbbb ccc'],
    ['keeps an empty line between paragraphs', 'one.\n\ntwo', 76, 'one.\n\ntwo'],
    ['keeps runs of spaces inside a line', 'a  b', 76, 'a  b'],
    ['does not break at a no-break space', 'a\u00a0b c', 3, 'a\u00a0b\nc'],
    ['counts characters, not bytes', 'ééé ééé', 7, 'ééé ééé'],
  ])('%s', (_why, text, limit, wrapped) => {
    expect(wrapString(text, limit)).toBe(wrapped);
  });

  it('indents every line, empty ones too', () => {
    expect(indent(4, 'a\n\nb\n')).toBe('    a\n    \n    b\n    ');
  });
});
