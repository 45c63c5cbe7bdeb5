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
  // rStar2's text holds a JSON line ({"name": ..., "arguments": ...}), which importFile's sniffing
  // takes for JSONL in a .txt (reported to the lead); it arrives through an inference file here.
  it.each(['retool', 'rstar2', 'simpletir'])('a %s trace is read with its own markers, byte for byte', async (id) => {
    const file =
      id === 'rstar2'
        ? (['gen.jsonl', bytes(JSON.stringify({ problem: 'p', prompt: 'p', gen: [textOf(id)] }) + '\n')] as const)
        : ([`${id}.txt`, bytes(textOf(id))] as const);
    const { samples } = await importFile(file[0], file[1], { now: NOW });
    const [sample] = samples;
    expect(sample.profile).toBe(id);
    expect(renderTrace(sample.trace)).toBe(textOf(id));
    const interpreter = reference[id].pieces.filter(([w]) => w === 'interpreter').length;
    expect(interpreterRanges(sample.trace, profileOfSample(sample))).toHaveLength(interpreter);
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
