/**
 * The checks cache: the automatic checks of each sample (core/checks), kept per content
 * revision so the library, the sample view and approval all see the same verdicts.
 *
 * Two levels: 'quick' runs without an interpreter (string/rational answer comparison,
 * structure, efficiency) and is cheap enough for the whole library; 'full' adds SymPy answer
 * equivalence and the reproduction run, in interpreters of their own from the runtime
 * manager (a fresh one per run for the sample's code, a clean one for the answers).
 *
 * The open sample is checked by itself: quick checks at once, the full ones a moment after it
 * opens or changes — the UI only reads the cache.
 */
import { projectProfiles } from '../settings/profiles';
import { failing, runChecks, sampleAnswerVerdict, withAnswerVerdict, type CheckResult, type SampleChecks, type TokenCount } from '../../core/checks';
import type { Executor } from '../../core/exec/types';
import type { Sample } from '../../core/sample/types';
import { errorText } from '../../core/util';
import { renderTrace } from '../../core/trace';
import { countedTexts } from '../library/facts';
import { contentRevision } from '../../core/sample/revision';
import type { StudioContext } from '../context';
import { projectExecution } from '../settings/execution';
import type { StudioState } from '../state';
import type { CheckEntry } from './state';
import { quickCheckRequest, quickChecks } from './quickChecks';
import { orOnPage } from '../workers/client';

export type { CheckEntry, CheckLevel, ChecksCache } from './state';

export interface CheckOptions {
  tokenCounter?: TokenCount | null;
  /**
   * Decide in the background, in the runtime manager's answers interpreter, the answer verdicts
   * only SymPy can decide (the library asks, so its column and filter leave 'pending' on their own).
   */
  decideAnswers?: boolean;
}

export interface FullCheckOptions extends CheckOptions {
  /** An interpreter of the caller's (kept by the caller); default: a fresh one from the runtime manager. */
  executor?: Executor;
}

/** Wait this long after opening or editing a sample before re-running its code, so paging through the queue stays cheap. */
export const FULL_CHECK_DELAY_MS = 1200;

/**
 * What the checks depend on: the sample's content revision (core/sample/revision.ts) — the
 * trace, the imported trace, the ground truth — not `updatedAt`, which a status change bumps.
 */
export const checkRevision = contentRevision;

/** The cached checks of a sample if they belong to its current content. */
export function currentChecks(state: Pick<StudioState, 'checks'>, sample: Sample): CheckEntry | undefined {
  const entry = state.checks[sample.id];
  return entry && entry.revision === checkRevision(sample) ? entry : undefined;
}

/** Failing checks known for the sample now; undefined when it has not been checked yet. */
export function failingChecks(state: Pick<StudioState, 'checks'>, sample: Sample): CheckResult[] | undefined {
  const entry = currentChecks(state, sample);
  return entry && failing(entry.result);
}

/** Whether the interpreter can add anything: code to reproduce, or an answer only SymPy can decide. */
export function needsInterpreter(sample: Sample, quick: SampleChecks): boolean {
  return quick.answer?.verdict === 'pending' || sample.trace.segments.some((s) => s.kind === 'code' && s.closed);
}

/** A fresh quick result keeps an answer verdict SymPy already decided for the same content. */
function keepDecidedAnswer(result: SampleChecks, prev: CheckEntry | undefined, revision: string): SampleChecks {
  const decided = prev?.revision === revision ? prev.result.answer : undefined;
  return decided && decided.verdict !== 'pending' && result.answer?.verdict === 'pending' ? withAnswerVerdict(result, decided) : result;
}

export interface ChecksService {
  /** Quick checks (no interpreter) for every given sample not yet checked at its current content. */
  checkSamples(samples: Sample[], opts?: CheckOptions): Promise<void>;
  /** Resolves when the interpreter run under way for the sample's current content (if any) is done. */
  checksSettled(sampleId: string): Promise<void>;
  /**
   * One sample's quick checks, uncounted, as the library runs them (off the page's thread when
   * the studio has a worker), without keeping them in the checks cache: the export dialog's own.
   */
  quickChecksOf(sample: Sample): Promise<SampleChecks>;
  /** All checks of one sample, with interpreters; concurrent calls share one run. */
  checkSampleFully(sampleId: string, opts?: FullCheckOptions): Promise<CheckEntry | undefined>;
}

