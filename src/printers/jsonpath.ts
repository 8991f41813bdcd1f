import { compactJson } from './output.js';

/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), for `-o jsonpath=` and `-o custom-columns=`: text
 * with `{…}` actions; inside, `.field`, `['field']`, `[n]`, `[start:end]`, `[*]`, `..field`, filters
 * `[?(@.a == "x")]` (==, !=, <, <=, >, >=, or a path alone for "exists"), `"text"` literals, and `range … end`.
 * As kubectl get does, a missing key gives nothing rather than an error; several results print joined by spaces,
 * strings as they are, maps and lists as compact JSON.
 */
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'index'; start?: number; end?: number; step?: number; single: boolean }
  | { kind: 'all' }
  | { kind: 'filter'; left: Step[]; op?: string; right?: Step[] | { literal: unknown } };

type Action = { kind: 'text'; text: string } | { kind: 'path'; steps: Step[] } | { kind: 'range'; steps: Step[]; body: Action[] };

/** client-go's refusals, worded as it words them; `executing` ones come from a template that parsed. */
export class JsonPathError extends Error {
  constructor(
    message: string,
    readonly during: 'parsing' | 'executing' = 'parsing',
  ) {
    super(message);
  }
}

/** Parses a template; throws JsonPathError with client-go's wording ("unterminated array", "unclosed action"…). */
export function parseJsonPath(template: string): Action[] {
  const parsed: Action[] = [];
  const stack: Action[][] = [parsed];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{', at);
    const text = template.slice(at, open < 0 ? undefined : open);
    if (text) stack.at(-1)!.push({ kind: 'text', text });
    if (open < 0) break;
    const close = closingBrace(template, open);
    if (close < 0) throw new JsonPathError('unclosed action');
    const inside = template.slice(open + 1, close).trim();
    at = close + 1;
    if (inside === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end', 'executing');
      stack.pop();
    } else if (/^range(?=[\s.[$@])/.test(inside)) {
      const range: Action = { kind: 'range', steps: parsePath(inside.slice('range'.length).trim()), body: [] };
      stack.at(-1)!.push(range);
      stack.push((range as { body: Action[] }).body);
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(inside)) {
      if (inside.includes('\n')) throw new JsonPathError('unterminated quoted string');
      stack.at(-1)!.push({ kind: 'text', text: unquote(inside) });
    } else {
      stack.at(-1)!.push({ kind: 'path', steps: parsePath(inside) });
    }
  }
  return parsed; // a range left open runs to the end of the template, as in client-go
}

/** The `}` closing the action opened at `open`, skipping braces inside quoted strings. */
function closingBrace(template: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < template.length; i++) {
    const c = template[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

/** Go's strconv.Unquote of a double-quoted literal (a raw tab is allowed in it; JSON wants it escaped). */
function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)) as string;
  } catch {
    throw new JsonPathError(`invalid syntax ${quoted}`);
  }
}

function parsePath(text: string): Step[] {
  const steps: Step[] = [];
  let at = text.startsWith('$') || text.startsWith('@') ? 1 : 0;
  while (at < text.length) {
    if (text.startsWith('..', at)) {
      const m = /^[\w-]+/.exec(text.slice(at + 2));
      if (!m) throw new JsonPathError(`unrecognized character in action: ${text.slice(at)}`);
      steps.push({ kind: 'recursive', name: m[0] });
      at += 2 + m[0].length;
    } else if (text[at] === '.') {
      // a name runs to the next . or [; `\.` is a dot inside it (kubectl\.kubernetes\.io/last-applied-configuration)
      const m = /^(\*|(?:\\\.|[\w/-])*)/.exec(text.slice(at + 1));
      const written = m?.[1] ?? '';
      if (written === '*') steps.push({ kind: 'all' });
      else if (written) steps.push({ kind: 'field', name: written.replace(/\\\./g, '.') });
      at += 1 + written.length;
    } else if (text[at] === '[') {
      const close = bracketEnd(text, at);
      if (close < 0) throw new JsonPathError('unterminated array');
      steps.push(bracket(text.slice(at + 1, close)));
      at = close + 1;
    } else {
      throw new JsonPathError(`unrecognized character in action: U+${text.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0')} '${text[at]}'`);
    }
  }
  return steps;
}

function bracketEnd(text: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && --depth === 0) return i;
  }
  return -1;
}

function bracket(inside: string): Step {
  const s = inside.trim();
  if (s === '*') return { kind: 'all' };
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(s);
  if (quoted) return { kind: 'field', name: quoted[1] ?? quoted[2]! };
  if (s.startsWith('?(') && s.endsWith(')')) return filter(s.slice(2, -1).trim());
  const m = /^(-?\d+)?(?:(:)(-?\d+)?(?::(-?\d+)?)?)?$/.exec(s);
  if (!m || (m[1] === undefined && !m[2])) throw new JsonPathError(`invalid array index ${s}`);
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return { kind: 'index', start: num(m[1]), end: num(m[3]), step: num(m[4]), single: !m[2] };
}

