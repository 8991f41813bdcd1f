/**
 * Go's text/tabwriter, the layout engine of kubectl: cells are tab-terminated, a column's width is decided per
 * block of consecutive lines that have a cell in that column, and the text after a line's last tab is not padded.
 * `kubectl get` uses minwidth 6 and padding 3; `kubectl describe` minwidth 0 and padding 2.
 */
export interface TabOptions {
  minwidth: number;
  padding: number;
}

export const GET_TABLE: TabOptions = { minwidth: 6, padding: 3 };
export const DESCRIBE: TabOptions = { minwidth: 0, padding: 2 };

const width = (s: string) => [...s].length;

export function tabwrite(text: string, opts: TabOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let s = '';
      cells.forEach((c, j) => {
        s += j < widths.length && j < cells.length - 1 ? c + ' '.repeat(Math.max(0, widths[j] - width(c))) : c;
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      writeLines(line0, i);
      line0 = i;
      let w = opts.minwidth;
      for (; i < line1 && column < lines[i].length - 1; i++) w = Math.max(w, width(lines[i][column]) + opts.padding);
      widths.push(w);
      format(line0, i);
      widths.pop();
      line0 = i;
      i--; // the outer loop's increment must not skip the line that ended the block
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Rows of cells to a kubectl table: every cell but the last is tab-terminated. */
export function table(rows: string[][], opts: TabOptions = GET_TABLE): string {
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', opts);
}

/**
 * tabwriter's RememberWidths: kubectl flushes its table after each object or event it watches (get -w, events -w),
 * and a column never gets narrower than it was printed before (so rows shift right once a wider cell has come).
 */
export class RememberedWidths {
  private readonly widths: number[] = [];

  rows(rows: string[][]): string {
    for (const row of rows) row.slice(0, -1).forEach((cell, i) => (this.widths[i] = Math.max(this.widths[i] ?? GET_TABLE.minwidth, [...cell].length + GET_TABLE.padding)));
    return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(this.widths[i]! + cell.length - [...cell].length) : cell)).join('') + '\n').join('');
  }
}