export function createChecksService(ctx: StudioContext): ChecksService {
  const { store } = ctx;
  const get = store.getState;
  const inFlight = new Map<string, Promise<CheckEntry | undefined>>();
  // In the worker when the studio has one (`deps.quickChecksOffThread`), else here.
  const runQuick = orOnPage(ctx.deps.quickChecksOffThread, quickChecks);

  function put(sampleId: string, entry: CheckEntry): void {
    store.setState({ checks: { ...get().checks, [sampleId]: entry } });
  }

  /**
   * The sample as the studio holds it now: the one in memory, or — for a library row whose trace
   * was read from disk just for the screen (library/commands.ts) — that copy while it is the stored one.
   */
  function liveSample(sample: Sample): Sample | undefined {
    const s = get();
    return s.samples[sample.id] ?? (s.entries[sample.id]?.updatedAt === sample.updatedAt ? sample : undefined);
  }

  function needsQuick(sample: Sample, counted: boolean): boolean {
    const entry = currentChecks(get(), sample);
    return !entry || (counted && !entry.counted);
  }

  /** One sample's quick checks: in the worker when the studio has one, else here. */
  function quickOf(sample: Sample, tokenCounter: TokenCount | null | undefined): Promise<SampleChecks> {
    return runQuick(quickCheckRequest(sample, get().settings, tokenCounter));
  }

  async function quick(samples: Sample[], opts: CheckOptions): Promise<void> {
    const counted = !!opts.tokenCounter;
    const todo = samples.filter((s) => needsQuick(s, counted));
    // Also samples checked earlier without an interpreter: their pending answers are decided now.
    const decidePending = () => {
      const python = ctx.deps.python;
      if (opts.decideAnswers && python) void decideAnswers(samples, python.answers());
    };
    if (!todo.length) {
      decidePending();
      return;
    }
    const results = await Promise.all(todo.map((s) => quickOf(s, opts.tokenCounter)));
    const next = { ...get().checks };
    todo.forEach((sample, i) => {
      const live = liveSample(sample);
      // Keep a full result for the same content; a stale answer for an edited sample is dropped.
      if (!live || checkRevision(live) !== checkRevision(sample)) return;
      const prev = next[sample.id];
      const revision = checkRevision(sample);
      if (prev && prev.revision === revision && prev.level === 'full' && (prev.counted || !counted)) return;
      const result = keepDecidedAnswer(results[i], prev, revision);
      next[sample.id] = { revision, level: 'quick', result, counted, checking: !!prev?.checking && prev.revision === revision };
    });
    store.setState({ checks: next });
    decidePending();
  }

  /**
   * SymPy decides the pending answer verdicts of these samples, and each result goes into the
   * sample's checks — so the library, the sample's checks and the export gate read the same
   * verdict. One queue, one cell at a time: a sample the user opens never waits behind more
   * than one answer cell. Nothing starts Python when no verdict is pending.
   */
  const answerQueue = new Map<string, { sample: Sample; executor: Executor }>();
  let answerLoop: Promise<void> | null = null;

  function decideAnswers(samples: Sample[], executor: Executor): Promise<void> {
    for (const sample of samples) {
      const key = `${sample.id}@${checkRevision(sample)}`;
      if (currentChecks(get(), sample)?.result.answer?.verdict === 'pending') answerQueue.set(key, { sample, executor });
    }
    // Started after the assignment (a microtask later), so the loop's own reset is never overwritten.
    if (!answerLoop && answerQueue.size) answerLoop = Promise.resolve().then(drainAnswers);
    return answerLoop ?? Promise.resolve();
  }

  async function drainAnswers(): Promise<void> {
    // The queue is checked and the loop released in one synchronous step: nothing queued is stranded.
    for (let next = answerQueue.entries().next(); !next.done; next = answerQueue.entries().next()) {
      const [key, { sample, executor }] = next.value;
      answerQueue.delete(key);
      const revision = checkRevision(sample);
      // A full check under way for this content decides the answer itself.
      if (currentChecks(get(), sample)?.result.answer?.verdict !== 'pending' || inFlight.has(key)) continue;
      try {
        const verdict = await sampleAnswerVerdict(sample, executor, projectProfiles(get().settings));
        const live = liveSample(sample);
        const now = live && currentChecks(get(), live);
        if (verdict && now && now.revision === revision && now.result.answer?.verdict === 'pending') {
          put(sample.id, { ...now, result: withAnswerVerdict(now.result, verdict) });
        }
      } catch (err) {
        const now = currentChecks(get(), sample);
        if (now) put(sample.id, { ...now, error: errorText(err) });
      }
    }
    answerLoop = null;
  }

  /** `counting`: the sample's texts being counted off the thread (the run starts at once and waits for them). */
  async function full(sampleId: string, given: FullCheckOptions, counting?: Promise<TokenCount | null>): Promise<CheckEntry | undefined> {
    let opts = given;
    const sample = get().samples[sampleId];
    if (!sample) return undefined;
    const revision = checkRevision(sample);
    const counted = !!opts.tokenCounter || !!counting;
    const cached = currentChecks(get(), sample);
    if (cached?.level === 'full' && (cached.counted || !counted)) return cached;
    const key = `${sampleId}@${revision}`;
    const running = inFlight.get(key);
    if (running) return running;

    const job = (async () => {
      if (counting) opts = { ...opts, tokenCounter: await counting };
      await quick([sample], opts);
      const before = currentChecks(get(), sample);
      // Nothing for Python to do: the quick result is complete, and Python need not even boot.
      if (before && !needsInterpreter(sample, before.result)) {
        const checks = before.result.checks.map((c) => (c.id === 'reproduction' ? { ...c, detail: 'no code to re-run' } : c));
        const complete = { ...before, result: { ...before.result, checks }, level: 'full' as const, checking: false };
        put(sampleId, complete);
        return complete;
      }
      const python = ctx.deps.python;
      if (!python && !opts.executor) return before;
      if (before) put(sampleId, { ...before, checking: true, error: undefined });
      let entry: CheckEntry | undefined;
      // A fresh interpreter for this run of the sample's code, let go afterwards.
      const executor = opts.executor ?? python!.checksFor(sampleId);
      try {
        const result = await runChecks(sample, { executor, tokenCounter: opts.tokenCounter ?? undefined, ...projectExecution(get().settings) });
        entry = { revision, level: 'full', result, counted, checking: false };
      } catch (err) {
        const quickEntry = currentChecks(get(), sample);
        entry = quickEntry && { ...quickEntry, checking: false, error: errorText(err) };
      } finally {
        if (!opts.executor) void executor.dispose();
      }
      const live = get().samples[sampleId];
      if (entry && live && checkRevision(live) === revision) put(sampleId, entry);
      return entry;
    })();
    inFlight.set(key, job);
    try {
      return await job;
    } finally {
      inFlight.delete(key);
    }
  }

  /**
   * The sample's two counted texts (its rendered trace and its original) by the library's
   * counts — the token worker in the browser — so checks never tokenize on the page's thread.
   * Null before the counts are loaded, or when counting fails (the checks then run uncounted).
   */
  async function precounted(sample: Sample): Promise<TokenCount | null> {
    const counts = get().tokenCounting.counts;
    if (!counts) return null;
    const texts = [renderTrace(sample.trace), sample.original];
    try {
      return countedTexts(texts, await counts.counts(texts));
    } catch {
      return null;
    }
  }

  // The open sample's checks: quick at once, counted once its texts are, full after a pause (re-armed by every edit).
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watched = '';
  store.subscribe((s) => {
    const sample = s.ready && s.view === 'sample' && s.openSampleId ? s.samples[s.openSampleId] : undefined;
    const counts = s.tokenCounting.counts;
    const key = sample ? `${sample.id}@${checkRevision(sample)}@${counts?.id ?? ''}` : '';
    if (key === watched) return;
    watched = key;
    clearTimeout(timer);
    if (!sample) return;
    void quick([sample], {}).then(async () => {
      const tokenCounter = await precounted(sample);
      if (tokenCounter && key === watched) await quick([sample], { tokenCounter });
    });
    timer = setTimeout(() => void full(sample.id, {}, precounted(sample)), FULL_CHECK_DELAY_MS);
  });

  return {
    checkSamples: (samples, opts = {}) => quick(samples, opts),
    quickChecksOf: (sample) => quickOf(sample, null),
    checksSettled: async (sampleId) => {
      const sample = get().samples[sampleId];
      if (sample) await inFlight.get(`${sampleId}@${checkRevision(sample)}`);
    },
    checkSampleFully: (sampleId, opts = {}) => {
      const sample = get().samples[sampleId];
      const counting = 'tokenCounter' in opts || !sample || !get().tokenCounting.counts ? undefined : precounted(sample);
      return full(sampleId, opts, counting);
    },
  };
}
