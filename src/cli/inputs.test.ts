import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeProject } from '../core/project';
import { fileKindOf } from './inputs';
import type { CliIO } from './io';
import { runCli } from './program';

const INFERENCE = fileURLToPath(new URL('../core/import/fixtures/cort-inference.jsonl', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hint-studio-inputs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const err: string[] = [];
  const io: CliIO = { stdout: () => undefined, stderr: (t) => void err.push(t) };
  const code = await runCli(['node', 'hint-studio', ...args], io);
  return { code, err: err.join('') };
}

/** A refusal a user can act on: non-zero, one message naming the file, no "unexpected error", no stack. */
function expectClear(result: { code: number; err: string }, file: string, ...parts: RegExp[]) {
  expect(result.code).not.toBe(0);
  expect(result.err).not.toMatch(/unexpected error/);
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(result.err).toContain(file);
  for (const part of parts) expect(result.err).toMatch(part);
}

describe('a file of the wrong kind', () => {
  it('export given JSONL where it expects a project names the file, what it expected, what it found and the import that works', async () => {
    expectClear(
      await run('export', INFERENCE, '--out', join(dir, 'out')),
      INFERENCE,
      /expected a Hint Studio project or backup/,
      /the file is JSON lines/,
      new RegExp(`hint-studio import ${INFERENCE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} --out project\\.json`),
    );
  });

  it('export given a missing file, a binary file or a profiles file names each', async () => {
    expectClear(await run('export', join(dir, 'missing.json'), '--out', join(dir, 'out')), 'missing.json', /cannot read \(ENOENT\)/);
    const binary = join(dir, 'data.bin');
    writeFileSync(binary, new Uint8Array([0, 97, 115, 109, 1, 0]));
    expectClear(await run('export', binary, '--out', join(dir, 'out')), binary, /the file is a binary file/);
    const profiles = join(dir, 'profiles.json');
    writeFileSync(profiles, JSON.stringify([{ id: 'mine' }]));
    expectClear(await run('export', profiles, '--out', join(dir, 'out')), profiles, /a JSON array of trace profiles/, /--profiles /);
  });

  it('the options that take a file (--profiles, --template, --tokenizer) and import --out refuse other kinds the same way', async () => {
    const project = join(dir, 'project.json');
    writeFileSync(project, serializeProject([], {}));
    expectClear(await run('export', project, '--out', join(dir, 'out'), '--profiles', INFERENCE), INFERENCE, /expected a JSON array of trace profiles/);
    expectClear(await run('stats', INFERENCE, '--profiles', project), project, /a project carries its own profiles/);
    expectClear(await run('export', project, '--out', join(dir, 'out'), '--template', INFERENCE), INFERENCE, /expected a tokenizer_config\.json/);
    expectClear(await run('export', project, '--out', join(dir, 'out'), '--template', project), project, /expected a tokenizer_config\.json/);
    expectClear(await run('stats', INFERENCE, '--tokenizer', project), project, /expected a model's tokenizer\.json/);
    const copy = join(dir, 'data.jsonl');
    writeFileSync(copy, readFileSync(INFERENCE));
    expectClear(await run('import', INFERENCE, '--out', copy), copy, /refusing to overwrite/);
    expect(readFileSync(copy)).toEqual(readFileSync(INFERENCE));
  });

  it('a data command given a profiles file says where it goes', async () => {
    const profiles = join(dir, 'profiles.json');
    writeFileSync(profiles, JSON.stringify([{ id: 'mine' }]));
    for (const command of ['stats', 'verify']) expectClear(await run(command, profiles), profiles, /not data; give it with `--profiles /);
  });

  it('a tokenizer_config.json without a chat template is refused in words, not with a stack', async () => {
    const config = join(dir, 'tokenizer_config.json');
    writeFileSync(config, JSON.stringify({ tokenizer_class: 'Qwen2Tokenizer' }));
    const project = join(dir, 'project.json');
    writeFileSync(project, serializeProject([], {}));
    expectClear(await run('export', project, '--out', join(dir, 'out'), '--template', config), config, /no chat_template/);
  });
});

describe('fileKindOf', () => {
  const kind = (text: string) => fileKindOf(new TextEncoder().encode(text));
  it('reads what a file is from its content', () => {
    expect(kind(serializeProject([], {}))).toBe('project');
    expect(kind(JSON.stringify({ samples: [], version: 1, format: 'hint-studio-project' }))).toBe('project'); // format not first
    expect(kind(readFileSync(INFERENCE, 'utf8'))).toBe('jsonl');
    // A file of one CoRT record is JSON lines too (one line), a pretty-printed object is not.
    expect(kind(`${readFileSync(INFERENCE, 'utf8').split('\n')[0]}\n`)).toBe('jsonl');
    expect(kind(JSON.stringify({ some: 'config' }, null, 2))).toBe('json-object');
    expect(kind(JSON.stringify([{ id: 'mine' }]))).toBe('profiles');
    expect(kind('[]')).toBe('json-array');
    expect(kind(JSON.stringify({ model: { type: 'BPE' }, added_tokens: [] }))).toBe('tokenizer');
    expect(kind(JSON.stringify({ chat_template: '{{ x }}' }))).toBe('tokenizer-config');
    expect(kind('Let me think.\n```python\nprint(1)\n```')).toBe('text');
    expect(kind('  \n')).toBe('empty');
    expect(fileKindOf(new Uint8Array([0x50, 0x41, 0x52, 0x31, 0]))).toBe('parquet');
    expect(fileKindOf(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('gzip');
  });
});
