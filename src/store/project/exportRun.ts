/**
 * The export's run wherever it happens — a worker in the browser (exportWorker.ts), this
 * thread in tests and Node — with the one function the CLI's export goes through too
 * (`exportStudioSamples` → core's `exportSamples`). A tokenizer chosen as files is built here,
 * once, and kept while its files stay the same (`key`), so re-planning the export after a
 * change of choices does not build it again.
 */
import type { ExportResult, TokenizerLike } from '../../core/export';
import type { Sample } from '../../core/sample/types';
import { tokenizerFromFiles } from '../../core/tokens';
import { errorText } from '../../core/util';
import { exportStudioSamples, type ExportChoices, type ExportTokenizerFiles, type ExportVerdicts } from './export';

// The files type lives with ExportChoices (export.ts), which this module builds on: no cycle.
export type { ExportTokenizerFiles };

/** One export, as the page hands it over: everything `exportStudioSamples` takes, the tokenizer as files. */
export interface ExportRunRequest {
  samples: readonly Sample[];
  choices: Omit<ExportChoices, 'tokenizer' | 'tokenizerFiles'>;
  tokenizerFiles?: ExportTokenizerFiles;
  verdicts: ExportVerdicts;
  settings: Record<string, unknown>;
}

/** Tokenizing progress: samples encoded of how many. */
export interface ExportProgress {
  done: number;
  total: number;
}

/** The export was stopped (the dialog's Cancel, its close, or newer choices). */
export class ExportCancelledError extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelledError';
  }
}

function parseJson(text: string, name: string): object {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${name} is not valid JSON (${errorText(err)})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${name} is not a JSON object`);
  return value;
}

/** Builds the tokenizer of the files with the loader `hint-studio export --tokenizer` uses. */
async function tokenizerOf(files: ExportTokenizerFiles): Promise<TokenizerLike> {
  // Read as File.text() reads a file: UTF-8, a BOM dropped, bad bytes replaced.
  const json = parseJson(new TextDecoder().decode(files.tokenizerJson), files.name);
  const config = files.tokenizerConfig === undefined ? {} : parseJson(files.tokenizerConfig, files.configName ?? 'tokenizer_config.json');
  try {
    return await tokenizerFromFiles(json, config, files.name);
  } catch (err) {
    throw new Error(`${files.name} could not be loaded as a tokenizer (${errorText(err)})`);
  }
}

export interface ExportRunner {
  /** Builds (or finds) the files' tokenizer; rejects with a sentence naming the file. */
  tokenizer(files: ExportTokenizerFiles): Promise<TokenizerLike>;
  /** The tokenizer built last, if it is of the files `key` names. */
  held(key: number): Promise<TokenizerLike> | undefined;
  /**
   * Writes the export with the tokenizer of `request.tokenizerFiles`, built by `tokenizer` first.
   * `onProgress` may throw (ExportCancelledError) to stop the run between two samples.
   */
  run(request: Omit<ExportRunRequest, 'tokenizerFiles'>, tokenizer: TokenizerLike | undefined, onProgress?: (progress: ExportProgress) => void): Promise<ExportResult>;
}

export function createExportRunner(): ExportRunner {
  // One tokenizer is kept: the dialog holds one choice of files at a time.
  let held: { key: number; tokenizer: Promise<TokenizerLike> } | null = null;
  return {
    tokenizer(files) {
      if (held?.key !== files.key) {
        const built = tokenizerOf(files);
        held = { key: files.key, tokenizer: built };
        built.catch(() => {
          if (held?.tokenizer === built) held = null;
        });
      }
      return held.tokenizer;
    },
    held: (key) => (held?.key === key ? held.tokenizer : undefined),
    async run(request, tokenizer, onProgress) {
      onProgress?.({ done: 0, total: 0 });
      return exportStudioSamples(
        request.samples,
        { ...request.choices, ...(tokenizer ? { tokenizer } : {}) },
        request.verdicts,
        request.settings,
        onProgress && ((done, total) => onProgress({ done, total })),
      );
    },
  };
}

/** The buffers of an export's files' bytes, each whole and once: handed over to the page rather than copied. */
export function transferables(result: ExportResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const file of result.files) {
    const { buffer, byteOffset, byteLength } = file.bytes;
    if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) buffers.add(buffer);
  }
  return [...buffers];
}
