import { describe, expect, it } from 'vitest';
import { BUILT_IN_HINTS, type Hint } from '../../core/hints';
import { parseProject } from '../../core/project';
import { crlfSample, draftSample, hintedSample } from '../../core/export/testing/samples';
import type { Sample } from '../../core/sample/types';
import type { ReviewedSample } from '../../core/review';
import { backupDocument, backupFileName, planExtrasRestore, restoreFromBackup } from './backup';

const T = '2025-06-01T12:00:00.000Z';
const byId = (samples: Sample[]) => Object.fromEntries(samples.map((s) => [s.id, s]));
const edited = (s: Sample, at: string, patch: Partial<Sample> = {}): Sample => ({ ...s, ...patch, updatedAt: at });
const customHint: Hint = { id: 'check-units', key: '4', name: 'Check units', type: 'custom', text: 'Let us check the units.', opensCodeBlock: false };

describe('project backup', () => {
  it('carries samples with review data, settings without API keys, and the hint library', () => {
    const reviewed: ReviewedSample = {
      ...hintedSample,
      comments: [{ id: 'c1', by: 'ana', at: T, stepAnchor: { segmentId: 'p1', offset: 3 }, text: 'why?', resolved: false }],
      history: [{ type: 'hint', by: 'ana', at: T, detail: 'hint-1 at offset 90' }],
    };
    const settings = { reviewerName: 'ana', endpoints: [{ id: 'e', name: 'vLLM', apiKey: 'sk-secret-123456' }] };
    const text = backupDocument(byId([reviewed, crlfSample]), { settings, hintLibrary: [...BUILT_IN_HINTS, customHint] }, T);
    expect(text).not.toContain('sk-secret');
    const parsed = parseProject(text, 'b.json');
    expect(parsed.samples).toEqual([crlfSample, reviewed]);
    expect(parsed.extras.settings).toEqual({ reviewerName: 'ana', endpoints: [{ id: 'e', name: 'vLLM' }] });
    expect(parsed.extras.hintLibrary).toContainEqual(customHint);
    expect(backupFileName(T)).toBe('hint-studio-backup-2025-06-01T12-00-00Z.json');
  });

  it('restores into an empty studio: every sample added', () => {
    const text = backupDocument(byId([hintedSample, crlfSample]), {}, T);
    const { samples, report, changedIds } = restoreFromBackup(text, 'b.json', {});
    expect(Object.keys(samples).sort()).toEqual(['sample-crlf', 'sample-hinted']);
    expect(changedIds.sort()).toEqual(['sample-crlf', 'sample-hinted']);
    expect(report.rows.map((r) => r.outcome)).toEqual(['added', 'added']);
    expect(report.backupTakenAt).toBe(T);
  });

  it('merges without clobbering a newer edit, takes newer edits from the backup, and says which', () => {
    const mineNewer = edited(hintedSample, '2025-07-01T00:00:00.000Z', { status: 'rejected' });
    const mineOlder = edited(crlfSample, '2025-06-02T00:00:00.000Z', { status: 'ready' });
    const backup = byId([
      edited(hintedSample, '2025-06-15T00:00:00.000Z', { status: 'approved' }),
      edited(crlfSample, '2025-06-20T00:00:00.000Z', { status: 'approved' }),
      draftSample,
    ]);
    const here = byId([mineNewer, mineOlder]);
    const { samples, report, changedIds } = restoreFromBackup(backupDocument(backup, {}, T), 'b.json', here);

    expect(samples['sample-hinted']).toBe(mineNewer);
    expect(samples['sample-crlf'].status).toBe('approved');
    expect(samples['sample-draft']).toEqual(draftSample);
    expect(changedIds.sort()).toEqual(['sample-crlf', 'sample-draft']);
    const row = (id: string) => report.rows.find((r) => r.sampleId === id)!;
    expect(row('sample-hinted')).toMatchObject({ outcome: 'kept', detail: expect.stringContaining("kept this studio's newer edit") });
    expect(row('sample-crlf')).toMatchObject({ outcome: 'updated', detail: expect.stringContaining("took the backup's newer edit") });
    expect(row('sample-draft')).toMatchObject({ outcome: 'added' });
  });

  it('merges an unedited copy of a sample held here under another id (same prompt and response), and says so', () => {
    const here = { ...draftSample, createdAt: T, updatedAt: T };
    // The same generation imported elsewhere at another index: another id, the same training example.
    const twin = { ...here, id: 'other-id', origin: { ...here.origin, genIndex: 4 } };
    const { samples, report } = restoreFromBackup(backupDocument(byId([twin]), {}, T), 'b.json', byId([here]));
    expect(Object.keys(samples)).toEqual([here.id]);
    expect(report.rows).toEqual([{ sampleId: 'other-id', problem: here.problem, outcome: 'kept', detail: `identical prompt and response to ${here.id} here; merged` }]);
  });

  it('refuses a file that is not a backup, naming the problem', () => {
    expect(() => restoreFromBackup('{"problem": "x"}', 'cort.jsonl', {})).toThrow('cort.jsonl: format: expected "hint-studio-project"');
  });
});

describe('restoring settings and hints', () => {
  const backupSettings = { reviewerName: 'ana', endpoints: [{ id: 'e', name: 'vLLM' }] };

  it('a fresh studio adopts the backup settings; a set-up studio keeps its own', () => {
    const fresh = planExtrasRestore({ settings: backupSettings }, { settings: { endpoints: [], reviewerName: '' } });
    expect(fresh.settings).toEqual(backupSettings);
    expect(fresh.notes[0]).toMatch(/API keys/);
    const setUp = planExtrasRestore({ settings: backupSettings }, { settings: { endpoints: [{}], reviewerName: '' } });
    expect(setUp.settings).toBeUndefined();
    expect(setUp.notes).toEqual(["Kept this studio's settings (the backup's were not applied)."]);
  });

  it('says nothing when the backup holds the settings this studio already has', () => {
    expect(planExtrasRestore({ settings: backupSettings }, { settings: backupSettings })).toEqual({ hints: [], notes: [] });
  });

  it('adds custom hints this studio does not have, never built-ins', () => {
    const plan = planExtrasRestore({ hintLibrary: [...BUILT_IN_HINTS, customHint] }, { hintLibrary: BUILT_IN_HINTS });
    expect(plan.hints).toEqual([customHint]);
    expect(planExtrasRestore({ hintLibrary: [customHint] }, { hintLibrary: [customHint] }).hints).toEqual([]);
  });
});
