import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTrace } from '../trace';
import { serializeProject } from '../project';
import { cortPrompt } from './cortPrompt';
import { verlParquetBytes } from './fixtures/verlParquet';
import { describeNote, describeReject, importFile, ImportFormatError } from './index';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);
const NOW = '2025-01-01T00:00:00.000Z';

describe('CoRT inference output', () => {
  it('makes one sample per generation whose trace renders back to the exact gen text', async () => {
    const result = await importFile('inference.jsonl', fixture('cort-inference.jsonl'), { now: NOW });
    const records = readFileSync(new URL('./fixtures/cort-inference.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"gen": ['))
      .map((l) => JSON.parse(l));
    expect(result.format).toBe('cort-inference');
    expect(result.samples).toHaveLength(4);
    const gens = records.flatMap((r) => r.gen as string[]);
    expect(result.samples.map((s) => s.original)).toEqual(gens);
    for (const sample of result.samples) expect(renderTrace(sample.trace)).toBe(sample.original);
    expect(result.samples.map((s) => [s.origin.line, s.origin.genIndex])).toEqual([[1, 0], [1, 1], [4, 0], [4, 1]]);
  });

  it('keeps the record without gen, narrowing per-generation stats to the sample', async () => {
    const { samples } = await importFile('inference.jsonl', fixture('cort-inference.jsonl'), { now: NOW });
    const second = samples[1];
    expect(second.record).not.toHaveProperty('gen');
    expect(second.record).toMatchObject({
      problem: second.problem,
      gt_answer: '5',
      source: 'math500',
      majority_answer: '5',
      gen_cumulative_logprob: -30.25,
      gen_cumulative_seq_len: 120,
    });
    expect(second).toMatchObject({ gtAnswer: '5', source: 'math500', status: 'draft', createdAt: NOW, updatedAt: NOW });
    expect(second.prompt).toBe(cortPrompt(second.problem));
  });

  it('rejects the malformed line with file, line, field and reason, and imports the rest', async () => {
    const { rejects } = await importFile('inference.jsonl', fixture('cort-inference.jsonl'));
    expect(rejects).toEqual([
      { file: 'inference.jsonl', line: 2, unit: 'line', field: 'gen', reason: 'expected an array of strings, got string' },
    ]);
    expect(describeReject(rejects[0])).toBe('inference.jsonl:2 gen: expected an array of strings, got string');
  });

  it('reports bad JSON, ill-typed fields and mismatched stats per line', async () => {
    const good = JSON.stringify({ problem: 'p', gen: ['a', 'b'] });
    const text = [
      good,
      '{"problem": "p2", "gen": ["a"',
      JSON.stringify({ problem: 3, gen: ['x'] }),
      JSON.stringify({ problem: 'p4', gen: ['x', 7] }),
      JSON.stringify({ problem: 'p5', gen: ['x'], gen_cumulative_logprob: [1, 2] }),
      JSON.stringify({ problem: 'p6' }),
      '[1, 2]',
      JSON.stringify({ problem: 'p8', gen: ['ok'] }),
    ].join('\n');
    const result = await importFile('mixed.jsonl', bytes(text));
    // Line 6 has no gen: it is a problem of its own, not a broken inference record.
    expect(result.samples.map((s) => s.problem)).toEqual(['p', 'p', 'p6', 'p8']);
    expect(result.rejects.map((r) => [r.line, r.field, r.reason])).toEqual([
      [2, undefined, expect.stringMatching(/^not valid JSON/)],
      [3, 'problem', 'expected a string, got number'],
      [4, 'gen[1]', 'expected a string, got number'],
      [5, 'gen_cumulative_logprob', 'has 2 entries but gen has 1'],
      [7, undefined, 'expected a JSON object'],
    ]);
  });

  it('tolerates a BOM and CRLF line ends without touching CRLF inside the generations', async () => {
    const gen = 'line one\r\n```python\r\nprint(1)\r\n```\r\n';
    const text = '\uFEFF' + JSON.stringify({ problem: 'p', gen: [gen] }) + '\r\n\r\n' + JSON.stringify({ problem: 'q', gen: ['x'] }) + '\r\n';
    const result = await importFile('crlf.jsonl', bytes(text));
    expect(result.rejects).toEqual([]);
    expect(result.samples.map((s) => s.original)).toEqual([gen, 'x']);
    expect(result.samples[1].origin.line).toBe(3);
  });

  it('gives the same ids when the same data is imported twice, even under another name', async () => {
    const a = await importFile('a.jsonl', fixture('cort-inference.jsonl'));
    const b = await importFile('renamed.jsonl', fixture('cort-inference.jsonl'));
    expect(b.samples.map((s) => s.id)).toEqual(a.samples.map((s) => s.id));
    expect(new Set(a.samples.map((s) => s.id)).size).toBe(4);
  });

  it('merges identical (prompt, response) pairs and reports them as merged duplicates, not as rejects', async () => {
    const line = JSON.stringify({ problem: 'p', gen: ['same', 'other', 'same'] });
    const result = await importFile('dup.jsonl', bytes(`${line}\n${line}\n`));
    expect(result.samples.map((s) => s.original)).toEqual(['same', 'other']);
    expect(result.rejects).toEqual([]);
    expect(result.notes).toEqual([
      { file: 'dup.jsonl', line: 1, unit: 'line', field: 'gen[2]', kind: 'duplicate', message: 'identical prompt and response to line 1 gen[0]; merged' },
      { file: 'dup.jsonl', line: 2, unit: 'line', field: 'gen[0]', kind: 'duplicate', message: 'identical prompt and response to line 1 gen[0]; merged' },
      { file: 'dup.jsonl', line: 2, unit: 'line', field: 'gen[1]', kind: 'duplicate', message: 'identical prompt and response to line 1 gen[1]; merged' },
      { file: 'dup.jsonl', line: 2, unit: 'line', field: 'gen[2]', kind: 'duplicate', message: 'identical prompt and response to line 1 gen[0]; merged' },
    ]);
    expect(describeNote(result.notes[0])).toBe('dup.jsonl:1 gen[2]: identical prompt and response to line 1 gen[0]; merged');
  });

  it('decides per record: a first record without gen does not turn an inference file into a problem file', async () => {
    const text = [
      JSON.stringify({ problem: 'only a problem', gt_answer: '1' }),
      JSON.stringify({ problem: 'q', gt_answer: '2', gen: ['a', 'b'], gen_cumulative_logprob: [-1, -2] }),
      JSON.stringify({ problem: 'r', gen: ['c'] }),
    ].join('\n');
    const result = await importFile('inference.jsonl', bytes(text));
    expect(result.format).toBe('cort-inference');
    expect(result.rejects).toEqual([]);
    expect(result.samples.map((s) => [s.problem, s.origin.format, s.origin.genIndex, s.original])).toEqual([
      ['only a problem', 'cort-problems', undefined, ''],
      ['q', 'cort-inference', 0, 'a'],
      ['q', 'cort-inference', 1, 'b'],
      ['r', 'cort-inference', 0, 'c'],
    ]);
  });
});

