/**
 * The library's read at start from IndexedDB: entries, not traces (store `library`), the UI
 * snapshot and the journal. A big library is read in pages: the first is returned at once so
 * the library paints, the rest is read afterwards (`rest`), a page per task, each in a
 * readonly transaction of its own, so neither the first row nor any one task waits for the
 * whole store to be copied into the page.
 */
import type { IDBPDatabase } from 'idb';
import type { Sample } from '../../core/sample/types';
import { entryTextSharing, type LibraryEntry } from '../library/entries';
import type { LibraryReadOptions, LoadedLibrary } from './persistenceTypes';
import { STORES, UI_KEY, type StudioDB } from './persistenceSchema';
import { decideSave, type SampleConflict } from './versions';

/**
 * Entries per page after the first: small enough that copying one into the page is a short task
 * (500 took 35–57 ms on a loaded machine, with the interning; bench/profile-reload.ts).
 */
export const ENTRY_PAGE = 250;

type StoredEntry = LibraryEntry & { version?: number };

/** A page of stored entries as the studio holds them, and the version each was stored at. */
function split(page: StoredEntry[], entries: LibraryEntry[], versions: Record<string, number>, share: (entry: LibraryEntry) => LibraryEntry): void {
  for (const stored of page) {
    const { version, ...entry } = stored;
    versions[entry.id] = version ?? 1;
    entries.push(share(entry));
  }
}

const after = (id: string | undefined) => (id === undefined ? undefined : IDBKeyRange.lowerBound(id, true));

export async function readLibrary(d: IDBPDatabase<StudioDB>, { firstPage = Infinity, include = [] }: LibraryReadOptions = {}): Promise<LoadedLibrary> {
  const tx = d.transaction(STORES, 'readonly');
  const library = tx.objectStore('library');
  const [ui, pending] = await Promise.all([tx.objectStore('meta').get(UI_KEY), tx.objectStore('pending').getAll()]);
  const entries: LibraryEntry[] = [];
  const versions: Record<string, number> = {};
  const share = entryTextSharing();
  // The first page; when the whole library is asked for, every page in this one transaction.
  const size = Math.min(firstPage, ENTRY_PAGE);
  let last: string | undefined;
  let more = false;
  for (;;) {
    const page = await library.getAll(after(last), size);
    split(page, entries, versions, share);
    more = page.length === size;
    if (page.length) last = page[page.length - 1]!.id;
    if (!more || entries.length >= firstPage) break;
  }
  // Entries the first paint needs that lie beyond the first page: the open sample's, a link's.
  const wanted = new Set(include);
  if (ui?.openSampleId) wanted.add(ui.openSampleId);
  const given = new Set<string>();
  if (more) {
    const extra = [...wanted].filter((id) => last !== undefined && id > last);
    for (const entry of await Promise.all(extra.map((id) => library.get(id)))) {
      if (!entry) continue;
      split([entry], entries, versions, share);
      given.add(entry.id);
    }
  }
  // Journal entries are few (edits not yet written, refused ones): their stored samples and versions are read now.
  const [existing, existingVersions] = await Promise.all([
    Promise.all(pending.map((p) => tx.objectStore('samples').get(p.mine.id))),
    Promise.all(pending.map((p) => tx.objectStore('versions').get(p.mine.id))),
  ]);
  const conflicts: SampleConflict[] = [];
  const unsaved: Sample[] = [];
  const held: Sample[] = [];
  pending.forEach((p, i) => {
    const current = existing[i];
    const decision = decideSave(current && { sample: current, ...(existingVersions[i] ?? { version: 1, writer: '' }) }, p.mine, p.baseVersion, p.writer);
    if (decision.kind === 'conflict') {
      conflicts.push(decision.conflict);
      if (current) held.push(current);
    } else if (decision.kind === 'write') unsaved.push(p.mine);
  });
  const loaded: LoadedLibrary = { entries, samples: held, versions, ui: ui ?? null, conflicts, unsaved };
  if (!more) return loaded;
  return {
    ...loaded,
    async rest(visit) {
      for (let from = last; ; ) {
        const page = await d.getAll('library', after(from), ENTRY_PAGE);
        if (!page.length) return;
        from = page[page.length - 1]!.id;
        const chunk: LibraryEntry[] = [];
        const chunkVersions: Record<string, number> = {};
        split(
          page.filter((e) => !given.has(e.id)),
          chunk,
          chunkVersions,
          share,
        );
        if (chunk.length) await visit(chunk, chunkVersions);
        if (page.length < ENTRY_PAGE) return;
      }
    },
  };
}
