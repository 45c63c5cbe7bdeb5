/** A dataset cannot recolour, retitle or rewrite the terminal through any command's output. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from './commands/import';
import { runStats } from './commands/stats';
import type { CliIO } from './io';
import { runCli } from './program';

/** What a terminal would obey: C0 controls but \n, DEL, C1 (U+009B is CSI), bidi overrides and isolates. */
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const RED = '\u001b[31m';
const TITLE = '\u001b]0;owned\u0007';
const CSI = '\u009b2J';

const INSTRUCTION = '\nPlease integrate natural language reasoning with python programs to solve the problem above, and put your final answer within \\boxed{}.';
const problem = `Find x ${RED}now${TITLE}\rOVERWRITTEN ${CSI} admin\u202Etxt.exe`;
const record = {
  problem,
  gt_answer: `5${RED}`,
  prompt: problem + INSTRUCTION,
  source: `math${RED}500\u0008\u0008\rX`,
  gen: [`Okay.\n</think>\n\nThe answer is $\\boxed{5${CSI}}$.`],
};

function captureIO() {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t) };
  return { io, out: () => out, err: () => err };
}

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hint-studio-escaping-'));
  file = join(dir, 'hostile.jsonl');
  writeFileSync(file, `${JSON.stringify(record)}\n{"problem": "broken ${RED}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('terminal output of hostile data', () => {
  it('stats prints its table with every escape made visible, each sample on one line', async () => {
    const io = captureIO();
    await runStats(file, { tokens: false, checks: false }, io.io);
    expect(io.out()).not.toMatch(OBEYED);
    expect(io.err()).not.toMatch(OBEYED);
    const row = io.out().split('\n')[1];
    expect(row).toContain('math\\e[31m500\\x08\\x08\\rX'); // the source, visible, \r and all
    expect(row).toContain('Find x \\e[31mnow\\e]0;owned\\x07 OVERWRITTEN \\x9b2J');
    expect(io.err()).toContain('rejected hostile.jsonl:2');
  });

  it('stats --json keeps the exact data for any JSON reader, with nothing raw for the terminal', async () => {
    const io = captureIO();
    await runStats(file, { json: true, tokens: false, checks: false }, io.io);
    expect(io.out()).not.toMatch(OBEYED);
    const row = JSON.parse(io.out().trim());
    expect(row.source).toBe(record.source);
    expect(row.problemExcerpt.startsWith('Find x \u001b[31mnow')).toBe(true);
    expect(row.answer).toBe(`5${CSI}`);
  });

  it('import and errors escape file names and messages', async () => {
    const io = captureIO();
    await runImport([file], { out: join(dir, 'project.json') }, io.io);
    expect(io.out() + io.err()).not.toMatch(OBEYED);
    const failed = captureIO();
    expect(await runCli(['node', 'hint-studio', 'stats', join(dir, `missing${RED}${TITLE}.jsonl`)], failed.io)).toBe(1);
    expect(failed.err()).toContain('missing\\e[31m\\e]0;owned\\x07.jsonl');
    expect(failed.err()).not.toMatch(OBEYED);
  });
});

describe('verify output of hostile code', () => {
  it('shows what the code printed with its escapes visible', { timeout: 120_000 }, async () => {
    const trace = "Okay.\n```python\nprint('\\x1b[31mred\\x1b]0;owned\\x07 and \\x9b2J')\n```\n```output\nnot what it prints\n```\n</think>\n\\boxed{5}";
    const verifyFile = join(dir, 'verify.jsonl');
    writeFileSync(verifyFile, `${JSON.stringify({ ...record, gen: [trace] })}\n`);
    const io = captureIO();
    expect(await runCli(['node', 'hint-studio', 'verify', verifyFile, '--timeout', '20'], io.io)).toBe(1);
    expect(io.out()).toContain('reproduced: \\e[31mred\\e]0;owned\\x07 and \\x9b2J');
    expect(io.out() + io.err()).not.toMatch(OBEYED);
  });
});