describe('CoRT problem files', () => {
  it('makes one draft sample per problem with an empty trace, building a missing prompt', async () => {
    const result = await importFile('problems.jsonl', fixture('cort-problems.jsonl'));
    expect(result.format).toBe('cort-problems');
    expect(result.rejects).toEqual([]);
    expect(result.samples.map((s) => [s.source, s.gtAnswer, s.original, s.trace.segments.length, s.status])).toEqual([
      ['math500', '5', '', 0, 'draft'],
      ['amc23', '2', '', 0, 'draft'],
      ['aime24', '8', '', 0, 'draft'],
    ]);
    expect(result.samples[1].prompt).toBe(cortPrompt('What is $2^{10} \\bmod 7$?'));
    expect(result.samples[1].record).toEqual({ problem: 'What is $2^{10} \\bmod 7$?', gt_answer: '2', source: 'amc23' });
  });

  it('imports the generations of a record inside a problem file rather than dropping or rejecting them', async () => {
    const text = [JSON.stringify({ problem: 'p' }), JSON.stringify({ problem: 'q', gen: ['x'] })].join('\n');
    const result = await importFile('p.jsonl', bytes(text));
    expect(result.rejects).toEqual([]);
    expect(result.samples.map((s) => [s.problem, s.original])).toEqual([
      ['p', ''],
      ['q', 'x'],
    ]);
  });
});