function filter(expr: string): Step {
  const m = /^(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr);
  if (!m) {
    if (!expr.startsWith('@')) throw new JsonPathError(`unrecognized filter ${expr}`);
    return { kind: 'filter', left: parsePath(expr) };
  }
  const right = m[3]!.trim();
  const literal = /^'(.*)'$|^"(.*)"$/.exec(right);
  const value = literal ? (literal[1] ?? literal[2]) : right.startsWith('@') || right.startsWith('$') ? undefined : literalOf(right);
  return { kind: 'filter', left: parsePath(m[1]!), op: m[2], right: value === undefined && !literal ? parsePath(right) : { literal: value } };
}

/** A filter's bare literal: a number, true, false or null (anything else is not one, as in client-go). */
function literalOf(text: string): unknown {
  if (/^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)$/.test(text)) return JSON.parse(text) as unknown;
  throw new JsonPathError(`unrecognized identifier ${text}`);
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b` and `{.a.b}` all mean `{.a.b}` (custom-columns, --sort-by). */
export function relaxedPath(path: string): string {
  return path.startsWith('{') ? path : `{${path.startsWith('.') ? '' : '.'}${path}}`;
}

/** What a template's paths reach in `root`, action after action (its text left out): client-go's FindResults. */
export function valuesOf(actions: Action[], root: unknown): unknown[] {
  return actions.flatMap((action) => (action.kind === 'path' ? evaluate(action.steps, [root]) : []));
}

/** Prints the template for `root` (an object, or a List for several). */
export function printJsonPath(actions: Action[], root: unknown): string {
  let out = '';
  for (const action of actions) {
    if (action.kind === 'text') out += action.text;
    else if (action.kind === 'path') out += evaluate(action.steps, [root]).map(text).join(' ');
    else for (const item of evaluate(action.steps, [root])) out += printJsonPath(action.body, item);
  }
  return out;
}

/** The values a path reaches from each of `from`. */
function evaluate(steps: Step[], from: unknown[]): unknown[] {
  let current = from;
  for (const step of steps) current = current.flatMap((value) => apply(step, value));
  return current;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function apply(step: Step, value: unknown): unknown[] {
  switch (step.kind) {
    case 'field':
      return isMap(value) && value[step.name] !== undefined ? [value[step.name]] : [];
    case 'all':
      return Array.isArray(value) ? value : isMap(value) ? Object.keys(value).sort().map((k) => value[k]) : [];
    case 'recursive':
      return descendants(value).flatMap((v) => (isMap(v) && v[step.name] !== undefined ? [v[step.name]] : []));
    case 'index':
      return Array.isArray(value) ? slice(value, step) : [];
    case 'filter':
      return Array.isArray(value) ? value.filter((item) => keep(step, item)) : [];
  }
}

function descendants(value: unknown): unknown[] {
  const children = Array.isArray(value) ? value : isMap(value) ? Object.values(value) : [];
  return [value, ...children.flatMap(descendants)];
}

function slice(list: unknown[], step: Extract<Step, { kind: 'index' }>): unknown[] {
  const at = (i: number) => (i < 0 ? i + list.length : i);
  if (step.single) {
    const i = at(step.start!);
    if (i < 0 || i >= list.length) throw new JsonPathError(`array index out of bounds: index ${step.start}, length ${list.length}`, 'executing');
    return [list[i]];
  }
  const start = Math.max(0, at(step.start ?? 0));
  const end = Math.min(list.length, at(step.end ?? list.length));
  const out: unknown[] = [];
  for (let i = start; i < end; i += step.step || 1) out.push(list[i]);
  return out;
}

function keep(step: Extract<Step, { kind: 'filter' }>, item: unknown): boolean {
  const left = evaluate(step.left, [item]);
  if (!step.op) return left.length > 0;
  const right = step.right && 'literal' in step.right ? [step.right.literal] : evaluate(step.right as Step[], [item]);
  if (!left.length || !right.length) return false;
  const [a, b] = [left[0], right[0]];
  switch (step.op) {
    case '==':
      return text(a) === text(b);
    case '!=':
      return text(a) !== text(b);
    default: {
      const [x, y] = [Number(a), Number(b)];
      if (Number.isNaN(x) || Number.isNaN(y)) return false;
      return step.op === '<' ? x < y : step.op === '<=' ? x <= y : step.op === '>' ? x > y : x >= y;
    }
  }
}

/** A value as kubectl prints it: strings as they are, maps and lists as Go's compact JSON (keys sorted). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return compactJson(value);
  return String(value);
}
