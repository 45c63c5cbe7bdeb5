/**
 * Hints and the annotator's text follow the trace's line endings (model continuations keep the
 * model's own bytes); output
 * blocks keep CoRT's "\n" format, so the loss mask stays exact in a CRLF trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeExecutor } from '../../python/node/index';
import type { Executor } from '../exec/types';
import { lossMaskCheck } from '../export/lossMask';
import { generate, ScriptedModel } from '../generate';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../template';
import { parseTrace, renderTrace } from '../trace';
import { sampleOf as sampleFromResponse } from '../sample/testing/sampleOf';
import { HINT_1_DELAYED_CODE, HINT_2_RESULT_DISTRUST, appendCode, appendProse, editProse, insertHint } from './index';
import { lineEndingOf, withLineEnding } from './lineEndings';

const NOW = '2026-01-01T00:00:00.000Z';
const CRLF_TRACE = 'We need 2+2.\r\nLet me add by hand: 2 + 2 = 4.\r\n';

const sampleOf = (response: string) => sampleFromResponse(response, { prompt: 'What is 2+2?', createdAt: NOW, updatedAt: NOW });

/** Line breaks that are not part of a CRLF. */
const bareLf = (text: string) => (text.match(/(?<!\r)\n/g) ?? []).length;

describe('line endings of what the studio writes', () => {
  it('reads the convention from the trace, outputs aside', () => {
    expect(lineEndingOf(parseTrace(CRLF_TRACE))).toBe('\r\n');
    expect(lineEndingOf(parseTrace('a\nb\n'))).toBe('\n');
    // A CRLF trace whose output blocks the interpreter wrote in CoRT's "\n" format is still CRLF.
    expect(lineEndingOf(parseTrace('a\r\n```python\r\nprint(1)\r\n```\r\n```output\n1\n2\n3\n```\n'))).toBe('\r\n');
    expect(withLineEnding('a\nb\r\nc', '\r\n')).toBe('a\r\nb\r\nc');
    expect(withLineEnding('a\r\nb\n', '\n')).toBe('a\nb\n');
  });

  it('a hint in a CRLF trace is CRLF, Hint-1 fence included', () => {
    const sample = sampleOf(CRLF_TRACE);
    const out = insertHint(sample, CRLF_TRACE.indexOf('Let me'), HINT_1_DELAYED_CODE, NOW);
    expect(renderTrace(out.trace)).toBe('We need 2+2.\r\nIt looks tedious, and we can use python code to simplify the reasoning.\r\n```python\r\n');
    // The same hint in an LF trace stays LF.
    const lf = insertHint(sampleOf(CRLF_TRACE.replace(/\r/g, '')), 13, HINT_1_DELAYED_CODE, NOW);
    expect(bareLf(renderTrace(lf.trace))).toBe(3);
    expect(renderTrace(lf.trace)).not.toContain('\r');
  });

  it("the annotator's code, prose and edits take CRLF in a CRLF trace, and LF in an LF trace", () => {
    const hinted = insertHint(sampleOf(CRLF_TRACE), CRLF_TRACE.indexOf('Let me'), HINT_1_DELAYED_CODE, NOW);
    const coded = appendCode(hinted, 'x = 2 + 2\nprint(x)\n', NOW);
    expect(renderTrace(coded.trace).endsWith('```python\r\nx = 2 + 2\r\nprint(x)\r\n```\r\n')).toBe(true);
    const prose = appendProse(sampleOf(CRLF_TRACE), 'So 4.\nDone.\n', NOW);
    expect(renderTrace(prose.trace).endsWith('So 4.\r\nDone.\r\n')).toBe(true);
    const fresh = sampleOf(CRLF_TRACE);
    const edited = editProse(fresh, fresh.trace.segments[0].id, 'We need 2 + 2.\nClearly 4.\n', NOW);
    expect(bareLf(renderTrace(edited.trace))).toBe(0);
    const lf = sampleOf('a\nb\n');
    expect(renderTrace(appendProse(lf, 'c\r\nd\r\n', NOW).trace)).toBe('a\nb\nc\nd\n');
  });

  it('Hint-2 after an output block: CRLF prose, the output block untouched', () => {
    const text = 'Go.\r\n```python\r\nprint(4)\r\n```\r\n```output\n4\n```\nLet me recheck 2+2 by hand.\r\n';
    const out = insertHint(sampleOf(text), text.indexOf('Let me'), HINT_2_RESULT_DISTRUST, NOW);
    const appended = appendProse(out, '\nSo 4.\n', NOW);
    expect(renderTrace(appended.trace)).toBe(
      "Go.\r\n```python\r\nprint(4)\r\n```\r\n```output\n4\n```\nWe don't need to doubt the accuracy of python calculations.\r\nSo 4.\r\n",
    );
    expect(lossMaskCheck(appended.trace).status).toBe('pass');
  });
});

describe('a model continuation of a CRLF trace', () => {
  let executor: Executor;
  beforeAll(() => {
    executor = createNodeExecutor();
  });
  afterAll(() => executor.dispose());

  it('keeps the model\'s own bytes (LF) after CRLF hints, the output stays in CoRT format, and the loss mask is exact', async () => {
    const hinted = insertHint(sampleOf(CRLF_TRACE), CRLF_TRACE.indexOf('Let me'), HINT_1_DELAYED_CODE, NOW);
    const model = new ScriptedModel([
      { chunks: ['print(2 + 2)\n', '``'], stopReason: '`\n' },
      { chunks: ['So the sum is 4.\n', '</think>\n\n', 'The answer is \\boxed{4}.'], stopReason: null },
    ]);
    const { trace } = await generate(hinted.trace, {
      client: model,
      session: { executor, namespace: 'crlf-continuation' },
      template: DEEPSEEK_R1_DISTILL_QWEN,
      prompt: 'What is 2+2?',
      settings: { model: 'm' },
      now: () => NOW,
    });
    expect(renderTrace(trace)).toBe(
      'We need 2+2.\r\nIt looks tedious, and we can use python code to simplify the reasoning.\r\n```python\r\nprint(2 + 2)\n```\n' +
        '```output\n4\n```\nSo the sum is 4.\n</think>\n\nThe answer is \\boxed{4}.',
    );
    expect(lossMaskCheck(trace).status).toBe('pass');
  }, 60_000);
});
