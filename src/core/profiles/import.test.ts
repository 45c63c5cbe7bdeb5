/** Detection on import: the one place (makeImportedSample) that reads a new trace picks its profile. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../import';
import { renderTrace } from '../trace';
import { interpreterRanges } from './parse';
import { profileOfSample } from './registry';

type Piece = ['model' | 'interpreter', string];
const reference = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/reference.json'), 'utf8')) as Record<string, { pieces: Piece[] }>;
const textOf = (id: string) => reference[id].pieces.map(([, t]) => t).join('');
const bytes = (s: string) => new TextEncoder().encode(s);
const NOW = '2025-01-01T00:00:00.000Z';

describe('profile detection on import', () => {
  // rStar2's text holds its tool calls as JSON lines ({"name": ..., "arguments": ...}): still a pasted trace.
  it.each(['retool', 'rstar2', 'simpletir'])('a %s trace pasted as .txt is read with its own markers, byte for byte', async (id) => {
    const { samples } = await importFile(`${id}.txt`, bytes(textOf(id)), { now: NOW });
    const [sample] = samples;
    expect(sample.profile).toBe(id);
    expect(renderTrace(sample.trace)).toBe(textOf(id));
    const interpreter = reference[id].pieces.filter(([w]) => w === 'interpreter').length;
    expect(interpreterRanges(sample.trace, profileOfSample(sample))).toHaveLength(interpreter);
  });

  it('reads a chat trace pasted as .txt whose first line is a tool call in prose', async () => {
    const text = 'I will compute it.\n<tool_call>\n{"name": "code_interpreter", "arguments": {"code": "print(6*7)"}}\n</tool_call>\n<tool_response>\n42\n</tool_response>\nSo \\boxed{42}.';
    const { format, samples } = await importFile('chat.txt', bytes(text), { now: NOW });
    expect(format).toBe('pasted');
    expect(samples[0]!.profile).toBe('chat');
    expect(renderTrace(samples[0]!.trace)).toBe(text);
  });

  it('still reads a .txt whose first line is a JSON record as JSON lines', async () => {
    const line = JSON.stringify({ problem: 'p', prompt: 'p', gen: [textOf('rstar2')] });
    const { format, samples } = await importFile('gen.txt', bytes('\n' + line + '\n'), { now: NOW });
    expect(format).toBe('cort-inference');
    expect(samples[0]!.profile).toBe('rstar2');
  });

  it('keeps CoRT samples exactly as before: no profile field, the CoRT parse', async () => {
    const { samples } = await importFile('cort.txt', bytes(textOf('cort')), { now: NOW });
    expect(samples[0].profile).toBeUndefined();
    expect(samples[0].trace.segments.filter((s) => s.kind === 'output')).toHaveLength(3);
  });

  it('reads each generation of an inference file with its own markers', async () => {
    const line = { problem: 'p', gt_answer: '6', prompt: 'p', source: 's', gen: [textOf('retool'), textOf('cort')] };
    const { samples } = await importFile('gen.jsonl', bytes(JSON.stringify(line) + '\n'), { now: NOW });
    expect(samples.map((s) => s.profile ?? 'cort')).toEqual(['retool', 'cort']);
  });

  it('takes the profile a record names (the studio\'s own exports say which)', async () => {
    const line = { problem: 'p', prompt: 'p', gen: [textOf('torl')], profile: 'torl' };
    const { samples } = await importFile('torl.jsonl', bytes(JSON.stringify(line) + '\n'), { now: NOW });
    expect(samples[0].profile).toBe('torl');
    // ToRL's mask keeps the ```output the model generated: only "\n{obs}\n```\n" is the interpreter's.
    const [first] = interpreterRanges(samples[0].trace, profileOfSample(samples[0]));
    expect(renderTrace(samples[0].trace).slice(...first)).toBe('\n1024\n```\n');
  });
});
