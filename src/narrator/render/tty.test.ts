import { describe, expect, it } from 'vitest';
import { CATALOGS, Narrator } from '../narrate.js';
import { hasWidth } from './renderer.js';
import { TtyRenderer } from './tty.js';

/** A terminal as ora sees it, that gives up past a number of writes rather than loop for ever. */
function terminal(columns: number | undefined) {
  let written = '';
  let writes = 0;
  const stream = {
    isTTY: true,
    columns,
    rows: 24,
    write(s: string) {
      if (++writes > 10_000) throw new Error('runaway: ten thousand writes for two lines');
      written += s;
      return true;
    },
    // as a tty.WriteStream's, these write escape sequences
    cursorTo: () => stream.write('\x1b[1G'),
    moveCursor: () => stream.write('\x1b[1A'),
    clearLine: () => stream.write('\x1b[0K'),
    once: () => stream,
    removeListener: () => stream,
  };
  return { stream, text: () => written };
}

const { catalog, messages } = CATALOGS.fr;

/** The classroom renderer at --speed 0 (no pauses), on that terminal. */
const rendererOn = (err: ReturnType<typeof terminal>) => new TtyRenderer({ out: { write: () => true }, err: err.stream }, new Narrator(catalog, messages.folded), 0, messages);

async function tell(columns: number | undefined): Promise<string> {
  const err = terminal(columns);
  const renderer = rendererOn(err);
  const pod = { kind: 'Pod', namespace: 'default', name: 'web-1' };
  renderer.event({ kind: 'kubelet.pod-seen', node: 'worker1', pod, seq: 1, at: 0, actor: 'kubelet' });
  renderer.event({ kind: 'kubelet.sandbox-ready', node: 'worker1', pod, ip: '10.244.1.2', seq: 2, at: 0, actor: 'kubelet' });
  await renderer.finish();
  return err.text();
}

describe('the TTY narration', () => {
  it.each([
    { columns: 80, animated: true },
    // a pseudo-terminal nobody sized: ora counted an infinity of lines to clear
    { columns: 0, animated: false },
  ])('tells every line on a terminal of $columns columns', async ({ columns, animated }) => {
    const text = await tell(columns);
    expect(text).toContain('Kubelet de worker1 : voit le pod web-1 qui lui est attribué');
    expect(text).toContain('sandbox réseau prête pour web-1, IP 10.244.1.2');
    expect(hasWidth(terminal(columns).stream)).toBe(animated);
  });

  it('says the state is being saved on the progress line, only after a run long enough to show progress', async () => {
    const quick = terminal(80);
    rendererOn(quick).saving();
    expect(quick.text()).toBe('');
    const long = terminal(80);
    const r = rendererOn(long);
    r.progress({ running: 150000, pods: 150000, elapsedMs: 19_700 });
    r.saving();
    await r.finish();
    expect(long.text()).toBe("\r\x1b[K⏳ La simulation avance : 150000/150000 pods Running, 20 s de temps simulé…\r\x1b[K💾 Enregistrement de l'état du cluster…\r\x1b[K");
  });

  it('says a big saved state is being read, then saved: from 32 MiB, a read of a third of a second or more', async () => {
    const small = terminal(80);
    const quick = rendererOn(small);
    quick.loading((32 << 20) - 1);
    quick.saving();
    await quick.finish();
    expect(small.text()).toBe('');
    const big = terminal(80);
    const r = rendererOn(big);
    r.loading(1_187_000_000);
    r.saving();
    await r.finish();
    expect(big.text()).toBe("\r\x1b[K📂 Lecture de l'état du cluster (1 187 Mo)…\r\x1b[K💾 Enregistrement de l'état du cluster…\r\x1b[K");
    expect(CATALOGS.en.messages.loading(1187)).toBe('📂 Reading the cluster state (1,187 MB)…');
  });

  it('animates wherever the width is known, or the stream is no terminal', () => {
    expect(hasWidth({ write: () => true })).toBe(true);
    expect(hasWidth(terminal(undefined).stream)).toBe(false);
  });
});
