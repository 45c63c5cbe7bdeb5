/**
 * The training formats: golden files (regenerate with UPDATE_GOLDEN=1 after checking a diff is
 * intended), the schemas of the fields each framework documents, and the properties each
 * framework's documentation implies — checked against independent expectations (the
 * reference traces' own interpreter pieces, the original text of a hinted sample), not
 * against the writer's own output.
 */
import { describe, expect, it } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { exportSamples, TRAINING_FORMATS, trainingRecordProblems, type AnyExportFormat, type ExportOptions } from '../index';
import { renderGenerationPrompt, DEEPSEEK_R1_DISTILL_QWEN } from '../../template';
import { renderTrace } from '../../trace';
import { approved, cortHinted, hallucinatedOutput, referencePieces, retoolSample, rstar2Sample, simpletirSample, TOOL_TEST_SAMPLES } from '../testing/profileSamples';
import { expectGoldenFiles } from '../testing/golden';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const lines = (bytes: Uint8Array) => decode(bytes).split('\n').filter(Boolean).map((l) => JSON.parse(l));

function options(format: AnyExportFormat, extra: Partial<ExportOptions> = {}): ExportOptions {
  return { format, studioVersion: '0.1.0-golden', pyodideVersion: '0.29.3', exportedAt: '2025-06-01T12:00:00.000Z', ...extra };
}

async function filesOf(format: AnyExportFormat, samples = TOOL_TEST_SAMPLES, extra: Partial<ExportOptions> = {}) {
  const result = await exportSamples(samples, options(format, extra));
  return { ...result, file: (name: string) => result.files.find((f) => f.name === name)!.bytes };
}

const interpreterPieces = (id: string) => referencePieces(id).filter(([w]) => w === 'interpreter').map(([, t]) => t);

describe.each(TRAINING_FORMATS)('golden export: %s', (format) => {
  it('matches the committed files byte for byte', async () => {
    const { files } = await exportSamples(TOOL_TEST_SAMPLES, options(format));
    expectGoldenFiles(format, files);
  });
});

