import type { Sample } from '../sample/types';
import { contentKey } from '../import/makeSample';

export interface MergeResult {
  samples: Sample[];
  /** Ids new to the collection. */
  added: string[];
  /** Ids already present and left alone: identical, or the incoming copy is not a newer edit. */
  kept: string[];
  /** Ids whose existing copy was replaced by a newer edit. */
  updated: string[];
  /**
   * Incoming samples not added because a sample with the same prompt and response (under
   * another id: another generation index or file) is already there; `of` is that sample's id.
   */
  duplicates: { id: string; of: string }[];
}

/**
 * When a sample was last edited, or -Infinity when never: an importer sets updatedAt equal
 * to createdAt, and every edit moves updatedAt on. A fresh re-import of raw data (same id,
 * so the same prompt and response) therefore never overwrites anyone's work.
 */
function lastEdit(sample: Sample): number {
  if (sample.updatedAt === sample.createdAt) return -Infinity;
  const t = Date.parse(sample.updatedAt);
  return Number.isNaN(t) ? -Infinity : t;
}

/** Same content, ignoring timestamps. Key order counts, which at worst calls equal copies different. */
function sameContent(a: Sample, b: Sample): boolean {
  const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: Sample) => JSON.stringify(rest);
  return strip(a) === strip(b);
}

/**
 * Merge incoming samples into a collection without duplicating ids and without clobbering
 * a newer edit: an incoming copy replaces the existing one only when it was edited later.
 * Existing order is kept; new samples follow in incoming order.
 */
export function mergeSamples(existing: Sample[], incoming: Sample[]): MergeResult {
  const byId = new Map<string, Sample>();
  const byContent = new Map<string, string>();
  for (const s of existing) {
    byId.set(s.id, s);
    if (!byContent.has(contentKey(s))) byContent.set(contentKey(s), s.id);
  }
  const outcome = new Map<string, 'added' | 'kept' | 'updated'>();
  const duplicates: MergeResult['duplicates'] = [];
  for (const next of incoming) {
    const current = byId.get(next.id);
    if (!current) {
      // The same training example under another id: merged into the one already here, unless
      // it carries work of its own (an edited copy from a backup is kept as a sample).
      const twin = byContent.get(contentKey(next));
      if (twin !== undefined && lastEdit(next) === -Infinity) {
        duplicates.push({ id: next.id, of: twin });
        continue;
      }
      byId.set(next.id, next);
      if (twin === undefined) byContent.set(contentKey(next), next.id);
      outcome.set(next.id, 'added');
      continue;
    }
    const replace = !sameContent(current, next) && lastEdit(next) > lastEdit(current);
    if (replace) byId.set(next.id, next);
    // A sample added earlier in this same merge stays "added" even if a later copy replaces it.
    const before = outcome.get(next.id);
    if (before !== 'added') outcome.set(next.id, replace || before === 'updated' ? 'updated' : 'kept');
  }
  const ids = (kind: string) => [...outcome].filter(([, o]) => o === kind).map(([id]) => id);
  return { samples: [...byId.values()], added: ids('added'), kept: ids('kept'), updated: ids('updated'), duplicates };
}
