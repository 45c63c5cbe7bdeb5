/**
 * A pasted trace's twin — the sample already holding its prompt and response, into which the
 * paste merges (src/store/project/importing.ts, core/project's merge) — found from the library's
 * entries, without reading every trace. Entries keep the sample's content key (core/sample/entry.ts
 * `contentKey`: its prompt and response), so a twin is found whatever id it is stored under — also
 * one of an older id scheme, not made from its content. An entry stored before entries kept the
 * key is matched by what it does keep: a twin holds the pasted problem, so among the keyless
 * entries of that very problem an id made of the pasted content is looked for, and failing
 * that only their traces are read, and compared by their content key.
 */
import { contentKey, sampleId } from '../../core/import';
import type { Sample } from '../../core/sample/types';
import type { LibraryEntry } from '../library/state';

/** What the studio holds: the stored entries and the samples in memory. */
export interface HeldSamples {
  entries: Record<string, Pick<LibraryEntry, 'problem' | 'contentKey' | 'origin'>>;
  samples: Record<string, Sample>;
}

/**
 * The id of the sample holding the pasted content, with that sample when it was read to find it;
 * `read` reads traces of samples not in memory (at most those of keyless entries of the same problem).
 */
export async function pastedTwin(
  pasted: Pick<Sample, 'id' | 'prompt' | 'original' | 'problem'>,
  held: HeldSamples,
  read: (ids: string[]) => Promise<Sample[]>,
): Promise<{ id: string; sample?: Sample } | undefined> {
  // The same id first: the same trace pasted again.
  if (held.samples[pasted.id] || held.entries[pasted.id]) return { id: pasted.id, sample: held.samples[pasted.id] };
  const key = contentKey(pasted);
  for (const id in held.samples) if (contentKey(held.samples[id]!) === key) return { id, sample: held.samples[id] };
  const keyless: string[] = [];
  for (const id in held.entries) {
    if (held.samples[id]) continue;
    const entry = held.entries[id]!;
    if (entry.contentKey === key) return { id };
    if (entry.contentKey === undefined && entry.problem === pasted.problem) keyless.push(id);
  }
  if (!keyless.length) return undefined;
  // An id of today's scheme is made of the content (prompt, generation index, response): tried at each index the keyless entries hold, unread.
  const indexes = new Set(keyless.map((id) => held.entries[id]!.origin.genIndex));
  for (const g of indexes) {
    const id = sampleId(pasted.prompt, g, pasted.original);
    if (keyless.includes(id)) return { id };
  }
  const twin = (await read(keyless)).find((s) => contentKey(s) === key);
  return twin && { id: twin.id, sample: twin };
}
