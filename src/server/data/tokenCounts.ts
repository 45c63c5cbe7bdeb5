/**
 * The server counts every sample's tokens itself, in the background, with the tokenizer the
 * CLI and the studio use (core/tokens): the bundled Qwen3 estimate, which ships inside the npm
 * package and so is always there — unlike a model's tokenizer.json, which lives in each
 * annotator's browser. Counting on the server rather than taking the browsers' counts means
 * the whole project is counted once, for every member, without any browser reading 250 MB of
 * traces; so the library's "tokens" sort runs in SQL over every row. A browser counting with
 * another tokenizer sorts by its own counts (library/query.ts says so).
 *
 * A write stores no count for new content (`tokens` null; a status change keeps the count, the
 * content being the same); this pass counts those rows a sample at a time, yielding between
 * samples (tokenizing a long trace takes tens of ms, which must not hold every request), and
 * writes the count into the `tokens` column (the SQL sort) and the row's entry (the studio's
 * library), with a new change sequence so every browser's copy hears of it. The version stays:
 * nobody's content changed. A row saved in between is left for the next round.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ReviewedSample } from '../../core/review/types';
import { storedSampleEntry, withEntryFacts, type SampleEntry } from '../../core/sample/entry';
import { contentRevision } from '../../core/sample/revision';
import { loadQwenEstimate, type TokenCounter } from '../../core/tokens';
import { renderTrace } from '../../core/trace';
import type { Db } from '../db/open';
import { samples } from '../db/schema';
import { projectRegistry } from './projectProfiles';
import { lockChangeOrder, nextSeq, samplePk } from './sampleWrites';

export interface TokenCounting {
  /** Look for rows to count now (after a write) rather than at the next poll. */
  wake(): void;
  /** Resolves once no row is left to count (tests, benches). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface TokenCountingOptions {
  /** The counter (default: the bundled estimate, core/tokens). */
  counter?: () => Promise<TokenCounter>;
  /** Rows read a round. */
  batch?: number;
  /** How long to wait for new rows when none is left. */
  pollMs?: number;
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Counts one row's trace and stores it; false when the row changed since it was read (counted next round). */
async function countRow(db: Db, counter: TokenCounter, row: { projectId: number; id: string; version: number; doc: string }): Promise<boolean> {
  const sample = JSON.parse(row.doc) as ReviewedSample;
  const count = counter.count(renderTrace(sample.trace));
  const tokens = { revision: contentRevision(sample), tokenizer: counter.id, count };
  return db.transaction(async (tx) => {
    // The entry as it is now, the row locked: a write meanwhile (profiles summarized again, a
    // status move) is built on, never overwritten with the entry read before counting. Row
    // first, then the change order: the order every sample write takes them in.
    const [current] = await tx
      .select({ entry: samples.entry })
      .from(samples)
      .where(and(samplePk(row.projectId, row.id), eq(samples.version, row.version), isNull(samples.tokens)))
      .for('update');
    if (!current) return false;
    await lockChangeOrder(tx, row.projectId);
    const base: SampleEntry = current.entry ? (JSON.parse(current.entry) as SampleEntry) : storedSampleEntry(sample, await projectRegistry(tx, row.projectId));
    // An entry written before entries had revisions takes the sample's now.
    const entry = withEntryFacts(base.revision === undefined ? { ...base, revision: tokens.revision } : base, { tokens });
    const updated = await tx
      .update(samples)
      .set({ tokens: count, entry: JSON.stringify(entry), seq: nextSeq })
      .where(and(samplePk(row.projectId, row.id), eq(samples.version, row.version), isNull(samples.tokens)))
      .returning({ id: samples.id });
    return updated.length > 0;
  });
}

export function startTokenCounting(db: Db, options: TokenCountingOptions = {}): TokenCounting {
  const batch = options.batch ?? 16;
  const pollMs = options.pollMs ?? 2000;
  let stopped = false;
  let wakeUp: (() => void) | null = null;
  let settledWaiters: (() => void)[] = [];
  /** Rows whose count failed at this version: not tried again until they change. */
  const failed = new Set<string>();

  async function loop(): Promise<void> {
    const counter = await (options.counter ?? loadQwenEstimate)();
    while (!stopped) {
      const rows = await db
        .select({ projectId: samples.projectId, id: samples.id, version: samples.version, doc: samples.doc })
        .from(samples)
        .where(isNull(samples.tokens))
        .orderBy(asc(samples.seq))
        .limit(batch + failed.size);
      const todo = rows.filter((r) => !failed.has(`${r.projectId}/${r.id}@${r.version}`)).slice(0, batch);
      if (todo.length === 0) {
        for (const settle of settledWaiters) settle();
        settledWaiters = [];
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = null;
        continue;
      }
      for (const row of todo) {
        if (stopped) return;
        try {
          await countRow(db, counter, row);
        } catch (err) {
          if (stopped) return;
          failed.add(`${row.projectId}/${row.id}@${row.version}`);
          console.warn(`Could not count the tokens of sample ${row.id}:`, err);
        }
        await yieldToRequests();
      }
    }
  }

  const running = loop().catch((err: unknown) => {
    if (!stopped) console.warn('Token counting stopped:', err);
  });

  return {
    wake: () => wakeUp?.(),
    settled: () =>
      new Promise<void>((resolve) => {
        settledWaiters.push(resolve);
        wakeUp?.();
      }),
    stop: async () => {
      stopped = true;
      wakeUp?.();
      for (const settle of settledWaiters) settle();
      await running;
    },
  };
}
