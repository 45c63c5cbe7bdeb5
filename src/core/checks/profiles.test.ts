/**
 * The checks under each trace profile's own rules: a well-formed trace of every profile passes
 * (no CoRT-only rule holds it back), and the faults each harness cannot produce fail — an
 * unclosed call, an output with no call before it, more calls than the harness allows, a
 * boundary missing where the profile needs it. The reproduction runs in the real interpreter.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeExecutor } from '../../python/node';
import type { Sample } from '../sample/types';
import { executionSetup } from '../exec';
import { getProfile, parseWithProfile, type TraceProfile, type TraceProfileId } from '../profiles';
import { runChecks } from './run';
import { structureChecks } from './structure';
import { failing } from './types';

type Piece = ['model' | 'interpreter', string];
const reference = JSON.parse(readFileSync(join(import.meta.dirname, '../profiles/fixtures/execution.json'), 'utf8')) as Record<string, { pieces: Piece[] }>;
const textOf = (id: string) => reference[id]!.pieces.map(([, t]) => t).join('');
const FRESH: TraceProfileId[] = ['torl', 'simpletir', 'retool', 'rstar2'];
/** The reference traces make more calls than the projects' default configurations allow (checked below). */
const roomy = (id: TraceProfileId): TraceProfile => ({ ...getProfile(id), continuation: { ...getProfile(id).continuation, maxRounds: 10 } });

const checksOf = (text: string, profile: TraceProfile) => structureChecks(parseWithProfile(text, profile), executionSetup(profile, 'cort', ''));
const statusOf = (text: string, profile: TraceProfile, id: string) => checksOf(text, profile).find((c) => c.id === id)!;

describe.each(FRESH)('structure checks of a %s trace', (id) => {
  const profile = roomy(id);
  const text = textOf(id);

  it('pass for the well-formed reference trace', () => {
    const checks = checksOf(text, profile);
    expect(failing(checks)).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual(['think-end', 'code-closed', 'code-output', 'hallucinated-output', 'code-calls', 'fresh-calls', 'code-errors']);
  });

  it('fail for a call that was never closed', () => {
    const firstOutput = parseWithProfile(text, profile).segments.find((s) => s.kind === 'output')!;
    const cut = text.slice(0, text.indexOf(firstOutput.text));
    // Cut inside the first call: drop its closing part.
    const unclosed = cut.slice(0, cut.length - (id === 'rstar2' ? '\n</tool_call><|im_end|>'.length : id === 'retool' ? '\n```\n</code>'.length : 4));
    expect(statusOf(unclosed, profile, 'code-closed').status).toBe('fail');
  });

  it('fail for an output no call wrote', () => {
    const output = parseWithProfile(text, profile).segments.find((s) => s.kind === 'output')!;
    const stray = 'I just know the result.' + (id === 'torl' ? '\n' : '') + output.text + text;
    const check = statusOf(stray, profile, 'hallucinated-output');
    if (id === 'simpletir') {
      // SimpleTIR's output marker only means an output right after a code block: anywhere else it is prose.
      expect(check.status).toBe('pass');
      return;
    }
    expect(check.status).toBe('fail');
    expect(check.detail).toBe('1 output block with no code call before it');
  });

  it("fail for more calls than the project's configuration allows", () => {
    const check = statusOf(text, getProfile(id), 'code-calls');
    if (id === 'retool') {
      // ReTool's evaluation loops while the model stops at </code>: no limit to check.
      expect(check).toMatchObject({ status: 'pass', detail: '4 code calls (ReTool sets no limit)' });
      return;
    }
    expect(check.status).toBe('fail');
    expect(check.detail).toMatch(new RegExp(`over ${getProfile(id).name}'s limit of ${getProfile(id).continuation.maxRounds! - 1}$`));
  });
});

describe('the answer boundary', () => {
  it('must be there once in ReTool and rStar2 (<answer>), may be absent in ToRL and SimpleTIR', () => {
    expect(statusOf(textOf('retool').replace('<answer>', ''), roomy('retool'), 'think-end')).toMatchObject({ status: 'fail', detail: 'no <answer>: the answer is never given' });
    expect(statusOf(textOf('torl'), roomy('torl'), 'think-end')).toMatchObject({ status: 'pass', detail: 'no </think> (ToRL does not need one)' });
    expect(statusOf(textOf('torl') + '</think></think>', roomy('torl'), 'think-end').status).toBe('fail');
  });
});

describe('ToRL blocks', () => {
  it('need no output when they are not the last of their turn, and count as errors by their last line', () => {
    const profile = roomy('torl');
    expect(statusOf(textOf('torl'), profile, 'code-output').status).toBe('pass');
    expect(statusOf(textOf('torl'), profile, 'code-errors').detail).toBe('2 of 5 outputs are errors (40%)');
  });
});

describe('runChecks of a non-CoRT sample (real interpreter)', () => {
  const executor = createNodeExecutor();
  afterAll(() => executor.dispose());

  it("reproduces a ReTool sample's outputs under its own semantics, whatever the project chose for CoRT", async () => {
    const sample: Sample = {
      id: 'retool-1',
      problem: 'What is 3!?',
      prompt: 'What is 3!?',
      gtAnswer: '6',
      record: {},
      origin: { format: 'pasted', file: 'retool.txt' },
      original: textOf('retool'),
      trace: parseWithProfile(textOf('retool'), getProfile('retool')),
      branches: [],
      status: 'draft',
      createdAt: 'now',
      updatedAt: 'now',
      profile: 'retool',
    };
    const checks = await runChecks(sample, { executor, semantics: 'notebook' });
    expect(failing(checks)).toEqual([]);
    expect(checks.checks.find((c) => c.id === 'reproduction')).toMatchObject({ status: 'pass', detail: '4 outputs reproduced exactly (fresh)' });
    expect(checks.answer?.verdict).toBe('equal');
  }, 120_000);
});
