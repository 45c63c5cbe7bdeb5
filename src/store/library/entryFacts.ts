/**
 * Token counts and checks kept with each sample's stored entry (core/sample/entry.ts), so a
 * reload of thousands of samples sorts by tokens and filters failing checks without reading a
 * trace. Each fact names the content revision it was computed for and what else it depends on
 * (the tokenizer's id; the checks' definition), and counts only while both still hold: an
 * edited sample, another tokenizer or other execution settings make it stale, never wrong.
 *
 * Facts arrive as the library index counts traces and the checks run; they are remembered here
 * for the sample's next save (`of`, used by the studio's `entryOf`) and written back to the
 * stored entries of samples not saved anew (`persistence.saveEntryFacts`), a batch at a time.
 */
import { currentEntryChecks, currentEntryTokens, withEntryFacts, type EntryFacts } from '../../core/sample/entry';
import type { Sample } from '../../core/sample/types';
import { knownFailing } from '../../core/library/query';
import { checkRevision } from '../checks/checks';
import { checksDefinition } from '../checks/definition';
import type { CheckEntry, ChecksCache } from '../checks/state';
import type { StudioPersistence } from '../session/persistenceTypes';
import type { StudioState } from '../state';
import type { LibraryEntry } from './state';

export interface EntryFactsDeps {
  get(): StudioState;
  set(patch: Partial<StudioState>): void;
  subscribe(listener: (next: StudioState, prev: StudioState) => void): () => void;
  persistence: Pick<StudioPersistence, 'saveEntryFacts'>;
  /** Wait this long after a fact arrives before writing a batch back (more arrive meanwhile). */
  flushDelayMs?: number;
}

export interface EntryFactsService {
  /** The facts known for this sample's current content: for the entry stored with it. */
  of(sample: Sample): EntryFacts;
  /** The library index counted this sample's trace with the counter `tokenizer`. */
  counted(sample: Sample, tokenizer: string, count: number): void;
  /** A row's token count by `tokenizer`, kept with its entry or counted this session for its content. */
  tokens(entry: LibraryEntry, sample: Sample | undefined, tokenizer: string): number | undefined;
  /**
   * Whether a row's checks fail, as far as kept facts say: the ids failing, or undefined when no
   * current check result is kept (counted by `tokenizer`, or uncounted: those fail a subset).
   */
  failing(entry: LibraryEntry, sample: Sample | undefined, tokenizer: string | null): string[] | undefined;
  /** Writes the facts waiting to be written back now. */
  flush(): Promise<void>;
  dispose(): void;
}

/** The tokenizer the studio counts with now (the library's counts, or the sample view's counter). */
export function currentTokenizerId(s: Pick<StudioState, 'tokenCounting'>): string | null {
  return s.tokenCounting.counts?.id ?? s.tokenCounting.counter?.id ?? null;
}

/**
 * The tokenizer whose counted checks count here: the one in use, else the one Settings chose and
 * this page will count with once it is built (a reload's first seconds). Results this page
 * computes name the one in use (currentTokenizerId); kept ones are read under this.
 */
export function checksTokenizerId(s: Pick<StudioState, 'tokenCounting'>): string | null {
  return currentTokenizerId(s) ?? s.tokenCounting.chosen;
}

/**
 * The checks' definitions a kept result counts under here: counted by the tokenizer of
 * checksTokenizerId, and uncounted — from the first moment, not only once the tokenizer loaded.
 */
export function currentChecksDefinitions(s: Pick<StudioState, 'tokenCounting' | 'settings'>): string[] {
  const tokenizer = checksTokenizerId(s);
  const uncounted = checksDefinition(s.settings, null);
  return tokenizer ? [checksDefinition(s.settings, tokenizer), uncounted] : [uncounted];
}

const FLUSH_DELAY_MS = 1500;

