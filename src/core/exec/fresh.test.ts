/**
 * The fresh semantics end to end: each project's reference trace (scripts/reference/
 * profile_traces.py: its harness's concatenation and formatting, CPython runs) verifies under
 * its own profile in the real Pyodide interpreter (Node), a cell run writes the reference's
 * output block byte for byte, and a one-character tampering is caught.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeExecutor } from '../../python/node';
import { renderTrace } from '../trace';
import type { Trace } from '../trace/types';
import { codeContent, getProfile, parseWithProfile, type TraceProfileId } from '../profiles';
import { executionSetup, freshTraceView, rstar2Program } from './semantics';
import { recordCellRun } from './cellRuns';
import { runCellWith, verifyWith } from './profileRun';

type Piece = ['model' | 'interpreter', string];
const reference = JSON.parse(readFileSync(join(import.meta.dirname, '../profiles/fixtures/execution.json'), 'utf8')) as Record<string, { pieces: Piece[]; codes: string[] }>;
const FRESH: TraceProfileId[] = ['torl', 'simpletir', 'retool', 'rstar2'];
/** rStar2's report shows the sandbox's time; the studio writes its own. */
const withoutTime = (text: string) => text.replace(/execution time: \d+\.\d\ds/g, 'execution time: …');

const executor = createNodeExecutor();
afterAll(() => executor.dispose());
let namespace = 0;

describe('what each harness runs (no interpreter)', () => {
  const view = (id: TraceProfileId) => freshTraceView(parseWithProfile(reference[id]!.pieces.map(([, t]) => t).join(''), getProfile(id)), getProfile(id));

  it("ToRL: only a turn's last ```python block, each line with its \\n; the others are not run", () => {
    const v = view('torl');
    expect(v.calls.map((c) => c.program)).toEqual(['print(2**10)\n', "print('x' * 300)\n", 'import math\nprint(math.sqrt(-1))\n', 'print(__name__)\n', 'z = 1\n']);
    expect(v.notRun).toEqual([{ codeSegmentId: expect.any(String), kind: 'skipped', reason: 'only the last code block of a turn runs' }]);
    expect(v.strayOutputs).toEqual([]);
  });

  it("SimpleTIR: the block stripped after final_answer()'s prelude; a block with no output printed nothing", () => {
    const v = view('simpletir');
    expect(v.calls[0]!.program).toBe(getProfile('simpletir').execution.prelude + 'print(sum(range(101)))');
    expect(v.calls.map((c) => c.recorded === null)).toEqual([false, false, false, true, false]);
  });

  it("ReTool: the text after the turn's last ```python, fences removed, stripped", () => {
    expect(view('retool').calls.map((c) => c.program)).toEqual(['import math\nprint(math.factorial(3))', 'print(1/0)', 'math_value = 6\nmath_value', 'x = input()']);
  });

  it("rStar2: the tool call's code in rStar2's executor, its input as stdin", () => {
    const call = view('rstar2').calls[3]!;
    expect(call.program).toBe(rstar2Program('n = int(input())\nprint(n * 2)'));
    expect(call.stdin).toBe('21');
  });

  it("lets the interpreter see what an rStar2 call imports, though the code travels as a string", () => {
    const program = rstar2Program('import sympy as sp, math\nfrom fractions import Fraction\nsp.Integer(6) * 7');
    expect(program).toContain('if False:  # what the code imports, for the interpreter to have it ready\n    import sympy\n    import math\n    import fractions\n');
    expect(rstar2Program('print(1)')).not.toContain('if False');
  });

  it('reports an output with no code call in its turn as not written by the harness', () => {
    const profile = getProfile('retool');
    const trace = parseWithProfile('Just prose.\n\n<interpreter>\n6\n</interpreter>\n\nMore.', profile);
    expect(freshTraceView(trace, profile).strayOutputs).toEqual([trace.segments.find((s) => s.kind === 'output')!.id]);
  });
});

describe('an rStar2 call that imports a package (real interpreter)', () => {
  it('loads it as the sandbox has it installed, and prints the last expression', async () => {
    const profile = getProfile('rstar2');
    const call = '<tool_call>\n{"name": "python_code_with_standard_io", "arguments": {"code": "import sympy as sp\\nsp.Integer(6) * 7", "input": ""}}\n</tool_call><|im_end|>';
    const trace = parseWithProfile(`Compute.\n${call}`, profile);
    const code = trace.segments.find((s) => s.kind === 'code')!;
    const result = await runCellWith(executor, `fresh-${namespace++}`, trace, code.id, codeContent(code, profile)!.code, executionSetup(profile, 'cort', ''), 60_000);
    if ('notRun' in result) throw new Error(result.notRun);
    expect(withoutTime(result.output)).toBe('Tool call success\nstdout: 42\n\nexecution time: …');
  }, 180_000);
});

describe.each(FRESH)('%s reference trace in the real interpreter', (id) => {
  const profile = getProfile(id);
  const text = reference[id]!.pieces.map(([, t]) => t).join('');
  const trace = parseWithProfile(text, profile);
  const setup = executionSetup(profile, 'cort', '');
  const interpreterPieces = reference[id]!.pieces.filter(([w]) => w === 'interpreter').length;

  it('runs under its own semantics whatever the project chose for CoRT traces', () => {
    expect(setup.semantics).toBe('fresh');
    expect(executionSetup(profile, 'notebook', '').semantics).toBe('fresh');
  });

  it('verifies: every recorded output is what the harness writes', async () => {
    const check = await verifyWith(executor, `fresh-${namespace++}`, trace, setup, 30_000);
    const failing = check.blocks.filter((b) => b.status !== 'not-run' && b.matches !== true);
    expect(failing).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.blocks.filter((b) => b.matches === true && !b.recordedNothing)).toHaveLength(interpreterPieces);
  }, 120_000);

  it('catches one changed character in one output', async () => {
    const output = trace.segments.filter((s) => s.kind === 'output')[0]!;
    const at = output.text.search(/\d/);
    const tampered: Trace = { segments: trace.segments.map((s) => (s === output ? { ...s, text: s.text.slice(0, at) + (s.text[at] === '1' ? '2' : '1') + s.text.slice(at + 1) } : s)) };
    const check = await verifyWith(executor, `fresh-${namespace++}`, tampered, setup, 30_000);
    expect(check.ok).toBe(false);
    expect(check.blocks.find((b) => b.outputSegmentId === output.id)?.matches).toBe(false);
  }, 120_000);

  it("a cell run writes the reference's output block byte for byte", async () => {
    const called = new Set(freshTraceView(trace, profile).calls.map((c) => c.codeSegmentId));
    let runs = 0;
    for (const [i, seg] of trace.segments.entries()) {
      if (seg.kind !== 'code' || trace.segments[i + 1]?.kind !== 'output' || !called.has(seg.id)) continue;
      // The cell's code as the editor shows it: the profile's code content.
      const body = codeContent(seg, profile)!.code;
      const result = await runCellWith(executor, `fresh-${namespace++}`, trace, seg.id, body, setup, 30_000);
      if ('notRun' in result) throw new Error(result.notRun);
      expect(withoutTime(renderTrace(recordCellRun(trace, seg.id, body, result, setup)))).toBe(withoutTime(text));
      runs++;
    }
    expect(runs).toBe(interpreterPieces);
  }, 180_000);
});
