/**
 * Hostile input on import (issue 13, items 6 and 10): a record nested 10⁵ deep, oversized
 * unknown fields, gzip, UTF-16, a truncated parquet, a big-integer gt_answer.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject } from '../project';
import { verlParquetBytes } from './fixtures/verlParquet';
import { describeNote, importFile } from './index';
import { gunzip } from './decode';
import { approvalState, transition, type ReviewedSample } from '../review';
import { topLevelNumberText } from './jsonl';

const bytes = (text: string) => new TextEncoder().encode(text);
const GEN = 'We add.\n```python\nprint(1+1)\n```\n```output\n2\n```\n</think>\\boxed{2}';
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
/** A CoRT inference line with extra raw JSON spliced in as further fields. */
const lineWith = (extra: string, problem = 'What is 1+1?') => `{"problem": ${JSON.stringify(problem)}, "gt_answer": "2", "gen": [${JSON.stringify(GEN)}]${extra}}`;

describe('a record nested 10⁵ deep', () => {
  it('imports with the deep field dropped and noted, so the samples can be stored and written', async () => {
    const text = [lineWith(`, "record": ${deep(100_000)}, "level": "Level 5"`), lineWith('', 'What is 2+2?')].join('\n');
    const result = await importFile('hostile.jsonl', bytes(text));
    expect(result.rejects).toEqual([]);
    expect(result.samples.map((s) => s.problem)).toEqual(['What is 1+1?', 'What is 2+2?']);
    // Small unknown fields stay; the deep one is gone.
    expect(result.samples[0].record).toEqual({ problem: 'What is 1+1?', gt_answer: '2', level: 'Level 5' });
    expect(result.notes).toEqual([
      {
        file: 'hostile.jsonl',
        line: 1,
        unit: 'line',
        field: 'record',
        kind: 'field-dropped',
        message: 'dropped: nested more than 64 levels deep (the studio keeps unknown fields up to that depth)',
      },
    ]);
    expect(describeNote(result.notes[0])).toMatch(/^hostile\.jsonl:1 record: dropped: nested more than 64 levels/);
    // What IndexedDB (structured clone) and a project file (JSON.stringify) do with every sample.
    expect(() => structuredClone(result.samples)).not.toThrow();
    expect(() => serializeProject(result.samples)).not.toThrow();
  });

  it('drops an unknown field larger than the limit, and keeps a large generation', async () => {
    const huge = 'x'.repeat(1_200_000);
    const big = await importFile('big.jsonl', bytes(`{"problem": "p", "gen": [${JSON.stringify(huge)}], "blob": ${JSON.stringify(huge)}, "meta": {"k": [${'1,'.repeat(600_000)}1]}}`));
    expect(big.samples[0].original).toBe(huge);
    expect(big.samples[0].record).toEqual({ problem: 'p' });
    expect(big.notes.map((n) => [n.field, n.message])).toEqual([
      ['blob', expect.stringMatching(/^dropped: larger than 1,000,000 characters/)],
      ['meta', expect.stringMatching(/^dropped: larger than 1,000,000 characters/)],
    ]);
  });

  it('in a project file: a deep extra field or record field is dropped and noted; a deep trace rejects that sample alone', async () => {
    const { samples } = await importFile('a.jsonl', bytes([lineWith(''), lineWith('', 'q2')].join('\n')));
    // Written by hand: no JS value nested this deep could be stringified.
    const [first, second] = samples.map((x) => JSON.stringify(x));
    const s0 = `{"extra": ${deep(100_000)}, ` + first.slice(1).replace('"record":{', `"record":{"nested": ${deep(100_000)}, `);
    const s1 = second.replace('"segments":[{', `"segments":[{"meta": {"x": ${deep(100_000)}}, `);
    const hostile = `{"format": "hint-studio-project", "version": 1, "exportedAt": "2025-01-01T00:00:00.000Z", "samples": [${s0}, ${s1}]}`;
    const doc = { samples };
    const parsed = parseProject(hostile, 'backup.json');
    expect(parsed.samples).toEqual([doc.samples[0]]);
    expect(parsed.notes.map((n) => n.field)).toEqual(['samples[0].extra', 'samples[0].record.nested']);
    expect(parsed.rejects).toEqual([{ file: 'backup.json', line: 2, unit: 'sample', field: 'samples[1]', reason: 'nested more than 128 levels deep' }]);
    expect(() => structuredClone(parsed.samples)).not.toThrow();
  });
});

describe('a large project sample', () => {
  it('keeps its approval, history and record fields the studio wrote, however long the trace', async () => {
    const long = 'We add. '.repeat(200_000) + '\n</think>\\boxed{2}';
    const { samples } = await importFile('long.jsonl', bytes(`{"problem": "p", "gen": [${JSON.stringify(long)}]}`));
    const ready = transitionOrThrow(samples[0], 'ready');
    const approved = transitionOrThrow(ready, 'approved');
    const parsed = parseProject(serializeProject([approved]), 'backup.json');
    expect(parsed.notes).toEqual([]);
    expect(approvalState(parsed.samples[0]).status).toBe('approved');
  });
});

function transitionOrThrow(sample: ReviewedSample, to: 'ready' | 'approved'): ReviewedSample {
  const next = transition(sample, to, { reviewer: 'ada', now: '2025-01-02T00:00:00.000Z', checks: [] });
  if ('error' in next) throw new Error(next.error);
  return next;
}

