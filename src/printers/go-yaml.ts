import type { Document, Scalar } from 'yaml';

/**
 * What sigs.k8s.io/yaml (go-yaml v2's emitter) writes that the yaml package would write otherwise: the style of each
 * string, and where a long one breaks. kubectl -o yaml goes through it, so a ConfigMap's or an event's long text
 * reads here as it reads on a real cluster.
 */

/** go-yaml's best_width: a scalar breaks at the first space written past this column. */
const BEST_WIDTH = 80;

/** The yaml package's own test for a string that plain YAML cannot hold (an indicator first, ": ", " #", an edge space). */
const PLAIN_REFUSED = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$|^(?:---|\.\.\.)(?:\s|$)/;

/** What go-yaml does not print as it is (is_printable): tabs, control characters, a BOM, anything past U+FFFF (emoji). */
const SPECIAL = /[^\n\x20-\x7E\u00A0-\uD7FF\uE000-\uFFFD]|\uFEFF/u;

/**
 * The string values go-yaml writes its own way: each is left in the yaml package's output as a plain token (a word no
 * text holds: it has this call's random part), replaced by goFold.
 */
export interface OwnScalars {
  token: string;
  scalars: Array<{ style: 'literal' | 'double'; value: string }>;
}

/**
 * encoder.stringv's choice, then the emitter's: a string with a line break is a literal block (unless a space ends a
 * line or something cannot be printed: then double-quoted); one that would read back as another type ("1", "true", a
 * timestamp, "") is double-quoted, as is one that cannot be printed; one plain YAML cannot hold, single-quoted (quotes
 * inside doubled: Go never switches to double quotes for an apostrophe); the rest plain. Literal blocks and the
 * double quotes of what cannot be printed are written here (see goFold): the yaml package writes them otherwise.
 */
export function goStyles(doc: Document, visit: typeof import('yaml').visit): OwnScalars {
  const { tags, compat } = doc.schema;
  const readsAsOther = (s: string) => [...tags, ...(compat ?? [])].some((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test?.test(s));
  const own: OwnScalars = { token: `kubesim${Math.random().toString(36).slice(2)}scalar`, scalars: [] };
  const mine = (node: Scalar, style: OwnScalars['scalars'][number]['style']) => {
    node.value = `${own.token}${own.scalars.push({ style, value: node.value as string }) - 1}`;
    node.type = 'PLAIN';
  };
  visit(doc, {
    Scalar(key, node: Scalar) {
      const s = node.value;
      if (typeof s !== 'string') return;
      const value = key !== 'key';
      if (value && s.includes('\n')) mine(node, / $| \n/.test(s) || SPECIAL.test(s) ? 'double' : 'literal');
      else if (readsAsOther(s)) node.type = 'QUOTE_DOUBLE';
      else if (value && SPECIAL.test(s)) mine(node, 'double');
      else node.type = PLAIN_REFUSED.test(s) ? 'QUOTE_SINGLE' : 'PLAIN';
    },
  });
  return own;
}

/** yaml_emitter_write_double_quoted's escapes (without its line breaks: see fold). */
const ESCAPES: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 27: 'e', 34: '"', 92: '\\', 0x85: 'N', 0x2028: 'L', 0x2029: 'P' };

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const hex = (digits: number) => c.toString(16).toUpperCase().padStart(digits, '0');
    if (ESCAPES[c] !== undefined) out += `\\${ESCAPES[c]}`;
    else if (!SPECIAL.test(ch)) out += ch;
    else out += c <= 0xff ? `\\x${hex(2)}` : c <= 0xffff ? `\\u${hex(4)}` : `\\U${hex(8)}`;
  }
  return `${out}"`;
}

/**
 * yaml_emitter_write_literal_scalar: `|`, an indentation hint when the text starts with a space or a line break, `-`
 * without a final line break, `+` with more than one; each line indented, empty ones left empty.
 */
