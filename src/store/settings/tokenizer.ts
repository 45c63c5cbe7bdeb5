/**
 * Which tokenizer counts tokens. CoRT caps a response at 32,768 tokens of the model's own
 * vocabulary, so a count is exact only with the model's tokenizer.json; until the annotator
 * loads one, the bundled Qwen3 tokenizer gives estimates (and the UI says so).
 *
 * The model tokenizer is kept as text in the local settings database (localSettings.ts) under
 * a key of its own: tokenizer.json runs to ~10 MB, so it must not ride along with every
 * settings save, and like the settings it never travels with backups or exports.
 */
import { countsOnThisThread, ESTIMATE_TOKENIZER_ID, loadQwenEstimate, modelTokenizerId, tokenCounterOf, type TokenCounter, type TokenCounts, type TokenizerSource } from '../../core/tokens';
import type { ChecksCache } from '../checks/state';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import type { StudioDeps } from '../deps';
import type { ModelTokenizerInfo, TokenCountingState } from './state';
import { createTextCounts } from './textCounts';
import { errorText } from '../../core/util';
import { orOnPage, WorkerUnavailableError } from '../workers/client';

export type { ModelTokenizerInfo, TokenCountingState } from './state';

import { counterFromFiles, describe, readTokenizerFiles, type TokenizerFileText } from './tokenizerFiles';

export { readTokenizerFiles, type TokenizerFileText } from './tokenizerFiles';

/** The local-database record: the files' text, parsed again on every start. */
export interface StoredModelTokenizer extends ModelTokenizerInfo {
  tokenizerJson: string;
  tokenizerConfig?: string;
}

export const MODEL_TOKENIZER_KEY = 'modelTokenizer';

/**
 * The id of the tokenizer chosen (a small record beside the ~10 MB files): read at start, so a
 * reload knows which counted checks are its own before the tokenizer is built (seconds). Null
 * or absent: not known, computed from MODEL_TOKENIZER_KEY once.
 */
export const TOKENIZER_CHOICE_KEY = 'tokenizerChoice';

/**
 * The checks cache keeps the token counts it was computed with (`counted`); marking every
 * entry uncounted makes the next check of a sample on screen count again with the new counter.
 */
function forgetCheckTokenCounts(checks: ChecksCache): ChecksCache {
  const next: ChecksCache = {};
  for (const [id, entry] of Object.entries(checks)) next[id] = entry.counted ? { ...entry, counted: false } : entry;
  return next;
}

export interface TokenizerService {
  /** Loads the counter on first use: the saved model tokenizer if there is one, else the Qwen estimate. */
  ensureTokenCounter(): Promise<TokenCounter>;
  /**
   * Loads the library's counts on first use, of the same tokenizer, off the page's thread when
   * the studio has a worker for it (`deps.tokenCountsOffThread`), else from `ensureTokenCounter`.
   */
  ensureTokenCounts(): Promise<TokenCounts>;
  /** Counts texts for the views with the library's counts (off the page's thread in the browser). */
  countTexts(texts: readonly string[]): Promise<number[]>;
  /** A text's count by the counts in use now, when `countTexts` counted it already. */
  cachedCount(text: string): number | undefined;
  /** Reads which tokenizer Settings chose (`tokenCounting.chosen`), without loading it; never rejects. */
  expectTokenizer(): Promise<void>;
}

/** The source a stored model tokenizer describes. */
const sourceOf = (stored: StoredModelTokenizer): TokenizerSource => ({
  kind: 'model',
  name: stored.name,
  tokenizerJson: stored.tokenizerJson,
  ...(stored.tokenizerConfig !== undefined ? { tokenizerConfig: stored.tokenizerConfig } : {}),
});

/** A source's counts built on the page: what a worker would have built (a browser that cannot run it). */
const countsOnPage = async (source: TokenizerSource): Promise<TokenCounts> => countsOnThisThread(await tokenCounterOf(source));

/**
 * The counts of a worker, or of the page when the worker cannot start, or dies later (its
 * counts then go on on the page): workers/client.ts `orOnPage`. An error of the tokenizer
 * itself is the caller's.
 */
