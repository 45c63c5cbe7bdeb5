/**
 * A view that crashed or froze the studio must not reopen by itself. The studio restores the
 * last open sample on start; if that sample is what broke it (a formula that overflowed the
 * stack, a paragraph that froze the tab), every reload breaks it again and the user is locked
 * out. So opening a view leaves a mark in storage that is cleared once the view has rendered
 * and settled; a start that finds the mark still there opens the library instead and says why.
 *
 * Pure functions over a Storage-like object (localStorage in the browser: it outlives the
 * tab, as the restored view does).
 */

/** The part of the Web Storage API the guard needs. */
export interface GuardStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const START_GUARD_KEY = 'hint-studio:opening-view';

/** What was being opened when the studio last went down. */
export interface OpeningMark {
  /** The view ('sample', 'dashboard', …) and, for a sample, its id. */
  view: string;
  sampleId?: string | null;
  /** Set by recordCrash: the error's name; absent when the page froze or closed mid-opening. */
  crashed?: string;
  at: string;
}

function read(storage: GuardStorage): OpeningMark | null {
  try {
    const value = storage.getItem(START_GUARD_KEY);
    if (!value) return null;
    const mark = JSON.parse(value) as OpeningMark;
    return mark && typeof mark.view === 'string' ? mark : null;
  } catch {
    return null; // storage refused (private mode, quota) or a mark from elsewhere: no guard
  }
}

function write(storage: GuardStorage, mark: OpeningMark | null): void {
  try {
    if (mark) storage.setItem(START_GUARD_KEY, JSON.stringify(mark));
    else storage.removeItem(START_GUARD_KEY);
  } catch {
    // Storage unavailable: the guard is best effort, the studio must still start.
  }
}

/**
 * At start, before restoring the last view: the view a previous start or navigation was
 * opening and never settled (it crashed, froze, or the tab was closed mid-opening), else
 * null. The mark is cleared, so one start on the library is enough to recover.
 */
export function takeUnsettledView(storage: GuardStorage): OpeningMark | null {
  const mark = read(storage);
  if (mark) write(storage, null);
  return mark;
}

/** Call when a view starts opening (at start, and when the user navigates to a sample). */
export function markViewOpening(storage: GuardStorage, view: string, sampleId: string | null = null, now = new Date()): void {
  write(storage, { view, sampleId, at: now.toISOString() });
}

/** Call once the view has rendered and the page has been idle since (it did not crash or freeze). */
export function markViewSettled(storage: GuardStorage): void {
  write(storage, null);
}

/** Call from the top-level error boundary: the mark stays, naming the error, so the next start avoids the view. */
export function recordCrash(storage: GuardStorage, view: string, sampleId: string | null, error: unknown, now = new Date()): void {
  const crashed = error instanceof Error ? error.name : 'Error';
  write(storage, { view, sampleId, crashed, at: now.toISOString() });
}

/** The banner a start shows when it opened the library instead of an unsettled view. */
export function unsettledViewMessage(mark: OpeningMark): string {
  const what = mark.view === 'sample' && mark.sampleId ? `sample ${mark.sampleId}` : `the ${mark.view} view`;
  const how = mark.crashed ? `crashed (${mark.crashed})` : 'did not finish opening';
  return `The studio ${how} while showing ${what} last time, so it opened the library instead. Nothing was deleted; open the sample again to retry.`;
}
