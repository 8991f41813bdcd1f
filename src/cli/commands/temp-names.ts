import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A new entry in the system's temporary directory, named as Go's os.CreateTemp and os.MkdirTemp name kubectl's
 * (`kubectl-edit-123.yaml`, `LIVE-456`): `make` creates it, failing with EEXIST when the name is taken, and the next
 * number is tried. From `first` on (a name a pinned transcript keeps), or a random one.
 */
export function tempEntry(prefix: string, suffix: string, make: (path: string) => void, first = Math.floor(Math.random() * 4_294_967_296)): string {
  for (let n = first; ; n++) {
    const path = join(tmpdir(), `${prefix}${n}${suffix}`);
    try {
      make(path);
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