export function withPageFallback(offThread: NonNullable<StudioDeps['tokenCountsOffThread']>): NonNullable<StudioDeps['tokenCountsOffThread']> {
  return orOnPage(async (source: TokenizerSource) => {
    const counts = await offThread(source);
    let onPage: Promise<TokenCounts> | null = null;
    const countOnPage = async (texts: readonly string[]) => (await (onPage ??= countsOnPage(source))).counts(texts);
    // The same object (its dispose ends this worker), counting on the page once the worker cannot.
    const inWorker = counts.counts.bind(counts);
    counts.counts = orOnPage(inWorker, countOnPage);
    return counts;
  }, countsOnPage);
}

export function createTokenizer(ctx: StudioContext) {
  const { store, local } = ctx;
  const get = store.getState;
  const patch = (p: Partial<TokenCountingState>) => store.setState({ tokenCounting: { ...get().tokenCounting, ...p } });
  // Bumped on every change of counter, so a slow load that was overtaken never lands.
  let generation = 0;
  let starting: Promise<TokenCounter> | null = null;
  let startingCounts: Promise<TokenCounts> | null = null;
  const offThread = ctx.deps.tokenCountsOffThread && withPageFallback(ctx.deps.tokenCountsOffThread);

  /** The library's counts from now on; the worker of the ones they replace is ended. */
  function useCounts(counts: TokenCounts): void {
    const old = get().tokenCounting.counts as (TokenCounts & { dispose?(): void }) | null;
    if (old && old !== counts) old.dispose?.();
    patch({ counts });
  }

  /**
   * Counts of `source` in a worker; a model tokenizer that fails there falls back to the
   * estimate, saying why. Null when a newer change of tokenizer overtook this one.
   */
  async function countsOf(source: TokenizerSource, mine: number): Promise<TokenCounts | null> {
    let counts: TokenCounts & { dispose?(): void };
    try {
      counts = await offThread!(source);
    } catch (err) {
      if (source.kind === 'estimate') throw err;
      if (mine === generation) patch({ error: `The saved model tokenizer could not be loaded, so counts are estimates again: ${errorText(err)}` });
      counts = await offThread!({ kind: 'estimate' });
    }
    if (mine !== generation) {
      counts.dispose?.();
      return null;
    }
    useCounts(counts);
    return counts;
  }

  /** After a change of tokenizer: the library's counts follow it. */
  function followCounts(counter: TokenCounter, source: TokenizerSource, mine: number): void {
    if (!offThread) return useCounts(countsOnThisThread(counter));
    void countsOf(source, mine).catch((err: unknown) => console.warn('Token counting worker unavailable:', err));
  }

  function use(counter: TokenCounter, model: ModelTokenizerInfo | null, error: string | null = null): void {
    // Checks counted by the library (its counts) or the sample view are counted again.
    const hadCounter = get().tokenCounting.counter !== null || get().tokenCounting.counts !== null;
    store.setState({
      tokenCounting: { ...get().tokenCounting, counter, model, loading: false, error },
      ...(hadCounter ? { checks: forgetCheckTokenCounts(get().checks) } : {}),
    });
  }

  async function restore(): Promise<TokenCounter> {
    const mine = generation;
    patch({ loading: true });
    const stored = await local.get<StoredModelTokenizer | null>(MODEL_TOKENIZER_KEY).catch(() => null);
    let error: string | null = null;
    if (stored) {
      try {
        const files = [{ name: stored.files[0] ?? 'tokenizer.json', text: stored.tokenizerJson }];
        if (stored.tokenizerConfig !== undefined) files.push({ name: 'tokenizer_config.json', text: stored.tokenizerConfig });
        const counter = await counterFromFiles(readTokenizerFiles(files), stored.name);
        if (mine === generation) use(counter, { name: stored.name, files: stored.files, summary: stored.summary, loadedAt: stored.loadedAt });
        return get().tokenCounting.counter ?? counter;
      } catch (err) {
        error = `The saved model tokenizer could not be loaded, so counts are estimates again: ${errorText(err)}`;
      }
    }
    const estimate = await loadQwenEstimate();
    if (mine === generation) use(estimate, null, error);
    return get().tokenCounting.counter ?? estimate;
  }

  async function restoreCounts(): Promise<TokenCounts> {
    if (!offThread) {
      const counts = countsOnThisThread(await service.ensureTokenCounter());
      useCounts(counts);
      return counts;
    }
    const mine = generation;
    const stored = await local.get<StoredModelTokenizer | null>(MODEL_TOKENIZER_KEY).catch(() => null);
    const counts = await countsOf(stored ? sourceOf(stored) : { kind: 'estimate' }, mine);
    if (!counts) return service.ensureTokenCounts();
    // Settings names the model from these counts (the page builds no counter of its own for it).
    if (stored && !counts.isEstimate && !get().tokenCounting.model) patch({ model: { name: stored.name, files: stored.files, summary: stored.summary, loadedAt: stored.loadedAt } });
    return counts;
  }

  const filesOffThread = ctx.deps.tokenizerFilesOffThread;

  /** The chosen tokenizer's id as kept, else from the stored files (a choice made before the id was kept). */
  async function readChoice(): Promise<string> {
    const kept = await local.get<string | null>(TOKENIZER_CHOICE_KEY);
    if (typeof kept === 'string') return kept;
    const stored = await local.get<StoredModelTokenizer | null>(MODEL_TOKENIZER_KEY);
    const id = stored ? modelTokenizerId(stored.tokenizerJson, stored.tokenizerConfig) : ESTIMATE_TOKENIZER_ID;
    await local.put(TOKENIZER_CHOICE_KEY, id).catch(() => undefined);
    return id;
  }

  /**
   * Keeps a new choice of tokenizer (`save` writes its files): the kept id is forgotten first
   * and written after the files, so a save cut short leaves no id of other files behind (the
   * next start computes it from the files). Rejects as `save` does.
   */
  async function keepChoice(id: string, save: () => Promise<void>): Promise<void> {
    await local.put(TOKENIZER_CHOICE_KEY, null);
    await save();
    await local.put(TOKENIZER_CHOICE_KEY, id);
  }

  /** A change of tokenizer counted in workers only: no page counter (an older one is of another tokenizer). */
  function useOffThread(model: ModelTokenizerInfo | null, error: string | null): void {
    const hadCounter = get().tokenCounting.counter !== null || get().tokenCounting.counts !== null;
    store.setState({
      tokenCounting: { ...get().tokenCounting, counter: null, model, loading: false, error },
      ...(hadCounter ? { checks: forgetCheckTokenCounts(get().checks) } : {}),
    });
  }

  /** loadModelTokenizer on the page's thread (no worker, or one that cannot start). */
  async function loadOnPage(files: TokenizerFileText[], mine: number): Promise<{ ok: true; model: ModelTokenizerInfo } | { ok: false; error: string }> {
    try {
      const picked = readTokenizerFiles(files);
      const info = { ...describe(picked), loadedAt: ctx.clock.now() };
      const counter = await counterFromFiles(picked, info.name);
      const stored: StoredModelTokenizer = { ...info, tokenizerJson: picked.tokenizer.text, ...(picked.config ? { tokenizerConfig: picked.config.text } : {}) };
      // Counting exactly now matters more than remembering it: a failed save is reported, not fatal.
      const saveError = await keepChoice(counter.id, () => local.put(MODEL_TOKENIZER_KEY, stored)).then(
        () => null,
        (err: unknown) => `Counting with ${info.name}, but it could not be saved in this browser and will be gone after a reload (${errorText(err)}).`,
      );
      if (mine === generation) {
        patch({ chosen: counter.id });
        use(counter, info, saveError);
        followCounts(counter, sourceOf(stored), mine);
      }
      return { ok: true, model: info };
    } catch (err) {
      if (mine === generation) patch({ loading: false, error: errorText(err) });
      return { ok: false, error: errorText(err) };
    }
  }

  /** loadModelTokenizer with a worker: the files are checked, described and built there. */
  async function loadOffThread(files: TokenizerFileText[], mine: number): Promise<{ ok: true; model: ModelTokenizerInfo } | { ok: false; error: string }> {
    let loaded: Awaited<ReturnType<NonNullable<typeof filesOffThread>>>;
    try {
      loaded = await filesOffThread!(files);
    } catch (err) {
      if (err instanceof WorkerUnavailableError) return loadOnPage(files, mine);
      if (mine === generation) patch({ loading: false, error: errorText(err) });
      return { ok: false, error: errorText(err) };
    }
    const info: ModelTokenizerInfo = { ...loaded.model, loadedAt: ctx.clock.now() };
    const textOf = (name: string | undefined) => files.find((f) => f.name === name)?.text;
    const config = textOf(loaded.picked.config);
    const stored: StoredModelTokenizer = { ...info, tokenizerJson: textOf(loaded.picked.tokenizer) ?? '', ...(config !== undefined ? { tokenizerConfig: config } : {}) };
    const saveError = await keepChoice(loaded.id, () => local.put(MODEL_TOKENIZER_KEY, stored)).then(
      () => null,
      (err: unknown) => `Counting with ${info.name}, but it could not be saved in this browser and will be gone after a reload (${errorText(err)}).`,
    );
    if (mine !== generation) {
      loaded.dispose?.();
      return { ok: true, model: info };
    }
    patch({ chosen: loaded.id });
    useOffThread(info, saveError);
    useCounts(loaded);
    return { ok: true, model: info };
  }

  const texts = createTextCounts(() => service.ensureTokenCounts(), () => get().tokenCounting.counts);
  const service: TokenizerService = {
    countTexts: (list) => texts.count(list),
    cachedCount: (text) => texts.cached(text),
    expectTokenizer: async () => {
      const id = await readChoice().catch(() => null);
      // A choice made meanwhile (Settings) is newer than the one read.
      if (id && !get().tokenCounting.chosen) patch({ chosen: id });
    },
    ensureTokenCounter: () => {
      const current = get().tokenCounting.counter;
      if (current) return Promise.resolve(current);
      starting ??= restore().finally(() => {
        starting = null;
      });
      return starting;
    },
    ensureTokenCounts: () => {
      const current = get().tokenCounting.counts;
      if (current) return Promise.resolve(current);
      startingCounts ??= restoreCounts().finally(() => {
        startingCounts = null;
      });
      return startingCounts;
    },
  };

  const commands = {
    /** Counts with the model's own tokenizer.json from now on, and keeps it in this browser. */
    loadModelTokenizer: defineCommand({
      id: 'loadModelTokenizer',
      label: "Load the model's tokenizer.json…",
      group: 'Studio',
      scope: 'dialog:settings',
      takesArgs: true,
      capture: 'none',
      perform: async (_call, files: TokenizerFileText[]): Promise<{ ok: true; model: ModelTokenizerInfo } | { ok: false; error: string }> => {
        const mine = ++generation;
        patch({ loading: true, error: null });
        return filesOffThread ? loadOffThread(files, mine) : loadOnPage(files, mine);
      },
    }),
    /** Forgets the model tokenizer; counts are Qwen3 estimates again. */
    useBuiltInTokenEstimate: defineCommand({
      id: 'useBuiltInTokenEstimate',
      label: 'Use the built-in Qwen estimate',
      group: 'Studio',
      scope: 'dialog:settings',
      capture: 'none',
      perform: async (): Promise<void> => {
        const mine = ++generation;
        patch({ loading: true, error: null });
        // Overwritten rather than deleted: the local store has no delete, and null frees the ~10 MB just the same.
        const saveError = await keepChoice(ESTIMATE_TOKENIZER_ID, () => local.put(MODEL_TOKENIZER_KEY, null)).then(
          () => null,
          (err: unknown) => `The model tokenizer could not be removed from this browser and may come back after a reload (${errorText(err)}).`,
        );
        if (mine === generation) patch({ chosen: ESTIMATE_TOKENIZER_ID });
        if (offThread) {
          // The library's counts follow in the worker; the page builds no estimate of its own.
          if (mine === generation) useOffThread(null, saveError);
          await countsOf({ kind: 'estimate' }, mine).catch((err: unknown) => console.warn('Token counting worker unavailable:', err));
          return;
        }
        const estimate = await loadQwenEstimate();
        if (mine === generation) {
          use(estimate, null, saveError);
          followCounts(estimate, { kind: 'estimate' }, mine);
        }
      },
    }),
  };
  return { service, commands };
}
