import type { Event, Toleration } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/object.js';
import { DESCRIBE, tabwrite } from '../tabwriter.js';
import { age } from '../duration.js';
import { goSort } from '../go-sort.js';

const INDENT = ['', '  ', '    ', '      ', '        '];
/** describe.go's maxAnnotationLen. */
const MAX_ANNOTATION = 140;

/** describe.go's PrefixWriter: lines at indent levels, laid out by one tabwriter at the end. */
export class DescribeWriter {
  private text = '';

  write(level: number, line: string): void {
    this.text += INDENT[level] + line + '\n';
  }

  /** How most describers open: Name, Namespace (unless left out, as for Roles), Labels and Annotations. */
  identity(o: KObject, { namespace = true } = {}): void {
    this.write(0, `Name:\t${o.metadata.name}`);
    if (namespace && o.metadata.namespace) this.write(0, `Namespace:\t${o.metadata.namespace}`);
    this.labels('Labels', o.metadata.labels);
    this.annotations('Annotations', o.metadata.annotations);
  }

  /** Labels-style block: `Key:\tfirst`, then `\tnext` lines; `<none>` when empty. */
  multiline(title: string, entries: string[]): void {
    if (!entries.length) return this.write(0, `${title}:\t<none>`);
    entries.forEach((e, i) => this.write(0, i === 0 ? `${title}:\t${e}` : `\t${e}`));
  }

  labels(title: string, labels: Record<string, string> | undefined): void {
    this.multiline(title, Object.keys(labels ?? {}).sort().map((k) => `${k}=${labels![k]}`));
  }

  /**
   * printAnnotationsMultiline, without kubectl's own last-applied-configuration (describe skips it): a value too long
   * for one line (140 bytes with its key) or of several lines goes under its key, each line cut at 138 bytes.
   */
  annotations(title: string, annotations: Record<string, string> | undefined): void {
    const keys = Object.keys(annotations ?? {}).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
    const shorten = (line: string) => (Buffer.byteLength(line) > MAX_ANNOTATION - 2 ? `${Buffer.from(line).subarray(0, MAX_ANNOTATION - 2).toString()}...` : line);
    this.multiline(
      title,
      keys.flatMap((k) => {
        const value = annotations![k]!.replace(/\n$/, '');
        if (Buffer.byteLength(value) + Buffer.byteLength(k) + 2 <= MAX_ANNOTATION && !value.includes('\n')) return [`${k}: ${value}`];
        return [`${k}:`, ...value.split('\n').map((line) => `  ${shorten(line)}`)];
      }),
    );
  }

  tolerations(title: string, tolerations: Toleration[] | undefined): void {
    this.multiline(
      title,
      (tolerations ?? []).map((t) => {
        let s = t.key ?? '';
        if (t.value) s += `=${t.value}`;
        if (t.effect) s += `:${t.effect}`;
        if (t.operator === 'Exists' && !t.value) s += ' op=Exists';
        if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
        return s;
      }),
    );
  }

  events(events: Event[], now: number): void {
    if (!events.length) return this.write(0, 'Events:\t<none>');
    this.write(0, 'Events:');
    this.write(1, 'Type\tReason\tAge\tFrom\tMessage');
    this.write(1, '----\t------\t----\t----\t-------');
    // describe's SortableEvents: by lastTimestamp alone (an events.k8s.io event has none: Go's zero time, before all,
    // so the scheduler's come first), through Go's unstable sort.Sort: events of the same second as kubectl orders them
    const last = (e: Event) => Date.parse(e.lastTimestamp ?? '') || -Infinity;
    const sorted = [...events];
    goSort(sorted, (a, b) => last(a) < last(b));
    for (const e of sorted) {
      const first = age(e.eventTime ?? e.firstTimestamp, now);
      const interval = e.series
        ? `${age(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`
        : (e.count ?? 1) > 1
          ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`
          : first;
      const from = e.source?.component || e.reportingComponent || '';
      this.write(1, `${e.type}\t${e.reason}\t${interval}\t${from}\t${(e.message ?? '').trim()}`);
    }
  }

  toString(): string {
    return tabwrite(this.text, DESCRIBE);
  }

  /** The lines with their tabs, for kubectl's texts written without a tabwriter (`rollout history --revision`). */
  untabbed(): string {
    return this.text;
  }
}

