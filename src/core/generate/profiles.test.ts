/**
 * Each profile's generation loop against its reference trace (scripts/reference/
 * profile_traces.py): a scripted model writes the model's turns as the server returns them
 * (stop strings cut off, end-of-turn tokens left out), the real Pyodide interpreter (Node) runs
 * the calls, and the loop must put back exactly the bytes the project's harness wrote.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeExecutor } from '../../python/node/index';
import { parseTrace, renderTrace } from '../trace';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../template';
import { getProfile, interpreterRanges, parseWithProfile, type TraceProfile } from '../profiles';
import { firstInlineBlock, generate, ScriptedModel, type ScriptedTurn } from './index';
import { HINT_1_DELAYED_CODE, insertHint } from '../hints';

type Piece = ['model' | 'interpreter', string];
const reference = JSON.parse(readFileSync(join(import.meta.dirname, '../profiles/fixtures/execution.json'), 'utf8')) as Record<string, { pieces: Piece[] }>;
const withoutTime = (text: string) => text.replace(/execution time: \d+\.\d\ds/g, 'execution time: …');

const executor = createNodeExecutor();
afterAll(() => executor.dispose());

/** The model's text of each turn: everything between two interpreter pieces. */
function modelTurns(pieces: Piece[]): string[] {
  const turns: string[] = [''];
  for (const [who, text] of pieces) {
    if (who === 'interpreter') turns.push('');
    else turns[turns.length - 1] += text;
  }
  return turns;
}

/** A profile with room for every round of its reference trace (profiles are data: Settings may edit them). */
const roomy = (profile: TraceProfile): TraceProfile => ({ ...profile, continuation: { ...profile.continuation, maxRounds: 10 } });

async function run(profile: TraceProfile, turns: ScriptedTurn[]) {
  const model = new ScriptedModel(turns);
  const result = await generate(
    { segments: [] },
    {
      client: model,
      session: { executor, namespace: `profile-loop-${profile.id}` },
      template: DEEPSEEK_R1_DISTILL_QWEN,
      prompt: 'p',
      settings: { model: 'm', callTimeoutMs: 30_000 },
      profile,
    },
  );
  return { ...result, model };
}

