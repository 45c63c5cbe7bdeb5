/**
 * The studio's place in the address bar: `#/` the library, `#/sample/<id>` a sample,
 * `#/dashboard` the dashboard. Opening a sample adds a history entry, so the browser's back and
 * forward move between library and samples; a link to a sample opens it; a reload keeps the
 * place. The location itself (window.location and history) comes from the composition root.
 */
import type { StudioLocation } from '../deps';
import type { StudioContext } from '../context';
import type { StudioState } from '../state';
import { hasSample } from '../library/entries';

export type Place = { view: 'library' } | { view: 'dashboard' } | { view: 'sample'; sampleId: string };

export function placeOf(s: Pick<StudioState, 'view' | 'openSampleId'>): Place {
  if (s.view === 'sample' && s.openSampleId) return { view: 'sample', sampleId: s.openSampleId };
  return s.view === 'dashboard' ? { view: 'dashboard' } : { view: 'library' };
}

export function pathOf(place: Place): string {
  if (place.view === 'sample') return `#/sample/${encodeURIComponent(place.sampleId)}`;
  return place.view === 'dashboard' ? '#/dashboard' : '#/';
}

export function parsePath(path: string): Place | null {
  const hash = path.replace(/^#/, '');
  const sample = /^\/sample\/([^/?#]+)$/.exec(hash);
  if (sample) {
    try {
      return { view: 'sample', sampleId: decodeURIComponent(sample[1]!) };
    } catch {
      return null;
    }
  }
  if (hash === '/dashboard') return { view: 'dashboard' };
  if (hash === '' || hash === '/') return { view: 'library' };
  return null;
}

/** The state change that shows `place` (null when the sample is not in this studio). */
export function goTo(s: StudioState, place: Place): Partial<StudioState> | null {
  if (place.view !== 'sample') return { view: place.view };
  if (!s.samples[place.sampleId]) return null;
  return { view: 'sample', openSampleId: place.sampleId, cursorStep: s.openSampleId === place.sampleId ? s.cursorStep : 0, libraryCursor: place.sampleId };
}

/** Keeps the address and the state in step, both ways, once the studio is ready. */
export function startRouting(ctx: StudioContext, location: StudioLocation): () => void {
  let written = location.read();
  const write = (path: string, mode: 'push' | 'replace') => {
    if (path === written) return;
    written = path;
    location.write(path, mode);
  };
  const stopState = ctx.store.subscribe((s, prev) => {
    if (!s.ready) return;
    const path = pathOf(placeOf(s));
    // Only a move of the studio's place writes the address: any other change (a filter, a fact
    // arriving) while a link is being followed — its trace read from disk — would send the
    // address back to the place the studio is leaving.
    if (prev.ready && path === pathOf(placeOf(prev))) return;
    // The first ready state sets the address without a new entry; later moves add one.
    write(path, prev.ready ? 'push' : 'replace');
  });
  const stopLocation = location.subscribe((path) => {
    written = path;
    const place = parsePath(path);
    const follow = () => {
      const change = place && goTo(ctx.get(), place);
      if (change) ctx.set(change);
      else if (ctx.get().ready) write(pathOf(placeOf(ctx.get())), 'replace');
    };
    // A sample whose trace is still on disk is read first.
    if (place?.view === 'sample' && !ctx.get().samples[place.sampleId] && hasSample(ctx.get(), place.sampleId)) {
      void ctx.loader.ensure([place.sampleId]).then(follow, follow);
    } else if (place?.view === 'dashboard' && !ctx.loader.allLoaded()) {
      void ctx.loader.ensureAll().then(follow, follow);
    } else follow();
  });
  return () => {
    stopState();
    stopLocation();
  };
}
