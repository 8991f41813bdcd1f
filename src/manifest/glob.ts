import { lstatSync, readdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** A pattern Go's filepath.Match cannot read (an unclosed `[`, a trailing `\`): filepath.ErrBadPattern. */
export class BadPattern extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

const META = /[*?[\\]/;

/** One path element of a pattern as a regular expression: `*` and `?` stay inside the element, `[^…]` negates. */
function elementMatcher(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\') {
      if (++i >= pattern.length) throw new BadPattern();
      source += `\\${pattern[i]}`;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new BadPattern();
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      // a class holds characters and ranges: every character is taken literally but the range's dash
      source += `[${negated ? '^' : ''}${body.replace(/[\]\\^]/g, '\\$&')}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`, 's');
  } catch {
    throw new BadPattern();
  }
}

/** The entries of `dir` that match one element of a pattern, in name order (hidden ones too, as Go matches them). */
function matchIn(dir: string, element: string): string[] {
  const matcher = elementMatcher(element);
  let names: string[];
  try {
    names = readdirSync(dir || '.');
  } catch {
    return [];
  }
  return names
    .filter((name) => matcher.test(name))
    .sort()
    .map((name) => (dir ? join(dir, name) : name));
}

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Go's filepath.Glob: the paths that match, in order; a pattern without wildcards matches itself if it exists. */
export function glob(pattern: string): string[] {
  if (!META.test(pattern)) return exists(pattern) ? [pattern] : [];
  // the whole pattern is checked first, as Go's Glob does, even where no folder would be read
  for (const element of pattern.split('/')) elementMatcher(element);
  const [dir, element] = [pattern.includes('/') ? dirname(pattern) : '', basename(pattern)];
  const dirs = META.test(dir) ? glob(dir) : [dir];
  return dirs.flatMap((d) => matchIn(d, element));
}
