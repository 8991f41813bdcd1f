import { screen } from '@inquirer/testing/vitest';

export { screen };

/** Waits until the prompt on the test screen shows `text` (the CLI loads its modules, runs commands, then asks). */
export async function shown(text: string): Promise<string> {
  for (let i = 0; i < 500 && !screen.getScreen().includes(text); i++) await new Promise((r) => setTimeout(r, 10));
  return screen.getScreen();
}

/** Waits until `read()` contains `text` (a command's output, written between two prompts). */
export async function written(read: () => string, text: string): Promise<void> {
  for (let i = 0; i < 500 && !read().includes(text); i++) await new Promise((r) => setTimeout(r, 10));
}
