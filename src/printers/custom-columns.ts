import { parseJsonPath, relaxedPath, valuesOf } from './jsonpath.js';
import { table } from './tabwriter.js';

/** One column of `-o custom-columns=HEADER:PATH,…`. */
export interface CustomColumn {
  header: string;
  path: ReturnType<typeof parseJsonPath>;
}

/**
 * Parses the spec as kubectl does: each column `HEADER:PATH`, the path relaxed (`.metadata.name`, `metadata.name`
 * or `{.metadata.name}`). Returns kubectl's error text for a malformed column.
 */
export function parseCustomColumns(spec: string): CustomColumn[] | string {
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`;
    columns.push({ header: part.slice(0, colon), path: parseJsonPath(relaxedPath(part.slice(colon + 1).trim())) });
  }
  return columns;
}

/** The table: each cell the path's values printed with Go's %v, joined by commas, `<none>` when there is none. */
export function printCustomColumns(columns: CustomColumn[], objects: unknown[], noHeaders: boolean): string {
  return table(customColumnRows(columns, objects, noHeaders));
}

/** The cells of printCustomColumns' lines, header first unless noHeaders. */
export function customColumnRows(columns: CustomColumn[], objects: unknown[], noHeaders: boolean): string[][] {
  const rows = objects.map((o) =>
    columns.map((c) => {
      const values = valuesOf(c.path, o);
      return values.length ? values.map(goValue).join(',') : '<none>';
    }),
  );
  return noHeaders ? rows : [columns.map((c) => c.header), ...rows];
}

/** fmt's %v of a decoded JSON value: `map[a:1 b:x]` (keys sorted), `[x y]`, strings bare. */
function goValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (value && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    return `map[${Object.keys(map).sort().map((k) => `${k}:${goValue(map[k])}`).join(' ')}]`;
  }
  return value === null ? '<nil>' : String(value);
}
