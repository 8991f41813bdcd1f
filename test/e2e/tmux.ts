import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('tmux is not installed: the tests that need a real terminal are skipped');

let sessions = 0;

/** A real terminal (a detached tmux session, 120x40) running a shell command, read as its screen shows it. */
export function startTmux(command: string) {
  const name = `kubesim-test-${process.pid}-${sessions++}`;
  execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '120', '-y', '40', command]);
  const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', name], { encoding: 'utf8' }).replace(/ +$/gm, '');
  return {
    screen,
    /** tmux send-keys: text, or key names (Enter, BSpace, C-c). */
    keys: (...keys: string[]) => execFileSync('tmux', ['send-keys', '-t', name, ...keys]),
    /** Waits up to 10 s for the screen to contain `text`. */
    async shows(text: string): Promise<boolean> {
      for (let i = 0; i < 200; i++) {
        if (screen().includes(text)) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      console.error(`the terminal never showed ${JSON.stringify(text)}:\n${screen()}`);
      return false;
    },
    kill: () => spawnSync('tmux', ['kill-session', '-t', name]),
  };
}
