import { describe, expect, it } from 'vitest';
import { importPastedTrace } from '../import/pasted';
import type { Sample } from '../sample/types';
import { mergeSamples, parseProject, serializeProject } from './index';

const T0 = '2025-01-01T00:00:00.000Z';
const sample = (text: string) => importPastedTrace(text, { problem: `problem of ${text}`, now: T0 });
const edited = (s: Sample, at: string, status: Sample['status'] = 'approved'): Sample => ({ ...s, status, updatedAt: at });

describe('project file', () => {
  it('round-trips samples and extra fields', () => {
    const samples = [sample('a\n</think>\n\\boxed{1}'), sample('b')];
    const text = serializeProject(samples, { settings: { model: 'r1' } }, T0);
    expect(text.startsWith('{\n  "format": "hint-studio-project",\n  "version": 1,\n  "exportedAt": "2025-01-01')).toBe(true);
    expect(parseProject(text, 'p.json')).toEqual({ exportedAt: T0, samples, rejects: [], notes: [], extras: { settings: { model: 'r1' } } });
  });

  it('rejects a bad sample alone, naming the field', () => {
    const good = sample('a');
    const bad = { ...sample('b'), trace: { segments: [{ id: 's0', kind: 'poem', text: 'x', origin: 'imported' }] } };
    const noStatus: Partial<Sample> = { ...sample('c') };
    delete noStatus.status;
    const text = JSON.stringify({ format: 'hint-studio-project', version: 1, exportedAt: T0, samples: [good, bad, noStatus, good] });
    const parsed = parseProject(text, 'p.json');
    expect(parsed.samples).toEqual([good]);
    expect(parsed.rejects).toEqual([
      {
        file: 'p.json',
        line: 2,
        unit: 'sample',
        field: 'samples[1].trace.segments[0].kind',
        reason: 'must be equal to one of the allowed values: prose, code, output, think-end, answer',
      },
      { file: 'p.json', line: 3, unit: 'sample', field: 'samples[2].status', reason: 'missing' },
      { file: 'p.json', line: 4, unit: 'sample', field: 'samples[3].id', reason: `duplicate of sample 1 (${good.id})` },
    ]);
  });

  it("loads a sample whose origin is a Hint Studio CoRT export (SourceFormat 'cort-export')", () => {
    const reimported: Sample = { ...sample('a\n</think>\n\\boxed{1}'), origin: { format: 'cort-export', file: 'cort.jsonl', line: 3 } };
    const parsed = parseProject(serializeProject([reimported], {}, T0), 'p.json');
    expect(parsed.rejects).toEqual([]);
    expect(parsed.samples).toEqual([reimported]);
  });

  it('refuses a broken envelope with a message naming the field', () => {
    expect(() => parseProject('{"format": "other"}', 'x.json')).toThrow('x.json: format: expected "hint-studio-project"');
    expect(() => parseProject('{"format": "hint-studio-project", "version": 2, "samples": []}', 'x.json')).toThrow(
      'x.json: version: expected 1, got 2 (written by a newer Hint Studio)',
    );
    expect(() => parseProject('{"format": "hint-studio-project", "version": 1}', 'x.json')).toThrow('x.json: samples: expected an array');
    expect(() => parseProject('{', 'x.json')).toThrow(/^x\.json: not valid JSON/);
  });
});

describe('mergeSamples', () => {
  const a = sample('a');
  const b = sample('b');
  const c = sample('c');

  it('adds new samples and keeps identical ones without duplicating', () => {
    const result = mergeSamples([a, b], [b, c, c]);
    expect(result.samples.map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    expect(result).toMatchObject({ added: [c.id], kept: [b.id], updated: [] });
  });

  it('never lets a fresh re-import clobber an edit, however recent the import', () => {
    const mine = edited(a, '2025-02-01T00:00:00.000Z');
    const reimported = { ...a, createdAt: '2025-03-01T00:00:00.000Z', updatedAt: '2025-03-01T00:00:00.000Z' };
    const result = mergeSamples([mine], [reimported]);
    expect(result.samples).toEqual([mine]);
    expect(result.kept).toEqual([a.id]);
  });

  it('takes the newer edit and keeps an existing newer edit over an older incoming one', () => {
    const older = edited(a, '2025-02-01T00:00:00.000Z', 'ready');
    const newer = edited(a, '2025-02-02T00:00:00.000Z', 'approved');
    expect(mergeSamples([older], [newer])).toMatchObject({ samples: [newer], updated: [a.id], kept: [] });
    expect(mergeSamples([newer], [older])).toMatchObject({ samples: [newer], updated: [], kept: [a.id] });
  });

  it('takes an edited backup over an unedited copy imported later', () => {
    const fresh = { ...a, createdAt: '2025-05-01T00:00:00.000Z', updatedAt: '2025-05-01T00:00:00.000Z' };
    const backup = edited(a, '2025-02-01T00:00:00.000Z');
    expect(mergeSamples([fresh], [backup])).toMatchObject({ samples: [backup], updated: [a.id] });
  });
});
