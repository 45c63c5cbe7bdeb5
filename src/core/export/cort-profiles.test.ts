/**
 * CoRT JSONL carries the trace profile: every record names it (`trace_profile`), its
 * `output_spans` are the profile's mask (ToRL trains the ```output its model wrote), the Python
 * reader checks them against each harness's markers, and re-import gives back the profile.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTrace } from '../trace';
import { importFile } from '../import';
import { getProfile, interpreterRanges, parseWithProfile } from '../profiles';
import { exportSamples } from './index';
import { CodePointIndex } from './offsets';
import { approved, cortHinted, retoolSample, rstar2Sample, simpletirSample } from './testing/profileSamples';

type Piece = ['model' | 'interpreter', string];
const reference = JSON.parse(readFileSync(join(import.meta.dirname, '../profiles/fixtures/reference.json'), 'utf8')) as Record<string, { pieces: Piece[] }>;
const torlText = reference.torl!.pieces.map(([, t]) => t).join('');
const torlSample = approved({ ...retoolSample, id: 'torl-ref', profile: 'torl', original: torlText, trace: parseWithProfile(torlText, getProfile('torl')) });
const SAMPLES = [cortHinted, retoolSample, rstar2Sample, simpletirSample, torlSample];

async function exported() {
  return exportSamples(SAMPLES, { format: 'cort', include: 'all', studioVersion: 't', exportedAt: '2025-06-01T00:00:00.000Z' });
}

describe('CoRT JSONL of every trace profile', () => {
  it("names each record's trace profile and semantics, and masks each as its harness does", async () => {
    const { files, manifest } = await exported();
    const records = new TextDecoder().decode(files[0]!.bytes).trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.sample_id, r.trace_profile, r.execution_profile])).toEqual([
      ['cort-hinted', 'cort', 'cort'],
      ['retool-ref', 'retool', 'fresh'],
      ['rstar2-ref', 'rstar2', 'fresh'],
      ['simpletir-ref', 'simpletir', 'fresh'],
      ['torl-ref', 'torl', 'fresh'],
    ]);
    for (const [i, sample] of SAMPLES.entries()) {
      const response = renderTrace(sample.trace);
      const index = new CodePointIndex(response);
      const expected = interpreterRanges(sample.trace, getProfile(sample.profile ?? 'cort')).map(([s, e]) => ({ start: index.toCodePoint(s), end: index.toCodePoint(e) }));
      expect(records[i].output_spans, sample.id).toEqual(expected);
    }
    // ToRL: the mask starts after the ```output the model generated.
    const torl = records[4];
    expect(torl.response.slice(torl.output_spans[0].start - '```output'.length, torl.output_spans[0].end)).toBe('```output\n1024\n```\n');
    expect(manifest.traceSemantics).toEqual({ cort: 'cort', retool: 'fresh', rstar2: 'fresh', simpletir: 'fresh', torl: 'fresh' });
  });

  it("meet the definition as the Python reader checks it, each span in its harness's markers", async () => {
    const { files } = await exported();
    const dir = mkdtempSync(join(tmpdir(), 'hs-cort-profiles-'));
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    const script = join(import.meta.dirname, '../../../scripts/reference/check_cort_export.py');
    const found = JSON.parse(execFileSync('python3', [script, dir], { encoding: 'utf8' })) as { problems: string[]; records: unknown[] };
    expect(found.problems).toEqual([]);
    expect(found.records).toHaveLength(SAMPLES.length);
  });

  it('come back with their profile on re-import, byte for byte', async () => {
    const { files } = await exported();
    const { samples } = await importFile('cort.jsonl', files[0]!.bytes, { now: '2025-06-02T00:00:00.000Z' });
    expect(samples.map((s) => s.profile ?? 'cort')).toEqual(['cort', 'retool', 'rstar2', 'simpletir', 'torl']);
    for (const [i, sample] of samples.entries()) {
      expect(renderTrace(sample.trace)).toBe(renderTrace(SAMPLES[i]!.trace));
      expect(sample.trace.segments.map((s) => [s.kind, s.closed ?? null])).toEqual(SAMPLES[i]!.trace.segments.map((s) => [s.kind, s.closed ?? null]));
    }
  });
});