describe('encodings and containers', () => {
  const jsonl = [lineWith(''), lineWith('', 'Ünïcode 𝑥 problem')].join('\n') + '\n';

  it('reads .gz input as gzip (one member or several), naming the origin after the file given', async () => {
    const plain = await importFile('data.jsonl', bytes(jsonl));
    const gz = await importFile('data.jsonl.gz', gzipSync(bytes(jsonl)));
    expect(gz.format).toBe('cort-inference');
    expect(gz.samples.map((s) => s.id)).toEqual(plain.samples.map((s) => s.id));
    expect(gz.samples[0].origin).toMatchObject({ file: 'data.jsonl.gz', line: 1, genIndex: 0 });
    const [first, second] = jsonl.trimEnd().split('\n');
    const twoMembers = Buffer.concat([gzipSync(first + '\n'), gzipSync(second + '\n')]);
    expect((await importFile('two.gz', twoMembers)).samples).toHaveLength(2);
    // A gzipped parquet is parquet inside.
    expect((await importFile('rl.parquet.gz', gzipSync(verlParquetBytes()))).format).toBe('verl-parquet');
  });

  it('says a truncated gzip is truncated, and stops inflating a gzip bomb at the limit', async () => {
    const gz = gzipSync(bytes(jsonl));
    await expect(importFile('cut.jsonl.gz', gz.subarray(0, gz.length - 12))).rejects.toThrow(/^cut\.jsonl\.gz: truncated or invalid gzip file/);
    const bomb = gzipSync(Buffer.alloc(8 * 2 ** 20));
    await expect(gunzip('bomb.gz', bomb, 2 ** 20)).rejects.toThrow('bomb.gz: gzip file inflates to more than 1 MiB; split it into smaller files');
  });

  it('decodes UTF-16 with a byte-order mark (either order) and without one', async () => {
    const plain = await importFile('data.jsonl', bytes(jsonl));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(jsonl, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    const noBom = Buffer.from(jsonl, 'utf16le');
    for (const [name, data] of [['le.jsonl', le], ['be.jsonl', be], ['nobom.jsonl', noBom]] as const) {
      const result = await importFile(name, new Uint8Array(data));
      expect(result.rejects, name).toEqual([]);
      expect(result.samples.map((s) => [s.id, s.problem]), name).toEqual(plain.samples.map((s) => [s.id, s.problem]));
    }
  });

  it('refuses a binary file clearly instead of calling it bad JSON', async () => {
    await expect(importFile('data.jsonl', new Uint8Array([0x7b, 0x00, 0x01, 0x02, 0x00, 0x00, 0xff, 0x00, 0x10, 0x00]))).rejects.toThrow(
      'data.jsonl: not a text file (it holds NUL bytes)',
    );
  });

  it('reports a truncated parquet as truncated parquet, never as "not valid JSON"', async () => {
    const good = verlParquetBytes();
    for (const cut of [good.subarray(0, 200), good.subarray(0, good.length - 1), good.subarray(0, 6)]) {
      await expect(importFile('rl.parquet', cut)).rejects.toThrow(/^rl\.parquet: truncated or invalid parquet: the file \(\d+ bytes\) does not end with the parquet marker PAR1/);
      await expect(importFile('no-extension', cut)).rejects.toThrow(/truncated or invalid parquet/);
    }
    await expect(importFile('rl.parquet', bytes('{"problem": "p"}'))).rejects.toThrow(/truncated or invalid parquet: the file does not start with the parquet marker/);
    const corrupt = new Uint8Array([...good.subarray(0, 40), ...good.subarray(good.length - 12)]);
    await expect(importFile('broken.parquet', corrupt)).rejects.toThrow(/^broken\.parquet: truncated or invalid parquet: /);
  });
});

describe('a big-integer gt_answer', () => {
  it('keeps every digit (as text), where JSON.parse alone would round it', async () => {
    const text = [
      '{"problem": "p", "gt_answer": 123456789012345678901234567890, "gen": ["\\\\boxed{123456789012345678901234567890}"]}',
      '{"problem": "q", "gt_answer": 9007199254740993}',
      '{"problem": "r", "gt_answer": 125}',
      '{"problem": "s", "gt_answer": 0.1}',
      '{"problem": "t", "gt_answer": 3.14159265358979323846}',
    ].join('\n');
    expect(String(JSON.parse('{"a": 123456789012345678901234567890}').a)).toBe('1.2345678901234568e+29');
    const result = await importFile('answers.jsonl', bytes(text));
    expect(result.samples.map((s) => s.gtAnswer)).toEqual(['123456789012345678901234567890', '9007199254740993', '125', '0.1', '3.14159265358979323846']);
    expect(result.samples[0].record.gt_answer).toBe('123456789012345678901234567890');
    // Exact numbers keep their JSON type.
    expect(result.samples[2].record.gt_answer).toBe(125);
    expect(result.notes.map((n) => [n.line, n.field, n.kind])).toEqual([
      [1, 'gt_answer', 'number-as-text'],
      [2, 'gt_answer', 'number-as-text'],
      [5, 'gt_answer', 'number-as-text'],
    ]);
  });
});

describe('topLevelNumberText', () => {
  it('finds the number of a top-level key only, past strings with quotes and brackets and deep nesting', () => {
    const raw = `{"a": "x\\"}{[\\\\", "b": {"gt_answer": 1}, "deep": ${deep(50_000)}, "gt_answer" : -12345678901234567890.50, "c": 2}`;
    expect(topLevelNumberText(raw, 'gt_answer')).toBe('-12345678901234567890.50');
    expect(topLevelNumberText('{"b": {"gt_answer": 1}}', 'gt_answer')).toBeUndefined();
    expect(topLevelNumberText('{"gt_answer": "12"}', 'gt_answer')).toBeUndefined();
    expect(topLevelNumberText('{"gt\\u005fanswer": 7}', 'gt_answer')).toBe('7');
  });
});
