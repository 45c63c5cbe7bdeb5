/**
 * CoRT's loop end to end with a scripted model and the real Pyodide interpreter (Node).
 * Production code in core never imports src/python; this test wires the two as the CLI does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeExecutor } from '../../python/node/index';
import type { Executor } from '../exec/types';
import { parseTrace, renderTrace } from '../trace';
import type { Trace } from '../trace/types';
import { DEEPSEEK_R1_DISTILL_QWEN, renderGenerationPrompt } from '../template';
import { HINT_1_DELAYED_CODE, insertHint } from '../hints';
import type { Sample } from '../sample/types';
import { CODE_LIMIT_MESSAGE, continueN, continuationNamespaces, generate, ScriptedModel, type GenerateOptions, type ScriptedTurn } from './index';
import { compareOutputs, cortTraceView } from '../exec';
import { traceFixtures } from '../exec/testing/fixtures';

const PROMPT = 'What is 6*7?\nPlease integrate natural language reasoning with python programs to solve the problem above, and put your final answer within \\boxed{}.';
const GEN_PROMPT = renderGenerationPrompt(DEEPSEEK_R1_DISTILL_QWEN, PROMPT);
const AT = '2026-03-01T12:00:00.000Z';

let executor: Executor;
beforeAll(() => {
  executor = createNodeExecutor();
});
afterAll(async () => {
  await executor.dispose();
});

let namespaceCount = 0;
function options(model: ScriptedModel, extra: Partial<GenerateOptions> = {}): GenerateOptions {
  return {
    client: model,
    session: { executor, namespace: `loop-test-${namespaceCount++}` },
    template: DEEPSEEK_R1_DISTILL_QWEN,
    prompt: PROMPT,
    settings: { model: 'DeepSeek-R1-Distill-Qwen-1.5B' },
    now: () => AT,
    ...extra,
  };
}

const empty: Trace = { segments: [] };

describe('generate (CoRT loop)', () => {
  it('runs a code block at the fence, appends the output and sends it in the next prompt', async () => {
    const model = new ScriptedModel([
      { chunks: ['Let me compute.\n', '```python\n', 'x = 6 * 7\n', 'print(x)\n', '``'], stopReason: '`\n', usage: true },
      { chunks: ['So it is 42.\n', '</think>\n\n', 'The answer is \\boxed{42}.'], stopReason: null, usage: true },
    ]);
    const streamed: string[] = [];
    const { trace, summary } = await generate(empty, options(model, { onText: (t) => streamed.push(t) }));

    const response = 'Let me compute.\n```python\nx = 6 * 7\nprint(x)\n```\n```output\n42\n```\nSo it is 42.\n</think>\n\nThe answer is \\boxed{42}.';
    expect(renderTrace(trace)).toBe(response);
    expect(streamed.join('')).toBe(response);
    expect(model.requests.map((r) => r.prompt)).toEqual([GEN_PROMPT, GEN_PROMPT + response.slice(0, response.indexOf('So it'))]);
    expect(model.requests[0]).toMatchObject({ stop: ['`\n'], temperature: 0.6, top_p: 0.95, max_tokens: 32768 });
    // No token counter: the budget falls back to the completion tokens the server reported.
    expect(model.requests[1].max_tokens).toBe(32768 - 5);
    expect(summary).toEqual({ codeCalls: 1, rounds: 2, finish: 'eos', tokens: 8 });

    expect(trace.segments.map((s) => [s.kind, s.origin])).toEqual([
      ['prose', 'model'],
      ['code', 'model'],
      ['output', 'interpreter'],
      ['prose', 'model'],
      ['think-end', 'model'],
      ['answer', 'model'],
    ]);
    expect(trace.segments[1].meta).toEqual({
      model: 'DeepSeek-R1-Distill-Qwen-1.5B',
      endpoint: 'scripted',
      sampling: { temperature: 0.6, top_p: 0.95, max_tokens: 32768, max_rounds: 15, model_length: 32768 },
      at: AT,
    });
    expect(trace.segments[2].meta).toMatchObject({ status: 'ok', at: AT, profile: 'cort', round: 0, maxRounds: 15, call: 'program' });
    // The structure is what the parser finds in the text.
    expect(parseTrace(response).segments.map((s) => s.kind)).toEqual(trace.segments.map((s) => s.kind));
  });

  it('under notebook, keeps one namespace across calls', async () => {
    const model = new ScriptedModel([
      { chunks: ['```python\nimport math\nr = math.isqrt(49)\nprint(r)\n``'], stopReason: '`\n' },
      { chunks: ['```python\nprint(r + 1)\n``'], stopReason: '`\n' },
      { chunks: ['```python\nprint(r)\nr / 0\n``'], stopReason: '`\n' },
      { chunks: ['Done.'], stopReason: null },
    ]);
    const { trace, summary } = await generate(empty, options(model, { semantics: 'notebook' }));
    const outputs = trace.segments.filter((s) => s.kind === 'output').map((s) => s.text);
    expect(outputs[0]).toBe('```output\n7\n```\n');
    expect(outputs[1]).toBe('```output\n8\n```\n');
    // A raising cell's output is the traceback alone (CoRT's executor), not the stdout before it.
    expect(outputs[2]).toMatch(/^```output\nTraceback \(most recent call last\):[\s\S]*ZeroDivisionError: division by zero\n```\n$/);
    expect(summary.codeCalls).toBe(3);
  });

  it('under cort, rebuilds the program at every call: a loop that printed loses its variable', async () => {
    const model = new ScriptedModel([
      { chunks: ['```python\nfor i in range(2):\n    print(i)\ntotal = 1\n``'], stopReason: '`\n' },
      { chunks: ['```python\nprint(total)\n``'], stopReason: '`\n' },
      { chunks: ['Done.'], stopReason: null },
    ]);
    const { trace, summary } = await generate(empty, options(model));
    const outputs = trace.segments.filter((s) => s.kind === 'output');
    expect(outputs.map((s) => s.text.split('\n').at(-3))).toEqual(['1', "NameError: name 'total' is not defined"]);
    expect(summary).toMatchObject({ codeCalls: 2, rounds: 3, finish: 'eos' });
  });

  it("puts CoRT's [SYSTEM] notice on round max−2, sends no stop string in the last round, runs nothing after", async () => {
    const code = (i: number): ScriptedTurn => ({ chunks: [`Try ${i}.\n\`\`\`python\nprint(${i})\n\`\``], stopReason: '`\n' });
    const model = new ScriptedModel([code(1), code(2), code(3), { chunks: ['No more code. ```python\nprint(4)\n```\nSo 3.'], stopReason: null }, { chunks: ['never asked'] }]);
    const { trace, summary } = await generate(empty, options(model, { settings: { model: 'm', maxRounds: 4 } }));
    const outputs = trace.segments.filter((s) => s.kind === 'output').map((s) => s.text);
    expect(outputs).toEqual(['```output\n1\n```\n', '```output\n2\n```\n', '```output\n3' + CODE_LIMIT_MESSAGE + '\n```\n']);
    expect(CODE_LIMIT_MESSAGE).toBe(
      '\n\n[SYSTEM]\nYou have exceeded the allowed number of code executions. You can no longer write or run code. Please continue solving the problem using your reasoning and analytical skills.',
    );
    expect(model.requests.map((r) => r.stop)).toEqual([['`\n'], ['`\n'], ['`\n'], []]);
    expect(summary).toMatchObject({ finish: 'eos', codeCalls: 3, rounds: 4 });
    expect(renderTrace(trace).endsWith('No more code. ```python\nprint(4)\n```\nSo 3.')).toBe(true);
  });

  it('runs a call when the last round happens to end in "`\\n", then stops', async () => {
    const model = new ScriptedModel([{ chunks: ['```python\nprint(7)\n```\n'], stopReason: null }]);
    const { trace, summary } = await generate(empty, options(model, { settings: { model: 'm', maxRounds: 1 } }));
    expect(renderTrace(trace)).toBe('```python\nprint(7)\n```\n```output\n7\n```\n');
    expect(summary).toMatchObject({ finish: 'max-calls', codeCalls: 1, rounds: 1 });
  });

  it('counts the calls already in the trace as rounds used', async () => {
    const start = parseTrace('```python\nprint(1)\n```\n```output\n1\n```\n');
    const model = new ScriptedModel([{ chunks: ['```python\nprint(2)\n``'], stopReason: '`\n' }, { chunks: ['ok'], stopReason: null }]);
    const { trace } = await generate(start, options(model, { settings: { model: 'm', maxRounds: 3 } }));
    expect(renderTrace(trace)).toContain('```output\n2' + CODE_LIMIT_MESSAGE);
    expect(model.requests.map((r) => r.stop)).toEqual([['`\n'], []]);
  });

  it('first runs a code block the annotator left at the end, as the call of its round', async () => {
    const start = parseTrace('```python\nx = 1\nprint(x)\n```\n```output\n1\n```\n```python\nprint(x + 1)\n```\n');
    const model = new ScriptedModel([{ chunks: ['ok'], stopReason: null }]);
    const { trace, summary } = await generate(start, options(model, { settings: { model: 'm', maxRounds: 3 } }));
    // CoRT replays the first block (its print line removed), so x is defined.
    expect(renderTrace(trace)).toBe(renderTrace(start) + '```output\n2' + CODE_LIMIT_MESSAGE + '\n```\nok');
    expect(summary.codeCalls).toBe(1);
    expect(model.requests[0].prompt.endsWith('\n```\n')).toBe(true);
  });

  it('runs the empty program after a stop without a python block: an empty output, and a round used', async () => {
    const model = new ScriptedModel([
      { chunks: ['Use the function `f'], stopReason: '`\n' },
      { chunks: ['Then f(2) = 4.'], stopReason: null },
    ]);
    const { trace, summary } = await generate(empty, options(model));
    expect(renderTrace(trace)).toBe('Use the function `f`\n```output\n\n```\nThen f(2) = 4.');
    expect(trace.segments.find((s) => s.kind === 'output')?.meta).toMatchObject({ call: 'empty', round: 0 });
    expect(summary).toMatchObject({ codeCalls: 1, rounds: 2 });
  });

  it('under notebook, continues prose after inline code that ended a line, without running anything', async () => {
    const model = new ScriptedModel([
      { chunks: ['Use the function `f'], stopReason: '`\n' },
      { chunks: ['Then f(2) = 4.'], stopReason: null },
    ]);
    const { trace, summary } = await generate(empty, options(model, { semantics: 'notebook' }));
    expect(renderTrace(trace)).toBe('Use the function `f`\nThen f(2) = 4.');
    expect(summary.codeCalls).toBe(0);
  });

  it('asks for min(max tokens per call, model length − tokens of prompt + response so far)', async () => {
    const chars = { count: (t: string) => t.length };
    const model = new ScriptedModel([
      { chunks: ['```python\nprint(6 * 7)\n``'], stopReason: '`\n' },
      { chunks: ['42.'], stopReason: null },
    ]);
    const modelLength = GEN_PROMPT.length + 100;
    await generate(empty, options(model, { tokenCounter: chars, settings: { model: 'm', maxTokens: 80, modelLength } }));
    expect(model.requests[0].max_tokens).toBe(80);
    // The output block counts too: 100 − "```python\nprint(6 * 7)\n```\n```output\n42\n```\n".
    expect(model.requests[1].max_tokens).toBe(100 - '```python\nprint(6 * 7)\n```\n```output\n42\n```\n'.length);
    const full = new ScriptedModel([{ chunks: ['never'] }]);
    const none = await generate(parseTrace('x'.repeat(100)), options(full, { tokenCounter: chars, settings: { model: 'm', modelLength } }));
    expect(none.summary.finish).toBe('max-tokens');
    expect(full.requests).toHaveLength(0);
  });

  it("under CoRT's RL budget, drops an output that leaves no room and ends the sequence", async () => {
    const chars = { count: (t: string) => t.length };
    const model = new ScriptedModel([{ chunks: ['```python\nprint(1)\n``'], stopReason: '`\n' }, { chunks: ['never'] }]);
    const { trace, summary } = await generate(empty, options(model, { tokenCounter: chars, settings: { model: 'm', budget: 'rl', responseLength: 30 } }));
    expect(model.requests[0].max_tokens).toBe(30);
    expect(renderTrace(trace)).toBe('```python\nprint(1)\n```\n');
    expect(summary.finish).toBe('max-tokens');
  });

  it('decides from the text when the server sends no stop_reason', async () => {
    const model = new ScriptedModel([
      { chunks: ['```python\nprint(5)\n``'], stopReason: 'absent' },
      { chunks: ['The answer is \\boxed{5}.'], stopReason: 'absent' },
    ]);
    const { trace, summary } = await generate(empty, options(model));
    expect(renderTrace(trace)).toBe('```python\nprint(5)\n```\n```output\n5\n```\nThe answer is \\boxed{5}.');
    expect(summary.finish).toBe('eos');
    expect(summary.tokens).toBeUndefined(); // no usage reported: no token count claimed
  });

  it('fills the code block a Hint-1 opened and runs it', async () => {
    const sample: Sample = {
      id: 's',
      problem: 'p',
      prompt: PROMPT,
      record: {},
      origin: { format: 'pasted', file: 'x' },
      original: '',
      trace: parseTrace('We need 6*7. Doing it by hand: 6*7 = 6+6+6'),
      branches: [],
      status: 'draft',
      createdAt: AT,
      updatedAt: AT,
    };
    const hinted = insertHint(sample, 'We need 6*7. '.length, HINT_1_DELAYED_CODE, AT);
    const model = new ScriptedModel([
      { chunks: ['print(6 * 7)\n``'], stopReason: '`\n' },
      { chunks: ['So \\boxed{42}.'], stopReason: null },
    ]);
    const { trace } = await generate(hinted.trace, options(model));
    expect(renderTrace(trace)).toBe(
      'We need 6*7. It looks tedious, and we can use python code to simplify the reasoning.\n```python\nprint(6 * 7)\n```\n```output\n42\n```\nSo \\boxed{42}.',
    );
    const code = trace.segments.find((s) => s.kind === 'code')!;
    expect(code.id).toBe(hinted.trace.segments.at(-1)!.id);
    expect(code).toMatchObject({ origin: 'model', closed: true, meta: { openedBy: { origin: 'hint', hintType: 'hint-1' } } });
  });

  it('cancels mid-stream at once, keeping the text with the last segment marked incomplete', async () => {
    const model = new ScriptedModel([{ chunks: ['Let ', 'me ', 'think ', 'about ', 'it ', 'more.'], delayMs: 30 }]);
    const controller = new AbortController();
    let pieces = 0;
    const started = Date.now();
    const { trace, summary } = await generate(
      empty,
      options(model, { signal: controller.signal, onText: () => ++pieces === 2 && controller.abort() }),
    );
    expect(Date.now() - started).toBeLessThan(300);
    expect(summary.finish).toBe('cancelled');
    expect(renderTrace(trace)).toBe('Let me ');
    expect(trace.segments.at(-1)?.meta?.incomplete).toBe(true);
  });

  it('interrupts a running cell when cancelled and leaves the code without output', async () => {
    const model = new ScriptedModel([{ chunks: ['```python\nwhile True:\n    pass\n``'], stopReason: '`\n' }]);
    const controller = new AbortController();
    const run = generate(empty, options(model, { signal: controller.signal, onTrace: (t) => t.segments.at(-1)?.kind === 'code' && setTimeout(() => controller.abort(), 300) }));
    const { trace, summary } = await run;
    expect(summary.finish).toBe('cancelled');
    expect(trace.segments.map((s) => s.kind)).toEqual(['code']);
  });

  it('reports an HTTP error and a dropped stream, keeping the partial text', async () => {
    const failing = new ScriptedModel([{ chunks: [], error: { kind: 'http', status: 500, message: 'The model server answered 500: CUDA out of memory' } }]);
    const http = await generate(empty, options(failing));
    expect(http.summary).toMatchObject({ finish: 'error', error: expect.stringContaining('CUDA out of memory') });
    expect(http.trace.segments).toEqual([]);

    const dropped = new ScriptedModel([{ chunks: ['Half a ', 'thought'], error: { kind: 'stream-ended', message: 'The stream ended before the model finished' } }]);
    const partial = await generate(parseTrace('Start. '), options(dropped));
    expect(partial.summary.finish).toBe('error');
    expect(renderTrace(partial.trace)).toBe('Start. Half a thought');
    expect(partial.trace.segments.at(-1)).toMatchObject({ origin: 'model', meta: { incomplete: true } });
  });

  it('stops at the token budget', async () => {
    const model = new ScriptedModel([{ chunks: ['a', 'b'], finishReason: 'length', stopReason: null }]);
    const { summary } = await generate(empty, options(model, { settings: { model: 'm', maxTokens: 2 } }));
    expect(summary.finish).toBe('max-tokens');
    expect(model.requests[0].max_tokens).toBe(2);
  });
});

describe('continueN', () => {
  it('runs continuations in parallel, each in a namespace rebuilt from the earlier cells', async () => {
    const from = parseTrace('```python\ny = 10\nprint(y)\n```\n```output\n10\n```\n');
    const model = new ScriptedModel([
      { chunks: ['```python\ny += 1\nprint(y)\n``'], stopReason: '`\n' },
      { chunks: ['```python\ny += 1\nprint(y)\n``'], stopReason: '`\n' },
      { chunks: ['done'], stopReason: null },
      { chunks: ['done'], stopReason: null },
    ]);
    const results = await continueN(2, from, {
      client: model,
      template: DEEPSEEK_R1_DISTILL_QWEN,
      prompt: PROMPT,
      settings: { model: 'm' },
      semantics: 'notebook',
      sessionFor: continuationNamespaces(executor, 'continue-test'),
    });
    // Both saw y = 10 from the replayed cell; neither saw the other's increment.
    for (const r of results) {
      expect(renderTrace(r.trace)).toContain('print(y)\n```\n```output\n11\n```\n');
      expect(r.summary).toMatchObject({ finish: 'eos', codeCalls: 1 });
    }
  });
});

describe('the loop against the reference (CPython) traces', () => {
  it('writes what CoRT writes for every reference trace: same text, same programs, same outputs', async () => {
    for (const f of traceFixtures()) {
      const turns: ScriptedTurn[] = f.rounds.map((text) =>
        text.endsWith('`\n') ? { chunks: [text.slice(0, -2)], stopReason: '`\n' } : { chunks: [text], stopReason: null },
      );
      const model = new ScriptedModel(turns);
      const timeoutMs = f.name === 'timeout' ? f.timeoutSeconds * 1000 : 30_000;
      const { trace } = await generate(empty, options(model, { prompt: f.prompt, settings: { model: 'm', maxRounds: f.maxRounds, callTimeoutMs: timeoutMs } }));
      const view = cortTraceView(f.context, trace);
      const withoutOutputs = (text: string, at: number[]) => {
        let out = '';
        let from = 0;
        for (const start of at) {
          out += text.slice(from, start);
          from = text.indexOf('\n```\n', start) + 5;
        }
        return out + text.slice(from);
      };
      expect(withoutOutputs(renderTrace(trace), view.calls.map((c) => c.at)), f.name).toBe(withoutOutputs(f.response, f.calls.map((c) => c.at)));
      expect(view.calls.map((c) => c.program), f.name).toEqual(f.calls.map((c) => c.program));
      view.calls.forEach((call, i) => {
        const expected = f.calls[i]!.output;
        expect(compareOutputs(expected, call.recorded!).equal, `${f.name} #${i}: ${expected} vs ${call.recorded}`).toBe(true);
        if (!expected.startsWith('Traceback')) expect(call.recorded, f.name).toBe(expected);
      });
    }
  }, 300_000);
});