function literal(s: string, indent: number): string {
  const hint = /^[ \n]/.test(s) ? '2' : '';
  const chomp = !s.endsWith('\n') ? '-' : s === '\n' || s.endsWith('\n\n') ? '+' : '';
  const lines = s.split('\n');
  if (s.endsWith('\n')) lines.pop();
  return [`|${hint}${chomp}`, ...lines.map((l) => (l ? ' '.repeat(indent) + l : ''))].join('\n');
}

/** Where a line's scalar value starts, and the column its continuation lines start at; undefined for other lines. */
function valueOf(line: string): { at: number; continuation: number } | undefined {
  let i = line.search(/\S/);
  if (i < 0) return undefined;
  while (line.startsWith('- ', i)) i += 2;
  const node = i;
  let at = i;
  const quote = line[i];
  if (quote === "'" || quote === '"') {
    const end = quotedEnd(line, i);
    if (line.startsWith(': ', end)) at = end + 2;
  } else {
    const colon = line.indexOf(': ', i);
    if (colon >= 0) at = colon + 2;
  }
  // a mapping value continues two columns in from its key; a sequence item's, where the item starts
  return { at, continuation: at === node ? node : node + 2 };
}

/** The index just past the quoted scalar starting at `from` ('' and \x escapes inside). */
function quotedEnd(line: string, from: number): number {
  const quote = line[from];
  for (let i = from + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return line.length;
}

/**
 * yaml_emitter_write_plain_scalar and its quoted twins: at a space after a non-space, once the line is past
 * BEST_WIDTH columns (characters, not bytes) and the next character is not a space, the space becomes a line break
 * and the continuation's indent. A quoted scalar never breaks at its first or last character; a double-quoted one
 * that breaks before a space escapes the line break.
 */
function fold(line: string, at: number, continuation: number): string {
  const chars = [...line];
  let start = [...line.slice(0, at)].length;
  const quote = chars[start] === "'" || chars[start] === '"' ? chars[start] : undefined;
  if (quote) start++;
  // the content: between the quotes of a quoted scalar
  const end = quote ? chars.length - 1 : chars.length;
  let out = chars.slice(0, start).join('');
  let column = start;
  let spaces = false;
  for (let i = start; i < chars.length; i++) {
    const c = chars[i]!;
    const space = c === ' ' && i < end;
    const edge = quote !== undefined && (i === start || i === end - 1);
    const nextSpace = chars[i + 1] === ' ';
    if (space && !spaces && column > BEST_WIDTH && !edge && (quote === '"' || !nextSpace)) {
      out += `\n${' '.repeat(continuation)}${nextSpace ? '\\' : ''}`;
      column = continuation + (nextSpace ? 1 : 0);
    } else {
      out += c;
      column++;
    }
    spaces = space;
  }
  return out;
}

/**
 * The yaml package's output (no line width of its own) as go-yaml writes it: the scalars of `own` in place of their
 * tokens, then its line breaks (block scalars stay as they are).
 */
export function goFold(text: string, own?: OwnScalars): string {
  const expanded = own?.scalars.length
    ? text.replace(new RegExp(`^(.*)${own.token}(\\d+)$`, 'gm'), (line: string, before: string, n: string) => {
        const { style, value } = own.scalars[Number(n)]!;
        return before + (style === 'double' ? doubleQuoted(value) : literal(value, valueOf(line)!.continuation));
      })
    : text;
  const out: string[] = [];
  let block = -1;
  for (const line of expanded.split('\n')) {
    const indent = line.search(/\S/);
    if (block >= 0) {
      if (indent < 0 || indent > block) {
        out.push(line);
        continue;
      }
      block = -1;
    }
    const value = valueOf(line);
    if (!value) out.push(line);
    else if (/^[|>][-+0-9]*$/.test(line.slice(value.at))) {
      block = indent;
      out.push(line);
    } else out.push([...line].length > BEST_WIDTH ? fold(line, value.at, value.continuation) : line);
  }
  return out.join('\n');
}
