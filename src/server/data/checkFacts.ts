/**
 * Check results the browsers send (store/sync/serverFacts.ts). The checks run in each
 * browser's Pyodide, never on the server; a browser that ran a sample's checks tells the
 * server what failed, as a fact about one content revision — like the server's own token
 * counts, not a new version of the sample. The server keeps it in the row's entry (the studio's
 * library reads it) and in the checks columns (the library's "checks failing" runs in SQL),
 * only while the revision is the row's current content: a result for content edited since is
 * stale and dropped. The row gets a new change sequence so every browser's copy hears of it;
 * its version stays.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { EntryChecks, SampleEntry } from '../../core/sample/entry';
import type { CheckFact } from '../../core/sync';
import { withEntryFacts } from '../../core/sample/entry';
import type { Db } from '../db/open';
import { samples } from '../db/schema';
import { checksColumns, lockChangeOrder, nextSeq, samplePk } from './sampleWrites';

/**
 * Keeps the facts whose revision is their row's current content; answers with the ids kept
 * (a fact already kept as it is counts as kept). Unknown ids and stale revisions are dropped.
 */
export async function keepCheckFacts(db: Db, projectId: number, facts: readonly CheckFact[]): Promise<string[]> {
  // The last fact of an id sent twice in one batch wins (the newest result of the browser).
  const byId = new Map(facts.map((f) => [f.id, f]));
  if (byId.size === 0) return [];
  return db.transaction(async (tx) => {
    // Rows first, in one order (two batches never wait on each other crosswise), then the change order: as every sample write.
    const rows = await tx
      .select({ id: samples.id, entry: samples.entry })
      .from(samples)
      .where(and(eq(samples.projectId, projectId), inArray(samples.id, [...byId.keys()])))
      .orderBy(asc(samples.id))
      .for('update');
    const kept: string[] = [];
    const changed: { id: string; entry: SampleEntry }[] = [];
    for (const row of rows) {
      // A row whose entry is not written yet has no revision to compare with: dropped (sent again after its next check).
      if (row.entry === null) continue;
      const fact = byId.get(row.id)!;
      const checks: EntryChecks = { revision: fact.revision, definition: fact.definition, failing: fact.failing, ...(fact.level === 'full' ? { level: 'full' as const } : {}) };
      const entry = JSON.parse(row.entry) as SampleEntry;
      if (entry.revision === undefined || entry.revision !== checks.revision) continue;
      kept.push(row.id);
      // Kept as it is: the same result, or a full one of this content a quick result does not replace (core/sample/entry.ts).
      const next = withEntryFacts(entry, { checks });
      if (JSON.stringify(next.checks) === JSON.stringify(entry.checks)) continue;
      changed.push({ id: row.id, entry: next });
    }
    if (changed.length) await lockChangeOrder(tx, projectId);
    for (const { id, entry } of changed) {
      await tx
        .update(samples)
        .set({ entry: JSON.stringify(entry), ...checksColumns(entry), seq: nextSeq })
        .where(samplePk(projectId, id));
    }
    return kept;
  });
}
