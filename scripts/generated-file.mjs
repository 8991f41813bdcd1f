// The end of every generator: with --check, say whether the committed file is what would be written (exit 1 if
// not); otherwise write it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function writeGenerated(target, body, what, script, summary) {
  if (process.argv.includes('--check')) {
    const same = existsSync(target) && readFileSync(target, 'utf8') === body;
    console.log(same ? `${what} up to date` : `${what} out of date: run npm run ${script}`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(target, body);
  console.log(`wrote ${target}: ${summary}, ${body.length} bytes`);
}
