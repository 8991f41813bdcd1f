import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configMapContent, configMapHash, secretData, secretHash, type SourceOptions } from './generators.js';

const root = mkdtempSync(join(tmpdir(), 'kubesim-sources-'));
const files: Record<string, string | Buffer> = {
  'a.txt': 'x=1\n',
  'b.bin': Buffer.from([0x62, 0x69, 0x6e, 0xff, 0xfe]),
  'dir/one': 'hello',
  'dir/.two': 'two',
  'env/plain': '# comment\nA=1\n\n   B=2 \nC="q"\nD=\n\t# indented comment\n',
  'env/spaced': 'C = 3\n',
  'env/crlf': 'A=1\r\nB=2\r\n',
  'env/bom': '\uFEFFZ=1\n',
  'env/from-environment': 'HOME\n',
  'env/twice': 'A=1\nA=2\n',
  'env/digit': '1A=1\n',
  'env/export': 'export B=2\n',
  'env/latin1': Buffer.from('A=\xff\n', 'latin1'),
};
mkdirSync(join(root, 'dir/sub'), { recursive: true });
mkdirSync(join(root, 'env'));
for (const [file, content] of Object.entries(files)) writeFileSync(join(root, file), content);

const sources = (o: Partial<SourceOptions>): SourceOptions => ({ fromLiteral: [], fromFile: [], fromEnvFile: [], ...o });
const at = (path: string) => join(root, path);
const environment = { HOME: '/home/eleve' };
const ENV_NAME = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** What kubectl 1.32 builds of these sources (`create configmap x … --dry-run=client -o yaml`), or its refusal. */
describe('create configmap sources', () => {
  it.each([
    ['literals, split at the first =', { fromLiteral: ['a=b=c', 'e='] }, { data: { a: 'b=c', e: '' }, binaryData: {} }],
    ['a file under its name, one under a key; bytes that are not UTF-8 go to binaryData', { fromFile: [at('a.txt'), `k=${at('a.txt')}`, at('b.bin')] }, { data: { 'a.txt': 'x=1\n', k: 'x=1\n' }, binaryData: { 'b.bin': 'Ymlu//4=' } }],
    ["a folder's regular files, hidden ones too, not its folders", { fromFile: [at('dir')] }, { data: { '.two': 'two', one: 'hello' }, binaryData: {} }],
    ['--from-file takes comma-separated paths', { fromFile: [`${at('a.txt')},${at('dir/one')}`] }, { data: { 'a.txt': 'x=1\n', one: 'hello' }, binaryData: {} }],
    ['an env file: comments and blank lines skipped, leading spaces trimmed, the rest kept as it is', { fromEnvFile: [at('env/plain')] }, { data: { A: '1', B: '2 ', C: '"q"', D: '' }, binaryData: {} }],
    ['no spaces around =', { fromEnvFile: [at('env/spaced')] }, '"C " is not a valid key name: ' + ENV_NAME],
    ['an env file with CRLF lines, and a byte order mark', { fromEnvFile: [at('env/crlf'), at('env/bom')] }, { data: { A: '1', B: '2', Z: '1' }, binaryData: {} }],
    ["a key without a value is read from kubectl's environment", { fromEnvFile: [at('env/from-environment')] }, { data: { HOME: '/home/eleve' }, binaryData: {} }],
    ['no export keyword', { fromEnvFile: [at('env/export')] }, '"export B" is not a valid key name: ' + ENV_NAME],
    ['an env key starting with a digit', { fromEnvFile: [at('env/digit')] }, '"1A" is not a valid key name: ' + ENV_NAME],
    ['invalid UTF-8 in an env file', { fromEnvFile: [at('env/latin1')] }, `env file ${at('env/latin1')} contains invalid utf8 bytes at line 1: [65 61 255]`],
    ['a key given twice', { fromEnvFile: [at('env/twice')] }, 'cannot add key "A", another key by that name already exists in Data for ConfigMap "x"'],
    ['a literal and a file under one key', { fromFile: [at('b.bin')], fromLiteral: ['b.bin=x'] }, 'cannot add key "b.bin", another key by that name already exists in BinaryData for ConfigMap "x"'],
    ['a literal without =', { fromLiteral: ['a'] }, 'invalid literal source a, expected key=value'],
    ['a literal without key', { fromLiteral: ['=b'] }, 'invalid literal source =b, expected key=value'],
    ['a key a volume could not hold', { fromLiteral: ['..a=b'] }, `"..a" is not a valid key name for a ConfigMap: must not start with '..'`],
    ['a folder under a key', { fromFile: [`k=${at('dir')}`] }, 'cannot give a key name for a directory path'],
    ['a missing file', { fromFile: [at('absent')] }, `error reading ${at('absent')}: no such file or directory`],
    ['a key without path', { fromFile: ['k='] }, 'file path for key name k missing'],
    ['a path without key', { fromFile: ['=a.txt'] }, 'key name for file path a.txt missing'],
    ['two =', { fromFile: ['a=b=c'] }, "key names or file paths cannot contain '='"],
    ['an env file as a folder', { fromEnvFile: [at('dir')] }, 'env config file cannot be a directory'],
    ['an env file beside other sources', { fromEnvFile: [at('env/crlf')], fromLiteral: ['a=b'] }, 'from-env-file cannot be combined with from-file or from-literal'],
  ])('%s', (_why, given, want) => {
    expect(configMapContent('x', sources(given), environment)).toEqual(want);
  });
});

describe('create secret generic sources', () => {
  it.each([
    ['every value base64-encoded, binary files included', { fromLiteral: ['a=b'], fromFile: [at('b.bin'), at('dir')] }, { a: 'Yg==', 'b.bin': 'Ymlu//4=', '.two': 'dHdv', one: 'aGVsbG8=' }],
    ['a key given twice, in the Secret words', { fromLiteral: ['a=b', 'a=c'] }, 'cannot add key a, another key by that name already exists'],
    ['an invalid key, in the Secret words', { fromLiteral: ['a b=c'] }, `"a b" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`],
    ['an env file as a folder', { fromEnvFile: [at('dir')] }, 'env secret file cannot be a directory'],
  ])('%s', (_why, given, want) => {
    expect(secretData(sources(given), environment)).toEqual(want);
  });
});

/** --append-hash: the names kubectl 1.32 gives the same content. */
describe('--append-hash', () => {
  it.each([
    ['a literal', 'h', { data: { a: 'b' }, binaryData: {} }, 'tgm746dk2t'],
    ['binary data too', 'h', { data: { a: 'b' }, binaryData: { 'b.bin': 'Ymlu//4=' } }, 'f87tbdk92h'],
    ['no data', 'h', { data: {}, binaryData: {} }, '9927b88h56'],
    ["Go's escapes of <, > and &", 'h3', { data: { a: '<&>' }, binaryData: {} }, 'mtkh94c8g2'],
  ])('of a ConfigMap: %s', (_why, name, content, want) => {
    expect(configMapHash(name, content)).toBe(want);
  });

  it.each([
    ['no type', '', 'd5ctf29272'],
    ['a type', 'foo', 'bfcfgf474b'],
  ])('of a Secret: %s', (_why, type, want) => {
    expect(secretHash('h', type, { a: 'Yg==' })).toBe(want);
  });
});
