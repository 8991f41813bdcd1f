/**
 * `kubectl get -o go-template=…` (and `-o template`, `--template`): Go's text/template over the object as kubectl
 * hands it over, JSON decoded into maps (`map[string]interface{}`), with kubectl's own functions (base64decode,
 * exists). The Kubernetes Basics tutorial reads a NodePort with `{{(index .spec.ports 0).nodePort}}` and pod names
 * with `{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}`. A subset: actions, pipelines, variables, if/range/with/
 * else/end, trim markers, comments, and the built-in functions a template over JSON uses.
 */

/** A template kubectl refuses: its words after `template: output:LINE[:COL]: `. */
export class GoTemplateError extends Error {
  constructor(
    readonly during: 'parsing' | 'executing',
    message: string,
  ) {
    super(message);
  }
}

/** A value absent from the object (Go's invalid reflect.Value): printed `<no value>`. */
const MISSING = Symbol('no value');
type Value = unknown;

type Operand =
  | { kind: 'dot'; fields: string[] }
  | { kind: 'var'; name: string; fields: string[] }
  | { kind: 'literal'; value: Value }
  | { kind: 'func'; name: string }
  | { kind: 'pipe'; pipe: Pipeline; fields: string[] };
interface Command {
  args: Operand[];
  /** Where it starts (for "output:LINE:COL") and its text (for "at <…>"). */
  line: number;
  col: number;
  text: string;
}
interface Pipeline {
  decl?: { names: string[]; assign: boolean };
  cmds: Command[];
}
interface Block {
  kind: 'if' | 'with' | 'range';
  pipe: Pipeline;
  then: Node[];
  else: Node[];
}
type Node = { kind: 'text'; text: string } | { kind: 'action'; pipe: Pipeline } | Block;

const FUNCS = new Set(['and', 'or', 'not', 'len', 'index', 'printf', 'print', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'base64decode', 'exists']);

/** An action's words: strings, numbers, fields, variables, `(`, `)`, `|`, `:=`, `=`, `,`. */
function tokens(src: string, line: number): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)'|:=|[()|=,]|[^\s()|=,"`']+)/gy;
  let end = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    out.push(m[1]!);
    end = re.lastIndex;
  }
  const rest = src.slice(end).trim();
  if (rest) throw new GoTemplateError('parsing', rest[0] === '"' || rest[0] === '`' ? `output:${line}: unterminated quoted string` : `output:${line}: unexpected "${rest[0]}" in command`);
  return out;
}

function literal(word: string, line: number): Value | typeof MISSING {
  if (word.startsWith('"')) {
    try {
      return JSON.parse(word);
    } catch {
      throw new GoTemplateError('parsing', `output:${line}: unterminated quoted string`);
    }
  }
  if (word.startsWith('`')) return word.slice(1, -1);
  if (word.startsWith("'")) return JSON.parse(`"${word.slice(1, -1)}"`).codePointAt(0);
  if (word === 'true' || word === 'false') return word === 'true';
  if (word === 'nil') return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(word) || /^0x[0-9a-f]+$/i.test(word)) return Number(word);
  return MISSING;
}

/** `.a.b`, `$x.a`, `$`: the fields after the head. */
const fieldsOf = (word: string) => word.split('.').slice(1).filter(Boolean);