export function createEntryFacts(deps: EntryFactsDeps): EntryFactsService {
  const { get } = deps;
  /** Facts computed this session, by sample id (each names its revision). */
  const known = new Map<string, EntryFacts>();
  /** Ids whose facts are to be written back. */
  const waiting = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<void> = Promise.resolve();
  /** Aborted when the studio is disposed: a write-back its shutdown cuts short is not a failure. */
  const shutdown = new AbortController();

  const merge = (id: string, facts: EntryFacts) => known.set(id, { ...known.get(id), ...facts });

  function schedule(id: string): void {
    if (!deps.persistence.saveEntryFacts) return;
    waiting.add(id);
    timer ??= setTimeout(() => {
      timer = null;
      void service.flush();
    }, deps.flushDelayMs ?? FLUSH_DELAY_MS);
  }

  /**
   * Whether a stored entry lacks (or holds other) facts than these. An entry the state does not
   * hold, or holds at another revision (a sample saved since the state read it), may be stored
   * at theirs: the store decides (`withEntryFacts` against what it holds).
   */
  function differs(stored: LibraryEntry | undefined, facts: EntryFacts): boolean {
    if (!stored || stored.revision === undefined) return true;
    const revision = (facts.tokens ?? facts.checks)?.revision;
    if (revision !== stored.revision) return true;
    const next = withEntryFacts(stored, facts);
    return JSON.stringify([next.tokens, next.checks]) !== JSON.stringify([stored.tokens, stored.checks]);
  }

  /** The result to keep, or undefined while it is not known (core/library/query.ts `knownFailing`: its answer pending, nothing failing). */
  function checksFact(entry: CheckEntry, s: StudioState): EntryFacts['checks'] {
    const failed = knownFailing(entry.result);
    if (!failed) return undefined;
    return {
      revision: entry.revision,
      definition: checksDefinition(s.settings, entry.counted ? currentTokenizerId(s) : null),
      failing: failed.map((c) => c.id),
      ...(entry.level === 'full' ? { level: 'full' as const } : {}),
    };
  }

  // Checks that finish (quick or full) are kept: the cache is in memory only.
  const stop = deps.subscribe((next, prev) => {
    if (next.checks === prev.checks) return;
    const changed = (cache: ChecksCache, old: ChecksCache) => Object.keys(cache).filter((id) => cache[id] !== old[id]);
    for (const id of changed(next.checks, prev.checks)) {
      const entry = next.checks[id]!;
      if (entry.checking) continue;
      // Counted checks need the counter they were counted with; without one known, they are not kept.
      if (entry.counted && !currentTokenizerId(next)) continue;
      // Not known yet (the answer waits for SymPy): not kept, nor sent to a team server as passing.
      const checks = checksFact(entry, next);
      if (!checks) continue;
      merge(id, { checks });
      if (differs(next.entries[id], { checks })) schedule(id);
    }
  });

  const service: EntryFactsService = {
    of(sample) {
      const revision = checkRevision(sample);
      const stored = get().entries[sample.id];
      const mine = known.get(sample.id);
      const facts: EntryFacts = {};
      for (const source of [stored, mine]) {
        if (source?.tokens?.revision === revision) facts.tokens = source.tokens;
        if (source?.checks?.revision === revision) facts.checks = source.checks;
      }
      return facts;
    },
    counted(sample, tokenizer, count) {
      const tokens = { revision: checkRevision(sample), tokenizer, count };
      merge(sample.id, { tokens });
      if (differs(get().entries[sample.id], { tokens })) schedule(sample.id);
    },
    tokens(entry, sample, tokenizer) {
      const stored = get().entries[entry.id] ?? entry;
      const mine = known.get(entry.id);
      // No count by this tokenizer is kept: nothing to compare with the sample's revision, whose
      // hash reads the whole trace (a fresh import of 8,000 samples hashed them all in one 2 s task).
      if (stored.tokens?.tokenizer !== tokenizer && mine?.tokens?.tokenizer !== tokenizer) return undefined;
      const revision = sample ? checkRevision(sample) : entry.revision;
      return currentEntryTokens(stored, tokenizer, revision) ?? (mine && revision !== undefined ? currentEntryTokens({ revision, tokens: mine.tokens }, tokenizer) : undefined);
    },
    failing(entry, sample, tokenizer) {
      const stored = get().entries[entry.id] ?? entry;
      const mine = known.get(entry.id);
      // No checks kept: no revision to compare (see tokens).
      if (!stored.checks && !mine?.checks) return undefined;
      const revision = sample ? checkRevision(sample) : entry.revision;
      if (revision === undefined) return undefined;
      const settings = get().settings;
      for (const source of [mine ? { revision, checks: mine.checks } : undefined, stored]) {
        if (!source) continue;
        const counted = tokenizer ? currentEntryChecks(source, checksDefinition(settings, tokenizer), revision) : undefined;
        const found = counted ?? currentEntryChecks(source, checksDefinition(settings, null), revision);
        if (found) return found;
      }
      return undefined;
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      const save = deps.persistence.saveEntryFacts;
      if (!save || !waiting.size) return flushing;
      const ids = [...waiting];
      waiting.clear();
      const batch = ids.map((id) => ({ id, facts: known.get(id)! })).filter((b) => differs(get().entries[b.id], b.facts));
      if (!batch.length) return flushing;
      flushing = flushing
        .then(() => (shutdown.signal.aborted ? [] : save(batch, shutdown.signal)))
        .then(
          (applied) => {
            // The state's entries follow what the store took (only facts of the entry's revision).
            const took = new Set(applied);
            const s = get();
            let entries: StudioState['entries'] | null = null;
            for (const { id, facts } of batch) {
              const stored = (entries ?? s.entries)[id];
              if (!stored || !took.has(id) || !differs(stored, facts)) continue;
              // An entry stored without a revision took its sample's there (the store compared it).
              const revision = stored.revision ?? (facts.tokens ?? facts.checks)?.revision;
              entries ??= { ...s.entries };
              entries[id] = withEntryFacts({ ...stored, revision }, facts);
            }
            if (entries) deps.set({ entries });
          },
          // Facts are derived: a failed write-back costs a recount after a reload, nothing more (a
          // server out of reach is said by the sync's status). One cut short by the studio's own
          // shutdown is no failure at all.
          (err: unknown) => {
            if (!shutdown.signal.aborted) console.warn('Could not keep token counts and checks with the library entries:', err);
          },
        );
      return flushing;
    },
    dispose() {
      stop();
      if (timer) clearTimeout(timer);
      timer = null;
      shutdown.abort();
    },
  };
  return service;
}
