/**
 * Word wrapping as kubectl explain does it (mitchellh/go-wordwrap WrapString, through kubectl's term.WordWrapWriter):
 * breaks only at white space, keeps existing line breaks, lets a word longer than the limit overflow, and drops the
 * spaces where it breaks. Lengths count characters (runes), and a no-break space is not a space.
 */
export function wrapString(s: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let spaces = '';
  const len = (x: string) => [...x].length;
  for (const ch of s) {
    if (ch === '\n') {
      if (word === '') {
        if (current + len(spaces) <= limit) out += spaces;
      } else {
        out += spaces + word;
        word = '';
      }
      spaces = '';
      out += ch;
      current = 0;
    } else if (GO_SPACE.test(ch)) {
      if (spaces === '' || word !== '') {
        current += len(spaces) + len(word);
        out += spaces + word;
        spaces = '';
        word = '';
      }
      spaces += ch;
    } else {
      word += ch;
      const wordLen = len(word);
      if (current + len(spaces) + wordLen > limit && wordLen < limit) {
        out += '\n';
        current = 0;
        spaces = '';
      }
    }
  }
  if (word === '') {
    if (current + len(spaces) <= limit) out += spaces;
  } else {
    out += spaces + word;
  }
  return out;
}

/** Go's unicode.IsSpace, minus the no-break space that go-wordwrap keeps inside words. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;

/** Prefixes every line with `amount` spaces (text/template's indent in kubectl's explain funcs). */
export function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', `\n${pad}`);
}