describe('the loop of each profile writes what its harness writes', () => {
  it("ToRL: stops at ```output (not written back), ends the line, runs the turn's last block, appends its eos", async () => {
    const profile = roomy(getProfile('torl'));
    const turns = modelTurns(reference.torl!.pieces);
    const scripted: ScriptedTurn[] = turns.map((t, i) =>
      i < turns.length - 1 ? { chunks: [t.slice(0, -'```output'.length)], stopReason: '```output' } : { chunks: [t], stopReason: null },
    );
    const { trace, summary, model } = await run(profile, scripted);
    const text = reference.torl!.pieces.map(([, t]) => t).join('');
    // ToRL's harness appends the tokenizer's eos after the loop when generation did not stop for length.
    expect(renderTrace(trace)).toBe(text + '<|endoftext|>');
    expect(model.requests.map((r) => r.stop)).toEqual([...turns.slice(0, -1).map(() => ['```output']), ['```output']]);
    expect(summary).toMatchObject({ codeCalls: 5, finish: 'eos' });
    expect(interpreterRanges(trace, profile)).toEqual(interpreterRanges(parseWithProfile(text, profile), profile));
  }, 180_000);

  it('ToRL: the last of its 2 rounds is sent without stop strings', async () => {
    const profile = getProfile('torl');
    const { model, summary } = await run(profile, [
      { chunks: ['```python\nprint(1)\n```\n'], stopReason: '```output' },
      { chunks: ['Done: \\boxed{1}'], stopReason: null },
    ]);
    expect(model.requests.map((r) => r.stop)).toEqual([['```output'], []]);
    expect(summary).toMatchObject({ codeCalls: 1, finish: 'eos' });
  }, 60_000);

  it('SimpleTIR: cuts each turn after its first block, strips the text before it, appends nothing for silent code, stops at a printed box', async () => {
    const profile = roomy(getProfile('simpletir'));
    // One turn per block (a block that printed nothing has no output after it).
    const turns = modelTurns(reference.simpletir!.pieces).flatMap((t) => {
      const out: string[] = [];
      for (let block = firstInlineBlock(t); block; block = firstInlineBlock(t)) {
        out.push(t.slice(0, block[1]));
        t = t.slice(block[1]);
      }
      return t ? [...out, t] : out;
    });
    // The model goes on after its block; the server sends it all (SimpleTIR has no stop string).
    const scripted: ScriptedTurn[] = turns.map((t) => {
      const at = t.indexOf('```py\n');
      return at < 0 ? { chunks: [t], stopReason: null } : { chunks: [t.slice(0, at) + '  \n' + t.slice(at), '\nI will now guess the output: 42.'], stopReason: null };
    });
    const { trace, summary, model } = await run(profile, scripted);
    const text = reference.simpletir!.pieces.map(([, t]) => t).join('');
    // final_answer() printed \boxed{5050}: SimpleTIR's loop is done there, before the last prose turn.
    const boxed = text.indexOf('\nCode execution result: \\boxed{5050}\n\n') + '\nCode execution result: \\boxed{5050}\n\n'.length;
    expect(renderTrace(trace)).toBe(text.slice(0, boxed));
    expect(model.requests.every((r) => r.stop.length === 0)).toBe(true);
    expect(summary).toMatchObject({ codeCalls: 5, finish: 'eos' });
    expect(trace.segments.filter((s) => s.kind === 'output')).toHaveLength(4);
  }, 180_000);

  it('SimpleTIR: the model fills the block a Hint-1 opened; the cut keeps the block, not what follows', async () => {
    const profile = getProfile('simpletir');
    const sample = { id: 's', problem: 'p', prompt: 'p', record: {}, origin: { format: 'pasted' as const, file: 'x.txt' }, original: '', branches: [], status: 'draft' as const, createdAt: 'now', updatedAt: 'now', profile: 'simpletir' as const, trace: parseWithProfile('Let me think.\n', profile) };
    const hinted = insertHint(sample, sample.original.length + 'Let me think.\n'.length, HINT_1_DELAYED_CODE, 'now');
    const model = new ScriptedModel([
      { chunks: ['print(6 * 7)\n```', '\nThe output will be 42.'], stopReason: null },
      { chunks: ['So the answer is \\boxed{42}.'], stopReason: null },
    ]);
    const { trace } = await generate(hinted.trace, { client: model, session: { executor, namespace: 'hint-simpletir' }, template: DEEPSEEK_R1_DISTILL_QWEN, prompt: 'p', settings: { model: 'm' }, profile });
    expect(renderTrace(trace)).toBe(`Let me think.\n${HINT_1_DELAYED_CODE.text}\`\`\`python\nprint(6 * 7)\n\`\`\`\nCode execution result: 42\n\nSo the answer is \\boxed{42}.`);
  }, 60_000);

  it('ReTool: stops at </code> and writes it back, runs the text after the last ```python, appends <interpreter>', async () => {
    const profile = getProfile('retool');
    const turns = modelTurns(reference.retool!.pieces);
    const scripted: ScriptedTurn[] = turns.map((t, i) =>
      i < turns.length - 1 ? { chunks: [t.slice(0, -'</code>'.length)], stopReason: '</code>' } : { chunks: [t], stopReason: null },
    );
    const { trace, summary, model } = await run(profile, scripted);
    const text = reference.retool!.pieces.map(([, t]) => t).join('');
    expect(renderTrace(trace)).toBe(text);
    expect(model.requests[0]!.stop).toEqual(['</code>']);
    expect(summary).toMatchObject({ codeCalls: 4, finish: 'eos' });
    expect(trace.segments.map((s) => s.kind)).toEqual(parseWithProfile(text, profile).segments.map((s) => s.kind));
  }, 180_000);

  it('ReTool: without stop_reason, a turn that leaves <code> open stopped at </code>', async () => {
    const profile = getProfile('retool');
    const { trace } = await run(profile, [
      { chunks: ['Compute.\n\n<code>\n```python\nprint(6*7)\n```\n'], stopReason: 'absent' },
      { chunks: ['So 42.\n\n<answer>\\boxed{42}</answer>'], stopReason: 'absent' },
    ]);
    expect(renderTrace(trace)).toBe('Compute.\n\n<code>\n```python\nprint(6*7)\n```\n</code>\n\n<interpreter>\n42\n</interpreter>\n\nSo 42.\n\n<answer>\\boxed{42}</answer>');
  }, 60_000);

  it('rStar2: writes back <|im_end|> after every turn and calls the tool a turn holds, its input as stdin', async () => {
    const profile = roomy(getProfile('rstar2'));
    const turns = modelTurns(reference.rstar2!.pieces);
    const scripted: ScriptedTurn[] = turns.map((t) => ({ chunks: [t.slice(0, -'<|im_end|>'.length)], stopReason: null }));
    const { trace, summary, model } = await run(profile, scripted);
    const text = reference.rstar2!.pieces.map(([, t]) => t).join('');
    expect(withoutTime(renderTrace(trace))).toBe(withoutTime(text));
    expect(model.requests.every((r) => r.stop.length === 0)).toBe(true);
    expect(summary).toMatchObject({ codeCalls: 5, finish: 'eos' });
  }, 180_000);

  it('rStar2: the last of its rounds runs no tool call', async () => {
    const profile = { ...getProfile('rstar2'), continuation: { ...getProfile('rstar2').continuation, maxRounds: 1 } };
    const { trace, summary } = await run(profile, [{ chunks: ['<tool_call>\n{"name": "python_code_with_standard_io", "arguments": {"code": "print(1)", "input": ""}}\n</tool_call>'], stopReason: null }]);
    expect(summary).toMatchObject({ codeCalls: 0, finish: 'max-calls' });
    expect(trace.segments.filter((s) => s.kind === 'output')).toHaveLength(0);
  }, 60_000);

  it('chat traces are not continued: another tool wrote them', async () => {
    const { summary } = await run(getProfile('chat'), []);
    expect(summary).toMatchObject({ finish: 'error', error: expect.stringMatching(/does not continue them/) });
  });

  it('CoRT under the default profile is unchanged: the parser finds the same structure', async () => {
    const { trace } = await run(getProfile('cort'), [
      { chunks: ['```python\nprint(2)\n``'], stopReason: '`\n' },
      { chunks: ['</think>\\boxed{2}'], stopReason: null },
    ]);
    expect(renderTrace(trace)).toBe('```python\nprint(2)\n```\n```output\n2\n```\n</think>\\boxed{2}');
    expect(trace.segments.map((s) => s.kind)).toEqual(parseTrace(renderTrace(trace)).segments.map((s) => s.kind));
  }, 60_000);
});
