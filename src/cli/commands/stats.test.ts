import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verdictMatches } from '../../core/checks/answer';
import { createNodeExecutor } from '../../python/node';
import type { CliIO } from '../io';
import { runStats } from './stats';

const DEMO = 'public/demo/cort-demo.jsonl';

/** gt_answer and boxed answer of each sample, and whether a math grader counts it as correct. */
const ANSWERS: Array<[gt: string, boxed: string, correct: boolean]> = [
  ['18.90', '\\$18.90', true],
  ['\\text{(C)}', '(C)', true],
  ['\\$32,\\!348', '32348', true],
  ['\\sqrt{12}', '2\\sqrt{3}', true], // only SymPy can tell
  ['\\text{(C)}', 'D', false],
  ['12', '1,2', false],
];

/** A CoRT inference file: one problem per answer, one generation boxing it. */
function answersFile(): string {
  const lines = ANSWERS.map(([gt, boxed], i) =>
    JSON.stringify({ problem: `Problem ${i}?`, gt_answer: gt, prompt: `Problem ${i}?`, source: 'math500', gen: [`Okay.\n</think>\nThe answer is $\\boxed{${boxed}}$.`] }),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'stats-answers-')), 'answers.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function captureIO() {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t) };
  return { io, out: () => out, err: () => err };
}

describe('hint-studio stats with checks (Pyodide in Node)', () => {
  const executor = createNodeExecutor();
  afterAll(() => executor.dispose());

  it('reports every check per sample; the demo wrong answers fail the SymPy answer check only', async () => {
    const io = captureIO();
    await runStats(DEMO, { json: true, tokens: false }, io.io, executor);
    const rows = io.out().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      const ids = row.checks.checks.map((c: { id: string }) => c.id);
      expect(ids).toEqual(expect.arrayContaining(['answer', 'think-end', 'code-closed', 'hallucinated-output', 'reproduction']));
      // The demo's outputs were produced by running its code: a fresh run reproduces them.
      expect(row.checks.checks.find((c: { id: string }) => c.id === 'reproduction').status).toBe('pass');
    }
    const failing = rows.filter((r) => !r.checks.ok);
    expect(failing.map((r) => r.answer).sort()).toEqual(['15', '284']);
    for (const row of failing) {
      expect(row.checks.answer.verdict).toBe('different');
      expect(row.checks.checks.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id)).toEqual(['answer']);
    }
  });

  it('answerMatches and the footer give the checks\' answer verdict, sample for sample', async () => {
    const file = answersFile();
    const json = captureIO();
    await runStats(file, { json: true, tokens: false }, json.io, executor);
    const rows = json.out().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.answerMatches)).toEqual(ANSWERS.map(([, , correct]) => correct));
    for (const row of rows) {
      expect(row.answerMatches).toBe(verdictMatches(row.checks.answer));
      expect(row.answerVerdict).toBe(row.checks.answer.verdict);
      expect(row.checks.checks.find((c: { id: string }) => c.id === 'answer').status).toBe(row.answerMatches ? 'pass' : 'fail');
    }
    const table = captureIO();
    await runStats(file, { tokens: false }, table.io, executor);
    const matching = rows.filter((r) => r.checks.answer.verdict === 'equal').length;
    expect(matching).toBe(4);
    expect(table.out()).toContain(`6 samples, 6 with an answer, ${matching} matching the ground truth\n`);
  });

  it('without an interpreter, an answer only SymPy can decide is pending, never counted either way', async () => {
    const io = captureIO();
    await runStats(answersFile(), { json: true, tokens: false, checks: false }, io.io);
    const rows = io.out().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.answerVerdict)).toEqual(['equal', 'equal', 'equal', 'pending', 'different', 'different']);
    expect(rows[3].answerMatches).toBeNull();
    const table = captureIO();
    await runStats(answersFile(), { tokens: false, checks: false }, table.io);
    expect(table.out()).toMatch(/^3 +\S+ +math500 +0 +0 +2\\sqrt\{3\} +pending /m);
    expect(table.out()).toContain('6 samples, 6 with an answer, 3 matching the ground truth, 1 pending (SymPy decides them; run without --no-checks)\n');
  });

  it('shows a checks column in the table', async () => {
    const io = captureIO();
    await runStats(DEMO, { tokens: false }, io.io, executor);
    const lines = io.out().split('\n');
    expect(lines[0].split(/\s+/)).toContain('checks');
    expect(lines.filter((l) => /\bfail: answer\b/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /\bpass\b/.test(l))).toHaveLength(4);
  });
});
