import type { KObject } from '../../api/object.js';

/** A kind's table: header names as kubectl upper-cases them, the cells of a row, and the -o wide extras. */
export interface Columns {
  headers: string[];
  wideHeaders: string[];
  row(obj: KObject, now: number): string[];
  wideRow(obj: KObject, now: number): string[];
}