describe('schemas reject what the frameworks would not read', () => {
  it('names the field that is wrong', () => {
    expect(trainingRecordProblems('trlStepwise', { prompt: 'p', completions: ['a'], labels: [1] })[0]).toMatch(/\/labels\/0 must be boolean/);
    expect(trainingRecordProblems('axolotl', { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a', train_detail: [{ begin_offset: 0, end: 1, train: true }] }] })).not.toEqual([]);
    expect(trainingRecordProblems('llamafactory', { conversations: [{ from: 'tool', value: 'x' }], tools: '[]' })).not.toEqual([]);
    expect(trainingRecordProblems('trlTools', { messages: [{ role: 'user', content: 'q' }, { role: 'tool', content: 'x', tool_calls: [] }], tools: [] })).not.toEqual([]);
    expect(trainingRecordProblems('trlDpo', { prompt: 'p', chosen: 'a', rejected: 'b', extra: 1 })).not.toEqual([]);
  });
});

describe('axolotl train_detail (end_offset inclusive, code points, per the axolotl docs)', () => {
  it('leaves exactly the reference interpreter pieces untrained, and tiles the content', async () => {
    const { file } = await filesOf('axolotl');
    const records = lines(file('axolotl.jsonl'));
    for (const [sample, id] of [
      [retoolSample, 'retool'],
      [rstar2Sample, 'rstar2'],
      [simpletirSample, 'simpletir'],
    ] as const) {
      const record = records.find((r) => r.messages[0].content === sample.prompt);
      const assistant = record.messages[1];
      const chars = Array.from(assistant.content as string);
      const spans = assistant.train_detail as { begin_offset: number; end_offset: number; train: boolean }[];
      let next = 0;
      for (const d of spans) {
        expect(d.begin_offset).toBe(next);
        next = d.end_offset + 1;
      }
      expect(next).toBe(chars.length);
      const untrained = spans.filter((d) => !d.train).map((d) => chars.slice(d.begin_offset, d.end_offset + 1).join(''));
      expect(untrained).toEqual(['<think>\n', ...interpreterPieces(id)]);
    }
  });

  it('counts astral characters as one position, as Python does', async () => {
    const { file } = await filesOf('axolotl', [cortHinted]);
    const [record] = lines(file('axolotl.jsonl'));
    const chars = Array.from(record.messages[1].content as string);
    const masked = record.messages[1].train_detail.filter((d: { train: boolean }) => !d.train);
    expect(masked.map((d: { begin_offset: number; end_offset: number }) => chars.slice(d.begin_offset, d.end_offset + 1).join(''))).toEqual(['<think>\n', '```output\n5\n```\n']);
  });
});

describe('verl multi-turn parquet, read back', () => {
  it('has messages / tools columns with code as tool_calls and outputs as tool turns', async () => {
    const { file, heldBack } = await filesOf('verl-multiturn', [cortHinted, retoolSample, rstar2Sample], { enableThinking: true });
    const rows = await parquetReadObjects({ file: file('verl-multiturn.parquet').slice().buffer });
    expect(rows.map((r) => r.messages.map((m: { role: string }) => m.role))).toEqual([
      ['user', 'assistant', 'tool', 'assistant'],
      ['user', 'assistant', 'tool', 'assistant', 'tool', 'assistant'],
    ]);
    expect(rows[1].messages.filter((m: { role: string }) => m.role === 'tool').map((m: { content: string }) => m.content)).toEqual(['6', 'ZeroDivisionError: division by zero']);
    expect(rows[1].messages[1].tool_calls).toEqual([{ type: 'function', function: { name: 'code_interpreter', arguments: { code: 'import math\nprint(math.factorial(3))' } } }]);
    expect(rows[0].tools[0].function.parameters).toEqual({ type: 'object', properties: { code: { type: 'string', description: 'The Python code to execute.' } }, required: ['code'] });
    expect(rows.every((r) => r.enable_thinking === true)).toBe(true);
    // One parquet column type per file: rStar2's {code, input} tool goes to its own export.
    expect(heldBack.map((h) => h.sampleId)).toEqual(['rstar2-ref']);
  });

  it('never puts an interpreter result into an assistant turn', async () => {
    const { file } = await filesOf('verl-multiturn', [retoolSample]);
    const [row] = await parquetReadObjects({ file: file('verl-multiturn.parquet').slice().buffer });
    const assistantText = row.messages.filter((m: { role: string }) => m.role === 'assistant').map((m: { content: string }) => m.content).join('');
    expect(assistantText).not.toContain('<interpreter>');
    expect(assistantText).not.toContain('ZeroDivisionError');
  });
});

describe('LLaMA-Factory sharegpt tools (data/README.md rules)', () => {
  it('alternates human/observation (odd) with gpt/function_call (even), ends with gpt, and parses each call', async () => {
    const { file } = await filesOf('llamafactory-tools');
    for (const record of lines(file('llamafactory-tools.jsonl'))) {
      const roles = record.conversations.map((c: { from: string }) => c.from);
      roles.forEach((role: string, i: number) => expect(i % 2 === 0 ? ['human', 'observation'] : ['gpt', 'function_call']).toContain(role));
      expect(roles.length % 2).toBe(0);
      for (const c of record.conversations.filter((c: { from: string }) => c.from === 'function_call')) {
        // formatter.py: re.search(r"<tool_call>(.*?)</tool_call>", content, re.DOTALL), then json.loads.
        const m = /<tool_call>([\s\S]*?)<\/tool_call>/.exec(c.value)!;
        const call = JSON.parse(m[1]);
        expect(Object.keys(call)).toEqual(['name', 'arguments']);
        expect(typeof call.arguments.code).toBe('string');
      }
      expect(JSON.parse(record.tools)[0].name).toBeTruthy();
    }
  });
});

describe('TRL', () => {
  it('writes tool turns with the tool name, and the prompt-completion layout splits after the user turn', async () => {
    const messages = lines((await filesOf('trl', [retoolSample])).file('trl.jsonl'))[0];
    expect(messages.messages[2]).toEqual({ role: 'tool', name: 'code_interpreter', content: '6' });
    const pc = lines((await filesOf('trl', [retoolSample], { layout: 'prompt-completion' })).file('trl.jsonl'))[0];
    expect(pc.prompt).toEqual([messages.messages[0]]);
    expect(pc.completion).toEqual(messages.messages.slice(1));
    await expect(exportSamples([retoolSample], options('trl', { layout: 'multiturn' }))).rejects.toThrow(/layout for trl must be one of messages, prompt-completion/);
  });
});

describe('OpenRLHF', () => {
  it('input-output holds back samples with interpreter output (it would train on them)', async () => {
    const plain = approved({ ...cortHinted, id: 'plain', branches: [], trace: { segments: cortHinted.trace.segments.filter((s) => s.kind !== 'code' && s.kind !== 'output') } });
    const { file, heldBack } = await filesOf('openrlhf', [plain, retoolSample], { layout: 'input-output' });
    expect(heldBack.map((h) => h.sampleId)).toEqual(['retool-ref']);
    const [record] = lines(file('openrlhf.jsonl'));
    expect(record).toEqual({ input: renderGenerationPrompt(DEEPSEEK_R1_DISTILL_QWEN, plain.prompt), output: renderTrace(plain.trace) });
  });
});

describe('DPO from a hint cut', () => {
  it('shares prompt and prefix; chosen is the annotated trace, rejected the original continuation', async () => {
    const { file, heldBack } = await filesOf('dpo', [cortHinted, retoolSample]);
    const [pair] = lines(file('dpo.jsonl'));
    const templated = renderGenerationPrompt(DEEPSEEK_R1_DISTILL_QWEN, cortHinted.prompt);
    expect(pair.prompt + pair.rejected).toBe(templated + cortHinted.original);
    expect(pair.prompt + pair.chosen).toBe(templated + renderTrace(cortHinted.trace));
    expect(pair.chosen.startsWith('It looks tedious')).toBe(true);
    expect(heldBack).toMatchObject([{ sampleId: 'retool-ref', stage: 'format', reasons: ['no hint cut: a preference pair needs the original continuation kept as a cut branch'] }]);
    const [meta] = lines(file('dpo.meta.jsonl'));
    const chars = Array.from(pair.chosen as string);
    expect(meta.chosen_output_spans.map(([s, e]: number[]) => chars.slice(s, e).join(''))).toEqual(['```output\n5\n```\n']);
  });

  it('skips a cut whose hint no longer starts at its offset', async () => {
    const edited = approved({ ...cortHinted, trace: { segments: [{ ...cortHinted.trace.segments[0], text: 'Edited. ' + cortHinted.trace.segments[0].text }, ...cortHinted.trace.segments.slice(1)] } });
    const { heldBack } = await filesOf('dpo', [edited]);
    expect(heldBack[0].reasons[0]).toMatch(/no hint starts at its cut/);
  });
});

describe('PRM (TRL stepwise supervision)', () => {
  it('labels each step up to and including the first error, neutral and bad as false', async () => {
    const { file } = await filesOf('prm', [cortHinted]);
    const [record] = lines(file('prm.jsonl'));
    expect(record.prompt).toBe(cortHinted.prompt);
    expect(record.labels).toEqual([true, true, true, false]);
    expect(record.completions.at(-1)).toBe('So 𝑥 = 5.\n</think>');
    // The output is context of the code step, never a step of its own.
    expect(record.completions[2]).toMatch(/^```python[\s\S]*```output\n5\n```$/);
  });

  it('holds back a sample with an unlabelled step before the first error', async () => {
    const labels = { ...cortHinted.stepLabels };
    delete labels[Object.keys(labels)[1]];
    const { heldBack } = await filesOf('prm', [{ ...cortHinted, stepLabels: labels }]);
    expect(heldBack[0].reasons[0]).toMatch(/step 2 .* has no label before the first error/);
  });
});

describe('malformed traces are held back with the reason, never written', () => {
  // The gate's loss-mask stage stops a model-written output before any writer sees it.
  it.each(['verl-multiturn', 'trl', 'llamafactory-tools', 'openrlhf'] as const)('%s', async (format) => {
    const { heldBack, manifest } = await filesOf(format, [hallucinatedOutput]);
    expect(heldBack).toMatchObject([{ sampleId: 'cort-hallucinated', stage: 'loss-mask' }]);
    expect(heldBack[0].reasons.join(' ')).toMatch(/output block written by the model/);
    expect(manifest.counts.exported).toBe(0);
  });
});

describe('whole records written out by hand from the frameworks\' documentation', () => {
  // The ReTool reference trace: two calls, a success and an error, then the answer.
  const prompt = retoolSample.prompt;
  const tool = { type: 'function', function: { name: 'code_interpreter', description: 'A tool for executing code.', parameters: { type: 'object', properties: { code: { type: 'string', description: 'The Python code to execute.' } }, required: ['code'] } } };
  const call = (code: string) => [{ type: 'function', function: { name: 'code_interpreter', arguments: { code } } }];

  it('TRL (dataset_formats.md, Tool Calling): messages with tool_calls and role "tool", plus tools', async () => {
    const [record] = lines((await filesOf('trl', [retoolSample])).file('trl.jsonl'));
    expect(record).toEqual({
      messages: [
        { role: 'user', content: prompt },
        { role: 'assistant', content: '<think>\nLet me compute 3 factorial.\n\n', tool_calls: call('import math\nprint(math.factorial(3))') },
        { role: 'tool', name: 'code_interpreter', content: '6' },
        { role: 'assistant', content: 'The code returns 6. Now the error case:\n\n', tool_calls: call('print(1/0)') },
        { role: 'tool', name: 'code_interpreter', content: 'ZeroDivisionError: division by zero' },
        { role: 'assistant', content: 'So it is 6.\n\n<answer>\n\\boxed{6}\n</answer>' },
      ],
      tools: [tool],
    });
  });

  it('LLaMA-Factory (data/README.md, sharegpt with function_call / observation)', async () => {
    const [record] = lines((await filesOf('llamafactory-tools', [retoolSample])).file('llamafactory-tools.jsonl'));
    expect(record).toEqual({
      conversations: [
        { from: 'human', value: prompt },
        { from: 'function_call', value: '<think>\nLet me compute 3 factorial.\n\n<tool_call>{"name": "code_interpreter", "arguments": {"code": "import math\\nprint(math.factorial(3))"}}</tool_call>' },
        { from: 'observation', value: '6' },
        { from: 'function_call', value: 'The code returns 6. Now the error case:\n\n<tool_call>{"name": "code_interpreter", "arguments": {"code": "print(1/0)"}}</tool_call>' },
        { from: 'observation', value: 'ZeroDivisionError: division by zero' },
        { from: 'gpt', value: 'So it is 6.\n\n<answer>\n\\boxed{6}\n</answer>' },
      ],
      tools: '[{"name": "code_interpreter", "description": "A tool for executing code.", "parameters": {"type": "object", "properties": {"code": {"type": "string", "description": "The Python code to execute."}}, "required": ["code"]}}]',
    });
    const info = JSON.parse(decode((await filesOf('llamafactory-tools', [retoolSample])).file('dataset_info.json')));
    expect(info).toEqual({
      hint_studio_tools: {
        file_name: 'llamafactory-tools.jsonl',
        formatting: 'sharegpt',
        columns: { messages: 'conversations', tools: 'tools' },
        tags: { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt', observation_tag: 'observation', function_tag: 'function_call' },
      },
    });
  });

  it('axolotl (conversation.qmd, train_detail): inclusive end offsets around each <interpreter> block', async () => {
    const [record] = lines((await filesOf('axolotl', [retoolSample])).file('axolotl.jsonl'));
    const content = '<think>\n' + renderTrace(retoolSample.trace);
    const first = content.indexOf('\n\n<interpreter>');
    const firstEnd = content.indexOf('</interpreter>\n\n') + '</interpreter>\n\n'.length - 1;
    const second = content.indexOf('\n\n<interpreter>', firstEnd);
    const secondEnd = content.indexOf('</interpreter>\n\n', second) + '</interpreter>\n\n'.length - 1;
    expect(record.messages[1].train_detail).toEqual([
      { begin_offset: 0, end_offset: 7, train: false },
      { begin_offset: 8, end_offset: first - 1, train: true },
      { begin_offset: first, end_offset: firstEnd, train: false },
      { begin_offset: firstEnd + 1, end_offset: second - 1, train: true },
      { begin_offset: second, end_offset: secondEnd, train: false },
      { begin_offset: secondEnd + 1, end_offset: content.length - 1, train: true },
    ]);
  });

  it('TRL stepwise (dataset_formats.md): one boolean per completion', async () => {
    const [record] = lines((await filesOf('prm', [cortHinted])).file('prm.jsonl'));
    expect(record).toEqual({
      prompt: cortHinted.prompt,
      completions: [
        "Okay, let's try to solve this problem step by step using multiple python code calls.\nWe need 𝑥 with 𝑥^3 = 125.",
        'It looks tedious, and we can use python code to simplify the reasoning.',
        '```python\nimport sympy as sp\nx = sp.symbols("x")\nprint(sp.solve(x**3 - 125, x)[0])\n```\n```output\n5\n```',
        'So 𝑥 = 5.\n</think>',
      ],
      labels: [true, true, true, false],
    });
  });
});

describe('the tokenized export masks every profile\'s interpreter output', () => {
  it('labels -100 over ReTool\'s <interpreter> blocks, which CoRT\'s regex cannot see', async () => {
    const charTokenizer = { name: 'code points', encode: (t: string) => Array.from(t, (c) => c.codePointAt(0)!) };
    const { files } = await exportSamples([retoolSample], options('tokenized', { tokenizer: charTokenizer }));
    const [record] = lines(files[0].bytes);
    const trained = String.fromCodePoint(...record.input_ids.filter((_: number, i: number) => record.labels[i] !== -100));
    expect(trained).toBe(renderTrace(retoolSample.trace).replace(/\n\n<interpreter>\n[\s\S]*?\n<\/interpreter>\n\n/g, ''));
  });
});
