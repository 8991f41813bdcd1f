import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = join(ROOT, '../shared/corpus');
const BIN = join(ROOT, 'bin/kubesim.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every temporary directory of a test file lives under one parent, removed when the file's process exits. */
const SCRATCH = join(tmpdir(), `kubesim-tests-${process.pid}`);
mkdirSync(SCRATCH, { recursive: true });
// vitest may end a worker without an 'exit' event: clean after the file's tests too
const cleanup = () => rmSync(SCRATCH, { recursive: true, force: true });
process.on('exit', cleanup);
afterAll(cleanup);

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(SCRATCH, `${prefix}-`));
}

/** A fresh KUBESIM_HOME: each test gets its own cluster. */
export function freshHome(): string {
  return scratchDir('home');
}

/** Pinned clock and seed: the same commands give the same bytes. */
export const DETERMINISTIC = { KUBESIM_NOW: '2026-11-23T10:00:00Z', KUBESIM_SEED: '42' };

/** Spawns the built CLI like a user would, stderr not being a terminal (plain narration). */
export function kubesim(home: string, args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, KUBESIM_HOME: home, ...DETERMINISTIC, ...opts.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, input: opts.input ?? '', encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function stateOf(home: string, cluster = 'kubesim'): string {
  return readFileSync(join(home, 'clusters', cluster, 'state.json'), 'utf8');
}

/** No stack trace ever reaches a user. */
export function expectNoStackTrace(text: string): void {
  if (/^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /node:internal/.test(text)) throw new Error(`stack trace in output:\n${text}`);
}

/** A two-replica nginx Deployment NAME with these labels (`app: web, tier: front`), for the server-side apply tests. */
export function deploymentManifest(name: string, labels: string): string {
  return (
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels: {${labels}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: ${name}}}\n` +
    `  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers: [{name: app, image: nginx:1.27}]\n`
  );
}

/** A command left running, as in a second terminal: its output so far, and its end. */
export function background(home: string, args: string[]) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/kubesim.js'), ...args], { env: { PATH: process.env.PATH, HOME: home, KUBESIM_HOME: home, ...DETERMINISTIC } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const ended = new Promise<{ code: number; stdout: string; stderr: string }>((done) => child.on('close', (code) => done({ code: code ?? -1, stdout, stderr })));
  return { output: () => stdout, errors: () => stderr, ended, stop: () => child.kill('SIGTERM') };
}

/** Waits until `check` is true, up to `ms`. */
export const until = async (check: () => boolean, ms = 10_000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('waited too long');
    await new Promise((r) => setTimeout(r, 100));
  }
};