describe('verl RL parquet', () => {
  it('reads gzip pages, takes the last user turn as prompt and rejects a row without one', async () => {
    const result = await importFile('train.parquet', verlParquetBytes());
    expect(result.format).toBe('verl-parquet');
    expect(result.samples.map((s) => [s.problem, s.gtAnswer, s.source, s.origin.line])).toEqual([
      ['Find $1+1$.', '2', 'aime24', 0],
      ['Find $2+3$.', '5', 'amc23', 1],
    ]);
    expect(result.samples[0].prompt).toBe(cortPrompt('Find $1+1$.'));
    expect(result.rejects).toEqual([
      { file: 'train.parquet', line: 2, unit: 'row', field: 'prompt', reason: 'has no message with role "user"' },
    ]);
    expect(describeReject(result.rejects[0])).toBe('train.parquet row 2 prompt: has no message with role "user"');
  });

  it('keeps every column in the record as plain JSON (INT64 becomes a number)', async () => {
    const { samples } = await importFile('train.parquet', verlParquetBytes(undefined, 'SNAPPY'));
    expect(samples[1].record).toEqual({
      data_source: 'amc23',
      prompt: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Find $2+3$.' },
      ],
      ability: 'math',
      reward_model: { style: 'rule', ground_truth: '5' },
      extra_info: { split: 'test', index: 1 },
    });
    expect(() => JSON.stringify(samples)).not.toThrow();
  });

  it('recognises parquet by content, and fails clearly on a truncated file', async () => {
    const good = verlParquetBytes();
    expect((await importFile('no-extension', good)).format).toBe('verl-parquet');
    const broken = new Uint8Array([...good.subarray(0, 40), ...good.subarray(good.length - 12)]);
    await expect(importFile('broken.parquet', broken)).rejects.toThrow(ImportFormatError);
  });
});

describe('format detection', () => {
  it('reads a project file whatever its name', async () => {
    const { samples } = await importFile('problems.jsonl', fixture('cort-problems.jsonl'));
    const result = await importFile('backup.txt', bytes(serializeProject(samples)));
    expect(result.format).toBe('project');
    expect(result.samples).toEqual(samples);
  });

  it('treats a non-data text file as a pasted trace', async () => {
    const text = '<think>\nLet me compute {x} first.\n</think>\n\\boxed{1}';
    const result = await importFile('trace.txt', bytes(text));
    expect(result.format).toBe('pasted');
    expect(result.samples[0].original).toBe('Let me compute {x} first.\n</think>\n\\boxed{1}');
    expect(result.samples[0].origin).toEqual({ format: 'pasted', file: 'trace.txt' });
  });

  it('names the keys when a JSONL file is not CoRT data, and the first error when nothing parses', async () => {
    await expect(importFile('other.jsonl', bytes('{"question": "q", "answer": 1}\n'))).rejects.toThrow(
      'other.jsonl: not a CoRT file: line 1 has neither "problem" nor "gen" (keys: question, answer)',
    );
    await expect(importFile('bad.jsonl', bytes('not json\n'))).rejects.toThrow(/bad\.jsonl: no JSON records found \(line 1: not valid JSON/);
  });
});