class Parser {
  private pos = 0;
  private line = 1;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const { nodes, end } = this.list();
    if (end) throw new GoTemplateError('parsing', `output:${this.line}: unexpected {{${end}}}`);
    return nodes;
  }

  /** Nodes up to `{{end}}` or `{{else…}}` (returned as `end`), or to the end of the text. */
  private list(): { nodes: Node[]; end?: string; rest?: string } {
    const nodes: Node[] = [];
    for (;;) {
      const open = this.src.indexOf('{{', this.pos);
      let text = this.src.slice(this.pos, open < 0 ? undefined : open);
      const trimLeft = open >= 0 && /^\{\{- /.test(this.src.slice(open, open + 4));
      if (trimLeft) text = text.trimEnd();
      if (text) nodes.push({ kind: 'text', text });
      if (open < 0) return { nodes };
      // the line of the action, for errors: newlines in text, in actions and trimmed away all count
      this.line = 1 + (this.src.slice(0, open).match(/\n/g) ?? []).length;
      const bodyStart = open + (trimLeft ? 4 : 2);
      const close = this.src.indexOf('}}', bodyStart);
      if (close < 0) throw new GoTemplateError('parsing', `output:${this.line}: unclosed action`);
      const trimRight = this.src.slice(close - 2, close) === ' -';
      const body = this.src.slice(bodyStart, trimRight ? close - 2 : close);
      const col = bodyStart - (this.src.lastIndexOf('\n', open) + 1);
      this.pos = close + 2;
      if (trimRight) this.pos += this.src.slice(this.pos).length - this.src.slice(this.pos).trimStart().length;
      const word = body.trim();
      if (word.startsWith('/*')) {
        if (!word.endsWith('*/')) throw new GoTemplateError('parsing', `output:${this.line}: unclosed comment`);
        continue;
      }
      const [keyword] = word.split(/\s+/, 1);
      if (keyword === 'end' || keyword === 'else') return { nodes, end: keyword, rest: word.slice(keyword.length).trim() };
      if (keyword === 'if' || keyword === 'with' || keyword === 'range') {
        nodes.push(this.block(keyword, word.slice(keyword.length), col + body.indexOf(keyword) + keyword.length + 1));
        continue;
      }
      if (!word) throw new GoTemplateError('parsing', `output:${this.line}: missing value for command`);
      nodes.push({ kind: 'action', pipe: this.pipeline(body, col) });
    }
  }

  private block(kind: 'if' | 'with' | 'range', header: string, col: number): Node {
    const pipe = this.pipeline(header, col);
    if (!pipe.cmds.length) throw new GoTemplateError('parsing', `output:${this.line}: missing value for ${kind}`);
    const then = this.list();
    if (!then.end) throw new GoTemplateError('parsing', `output:${this.line}: unexpected EOF`);
    if (then.end === 'end') return { kind, pipe, then: then.nodes, else: [] };
    // {{else if …}} and {{else with …}} open a block inside the else branch, closed by the same {{end}}
    const chained = then.rest?.match(/^(if|with)\b(.*)$/s);
    if (chained) return { kind, pipe, then: then.nodes, else: [this.block(chained[1] as 'if' | 'with', chained[2]!, col)] };
    const otherwise = this.list();
    if (otherwise.end !== 'end') throw new GoTemplateError('parsing', `output:${this.line}: expected end; found ${otherwise.end ? `{{${otherwise.end}}}` : 'EOF'}`);
    return { kind, pipe, then: then.nodes, else: otherwise.nodes };
  }

  /** `[$x[, $y] :=] command | command …` */
  private pipeline(text: string, col: number): Pipeline {
    const words = tokens(text, this.line);
    let decl: Pipeline['decl'];
    const at = words.findIndex((w) => w === ':=' || w === '=');
    if (at > 0 && words.slice(0, at).every((w, i) => (i % 2 ? w === ',' : w.startsWith('$')))) {
      decl = { names: words.slice(0, at).filter((w) => w !== ','), assign: words[at] === '=' };
      words.splice(0, at + 1);
    }
    const cmds: Command[] = [];
    let i = 0;
    const command = (stop: string[]): Command => {
      const start = i;
      const args: Operand[] = [];
      while (i < words.length && !stop.includes(words[i]!)) args.push(this.operand(words, () => i++, () => words[i]));
      if (!args.length) throw new GoTemplateError('parsing', `output:${this.line}: missing value for command`);
      return { args, line: this.line, col, text: words.slice(start, i).join(' ') };
    };
    while (i < words.length) {
      cmds.push(command(['|']));
      if (words[i] === '|') i++;
    }
    return { decl, cmds };
  }

  private operand(words: string[], next: () => number, peek: () => string | undefined): Operand {
    const word = words[next()]!;
    if (word === '(') {
      const inner: string[] = [];
      for (let depth = 1; ; ) {
        const w = peek();
        if (w === undefined) throw new GoTemplateError('parsing', `output:${this.line}: unclosed left paren`);
        next();
        if (w === '(') depth++;
        if (w === ')' && --depth === 0) break;
        inner.push(w);
      }
      const after = peek();
      const fields = after?.startsWith('.') ? (next(), fieldsOf(after)) : [];
      return { kind: 'pipe', pipe: this.pipeline(inner.join(' '), 0), fields };
    }
    if (word === ')') throw new GoTemplateError('parsing', `output:${this.line}: unexpected right paren`);
    if (word.startsWith('.')) return { kind: 'dot', fields: fieldsOf(word) };
    if (word.startsWith('$')) return { kind: 'var', name: word.split('.')[0]!, fields: fieldsOf(word) };
    const value = literal(word, this.line);
    if (value !== MISSING) return { kind: 'literal', value };
    if (FUNCS.has(word)) return { kind: 'func', name: word };
    throw new GoTemplateError('parsing', `output:${this.line}: function "${word}" not defined`);
  }
}

export interface GoTemplate {
  nodes: Node[];
}

/** Parses a template as kubectl does before it fetches anything; throws GoTemplateError. */
export function parseGoTemplate(text: string): GoTemplate {
  return { nodes: new Parser(text).parse() };
}

/** Go's `%v` of a value decoded from JSON: maps with sorted keys, slices in brackets, `<nil>`, `<no value>`. */
function goFormat(v: Value): string {
  if (v === MISSING || v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat((v as Record<string, Value>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go templates' truth: false, 0, nil, empty strings, slices and maps are false. */
function truth(v: Value): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Go's printf for the verbs a template over JSON uses: %s %v %d %q %t %f %%, with widths. */
function printf(format: string, args: Value[]): string {
  let i = 0;
  return format.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([svdqtfx%])/g, (_all, flags: string, width: string, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const v = args[i++];
    let s =
      verb === 'q' ? JSON.stringify(typeof v === 'string' ? v : goFormat(v))
      : verb === 'd' ? (typeof v === 'number' ? String(Math.trunc(v)) : `%!d(${typeof v}=${goFormat(v)})`)
      : verb === 'f' ? (typeof v === 'number' ? v.toFixed(precision === undefined ? 6 : Number(precision)) : `%!f(${typeof v}=${goFormat(v)})`)
      : verb === 'x' ? (typeof v === 'number' ? Math.trunc(v).toString(16) : Buffer.from(String(v)).toString('hex'))
      : goFormat(v);
    if (width && s.length < Number(width)) s = flags.includes('-') ? s.padEnd(Number(width)) : s.padStart(Number(width), flags.includes('0') && verb !== 's' ? '0' : ' ');
    return s;
  });
}

type Scope = Map<string, Value>;

class Executor {
  private out = '';
  constructor(private readonly root: Value) {}

  run(nodes: Node[]): string {
    this.nodes(nodes, this.root, new Map([['$', this.root]]));
    return this.out;
  }

  private nodes(nodes: Node[], dot: Value, scope: Scope): void {
    for (const node of nodes) {
      if (node.kind === 'text') this.out += node.text;
      else if (node.kind === 'action') {
        const v = this.pipeline(node.pipe, dot, scope);
        if (!node.pipe.decl) this.out += goFormat(v);
      } else if (node.kind === 'range') this.range(node, dot, scope);
      else {
        const inner = new Map(scope);
        const v = this.pipeline(node.pipe, dot, inner);
        if (truth(v)) this.nodes(node.then, node.kind === 'with' ? v : dot, inner);
        else this.nodes(node.else, dot, inner);
      }
    }
  }

  private range(node: Block, dot: Value, scope: Scope): void {
    const { decl, cmds } = node.pipe;
    const v = this.pipeline({ cmds }, dot, scope);
    const entries: Array<[Value, Value]> = Array.isArray(v) ? v.map((e, i) => [i, e]) : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => [k, (v as Record<string, Value>)[k]]) : [];
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') this.fail(cmds[0]!, `range can't iterate over ${goFormat(v)}`);
    if (!entries.length) return this.nodes(node.else, dot, scope);
    for (const [key, element] of entries) {
      const inner = new Map(scope);
      const names = decl?.names ?? [];
      if (names.length === 1) inner.set(names[0]!, element);
      if (names.length === 2) inner.set(names[0]!, key).set(names[1]!, element);
      this.nodes(node.then, element, inner);
    }
  }

  private pipeline(pipe: Pipeline, dot: Value, scope: Scope): Value {
    let last: Value = MISSING;
    pipe.cmds.forEach((cmd, i) => (last = this.command(cmd, dot, scope, i ? [last] : [])));
    for (const name of pipe.decl?.names ?? []) {
      if (pipe.decl?.assign && !scope.has(name)) throw new GoTemplateError('parsing', `output:${pipe.cmds[0]?.line ?? 1}: undefined variable: ${name}`);
      scope.set(name, last);
    }
    return last;
  }

  private command(cmd: Command, dot: Value, scope: Scope, piped: Value[]): Value {
    const [head, ...rest] = cmd.args;
    if (head!.kind !== 'func') {
      if (rest.length || piped.length) this.fail(cmd, `can't give argument to non-function ${cmd.text.split(' ')[0]}`);
      return this.operand(head!, dot, scope, cmd);
    }
    const name = head!.name;
    // and/or evaluate their arguments only as far as they need
    if (name === 'and' || name === 'or') {
      const all = [...rest, ...piped.map((value) => ({ kind: 'literal', value }) as Operand)];
      let v: Value = MISSING;
      for (const a of all) {
        v = this.operand(a, dot, scope, cmd);
        if (truth(v) === (name === 'or')) return v;
      }
      return v;
    }
    const args = [...rest.map((a) => this.operand(a, dot, scope, cmd)), ...piped];
    return this.call(name, args, cmd);
  }

  private call(name: string, args: Value[], cmd: Command): Value {
    const arity = (n: number) => args.length !== n && this.fail(cmd, `wrong number of args for ${name}: want ${n} got ${args.length}`);
    switch (name) {
      case 'not':
        arity(1);
        return !truth(args[0]);
      case 'len': {
        arity(1);
        const v = args[0];
        if (typeof v === 'string' || Array.isArray(v)) return v.length;
        if (v && typeof v === 'object') return Object.keys(v).length;
        return this.fail(cmd, `error calling len: len of ${v === MISSING ? 'nil pointer' : `type ${goType(v)}`}`);
      }
      case 'index': {
        let v = args[0];
        for (const key of args.slice(1)) {
          if (Array.isArray(v)) {
            if (typeof key !== 'number') return this.fail(cmd, `error calling index: cannot index slice/array with type ${goType(key)}`);
            if (key < 0 || key >= v.length) return this.fail(cmd, `error calling index: index out of range: ${key}`);
            v = v[key];
          } else if (v && typeof v === 'object') v = Object.hasOwn(v, String(key)) ? (v as Record<string, Value>)[String(key)] : MISSING;
          else if (v === MISSING || v === null) return this.fail(cmd, 'error calling index: index of untyped nil');
          else return this.fail(cmd, `error calling index: can't index item of type ${goType(v)}`);
        }
        return v;
      }
      case 'printf':
        return printf(String(args[0] ?? ''), args.slice(1));
      case 'print':
        // Go's Sprint puts spaces between operands when neither is a string
        return args.map((a, i) => (i && typeof a !== 'string' && typeof args[i - 1] !== 'string' ? ' ' : '') + goFormat(a)).join('');
      case 'println':
        return `${args.map(goFormat).join(' ')}\n`;
      case 'eq':
      case 'ne': {
        if (args.length < 2) this.fail(cmd, `error calling ${name}: missing argument for comparison`);
        const same = args.slice(1).some((b) => this.compare(name, args[0], b, cmd) === 0);
        return name === 'eq' ? same : !same;
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        arity(2);
        const c = this.compare(name, args[0], args[1], cmd);
        return name === 'lt' ? c < 0 : name === 'le' ? c <= 0 : name === 'gt' ? c > 0 : c >= 0;
      }
      case 'base64decode': {
        arity(1);
        const text = String(args[0]);
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4) return this.fail(cmd, `error calling base64decode: base64 decode failed: illegal base64 data at input byte ${text.search(/[^A-Za-z0-9+/=]/) < 0 ? text.length : text.search(/[^A-Za-z0-9+/=]/)}`);
        return Buffer.from(text, 'base64').toString('utf8');
      }
      case 'exists': {
        // kubectl's exists: whether the path of keys leads somewhere
        let v = args[0];
        for (const key of args.slice(1)) {
          if (!v || typeof v !== 'object' || !Object.hasOwn(v, String(key))) return false;
          v = (v as Record<string, Value>)[String(key)];
        }
        return true;
      }
    }
    return this.fail(cmd, `function "${name}" not defined`);
  }

  private operand(op: Operand, dot: Value, scope: Scope, cmd: Command): Value {
    if (op.kind === 'literal') return op.value;
    if (op.kind === 'func') return this.call(op.name, [], cmd);
    if (op.kind === 'var') {
      if (!scope.has(op.name)) throw new GoTemplateError('parsing', `output:${cmd.line}: undefined variable "${op.name}"`);
      return this.fields(scope.get(op.name), op.fields, cmd);
    }
    if (op.kind === 'pipe') return this.fields(this.pipeline(op.pipe, dot, new Map(scope)), op.fields, cmd);
    return this.fields(dot, op.fields, cmd);
  }

  private fields(v: Value, names: string[], cmd: Command): Value {
    for (const name of names) {
      if (v === MISSING || v === null) return MISSING;
      // a JSON value reaches the template as an interface{}, whatever it holds
      if (typeof v !== 'object' || Array.isArray(v)) return this.fail(cmd, `can't evaluate field ${name} in type interface {}`);
      v = Object.hasOwn(v, name) ? (v as Record<string, Value>)[name] : MISSING;
    }
    return v;
  }

  /** Compares two basic values of one kind as Go templates do (bools only for eq and ne): -1, 0 or 1. */
  private compare(name: string, a: Value, b: Value, cmd: Command): number {
    const ordered = name !== 'eq' && name !== 'ne';
    const kind = (v: Value) => (typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' && !ordered ? 'bool' : undefined);
    if (!kind(a) || kind(a) !== kind(b)) this.fail(cmd, `error calling ${name}: ${kind(a) && kind(b) ? 'incompatible types for comparison' : 'invalid type for comparison'}`);
    return a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1;
  }

  private fail(cmd: Command, message: string): never {
    throw new GoTemplateError('executing', `output:${cmd.line}:${cmd.col}: executing "output" at <${cmd.text}>: ${message}`);
  }
}

/** The Go type a JSON value decodes to, for error messages. */
function goType(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (v && typeof v === 'object') return 'map[string]interface {}';
  return 'interface {}';
}


/** Runs a parsed template over an object (or a List); throws GoTemplateError. */
export function executeGoTemplate(template: GoTemplate, data: unknown): string {
  return new Executor(data).run(template.nodes);
}
