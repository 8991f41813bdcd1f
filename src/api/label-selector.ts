import { labelValue, qualifiedName } from '../apiserver/validation/names.js';
import type { Requirement } from './labels.js';

/**
 * apimachinery's label selector parser (pkg/labels/selector.go), lexer and recursive descent as upstream, so that a
 * selector kube-apiserver refuses is refused here with its words: `-l app=web,` is `found '', expected: identifier
 * after ','`, not a selector that matches everything.
 */

type Token = 'end' | 'error' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

interface Item {
  tok: Token;
  lit: string;
}

const KEYWORDS: Record<string, Token> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
/** selection.Operator values, in upstream's binaryOperators order. */
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** The lexer's tokens, the end of the string last. */
function scan(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && WHITESPACE.has(s[pos]!)) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    if (SPECIAL.has(s[pos]!)) {
      // the longest run of special symbols that is still a token ("!=", "==")
      let buffer = '';
      let last: Item | undefined;
      while (pos < s.length && SPECIAL.has(s[pos]!)) {
        buffer += s[pos];
        const tok = KEYWORDS[buffer];
        if (tok) last = { tok, lit: buffer };
        else if (last) break;
        pos++;
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let buffer = '';
    while (pos < s.length && !SPECIAL.has(s[pos]!) && !WHITESPACE.has(s[pos]!)) buffer += s[pos++];
    items.push({ tok: KEYWORDS[buffer] ?? 'id', lit: buffer });
  }
}

class SelectorError extends Error {}

const fail = (message: string): never => {
  throw new SelectorError(message);
};

class Parser {
  private position = 0;

  constructor(private readonly items: Item[]) {}

  /** The next token; among values, `in` and `notin` are words like any other. */
  lookahead(values = true): Item {
    const item = this.items[this.position]!;
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  consume(values = true): Item {
    const item = this.lookahead(values);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead();
      if (tok === 'end') return requirements;
      if (tok !== 'id' && tok !== '!') fail(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.requirement());
      } catch (e) {
        if (e instanceof SelectorError) fail(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const next = this.consume();
      if (next.tok === 'end') return requirements;
      if (next.tok !== ',') fail(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead();
      if (after.tok !== 'id' && after.tok !== '!') fail(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let item = this.consume();
    const negated = item.tok === '!';
    if (negated) item = this.consume();
    if (item.tok !== 'id') fail(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    const keyErrors = qualifiedName(key);
    // checked against the parser's field path, which is none: Go prints a nil path as <nil>
    if (keyErrors.length) fail(`<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrors.join('; ')}`);
    const ahead = this.lookahead().tok;
    if (negated || ahead === 'end' || ahead === ',') return checked(key, negated ? 'DoesNotExist' : 'Exists', []);
    const op = this.consume(false);
    switch (op.tok) {
      case 'in':
      case 'notin':
        return checked(key, op.tok === 'in' ? 'In' : 'NotIn', this.values());
      case '=':
      case '==':
      case '!=':
        return checked(key, op.tok === '!=' ? '!=' : '=', this.exactValue());
      case '>':
      case '<':
        return checked(key, op.tok === '>' ? 'Gt' : 'Lt', this.exactValue());
      default:
        return fail(`found '${op.lit}', expected: ${BINARY_OPERATORS}`);
    }
  }

  /** `(a,b,,c)`: the empty string is a value too. */
  private values(): string[] {
    const open = this.consume();
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const first = this.lookahead();
    if (first.tok === ')') {
      this.consume();
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',') fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const values = new Set<string>();
    for (;;) {
      const item = this.consume();
      if (item.tok === 'id') {
        values.add(item.lit);
        const next = this.lookahead();
        if (next.tok === ')') break;
        if (next.tok !== ',') fail(`found '${next.lit}', expected: ',' or ')'`);
      } else if (item.tok === ',') {
        const next = this.lookahead().tok;
        if (!values.size || next === ')' || next === ',') values.add('');
        if (next === ')') break;
      } else fail(`found '${item.lit}', expected: ',', or identifier`);
    }
    this.consume(); // the ')' the loop stopped before
    return [...values].sort();
  }

  private exactValue(): string[] {
    const ahead = this.lookahead().tok;
    if (ahead === 'end' || ahead === ',') return [''];
    const item = this.consume();
    if (item.tok !== 'id') fail(`found '${item.lit}', expected: identifier`);
    return [item.lit];
  }
}

/** A value as an integer (what gt and lt compare: Go's strconv.ParseInt), or undefined if it is not one. */
export function integerOf(text: string | undefined): bigint | undefined {
  return text !== undefined && /^[+-]?\d+$/.test(text) ? BigInt(text) : undefined;
}

/** NewRequirement's checks on the values (the key is checked as it is read). */
function checked(key: string, op: Requirement['op'], values: string[]): Requirement {
  const errors: string[] = [];
  if ((op === 'Gt' || op === 'Lt') && integerOf(values[0]) === undefined) {
    errors.push(`values[0]: Invalid value: ${JSON.stringify(values[0])}: for 'Gt', 'Lt' operators, the value must be an integer`);
  }
  values.forEach((v, i) => {
    const bad = labelValue(v);
    if (bad.length) errors.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: ${bad.join('; ')}`);
  });
  // an aggregate of one error is that error; of several, a list
  if (errors.length) fail(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
  return { key, op, values };
}

/**
 * Parses a `-l` selector string: `app=web`, `app==web`, `tier!=db`, `env in (a,b)`, `env notin (c)`, `key`, `!key`,
 * `replicas>2`. Returns kube-apiserver's error for a selector it refuses.
 */
export function parseSelector(text: string): Requirement[] | { error: string } {
  try {
    return new Parser(scan(text)).parse().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  } catch (e) {
    if (e instanceof SelectorError) return { error: e.message };
    throw e;
  }
}
