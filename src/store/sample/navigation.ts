/**
 * Moving around: opening a sample (from the library, the palette, a link), back to the
 * library, and the step cursor.
 */
import { defineCommand, type CommandEntry } from '../commands/types';
import type { StudioContext } from '../context';
import type { StudioState } from '../state';
import { openSampleOf } from './selectors';
import { hasSample, libraryItems } from '../library/entries';
import { stepsOf } from './steps';

/** Samples the palette offers for a query: problem text matches, best first, a few at most. */
export const PALETTE_SAMPLES = 8;

function sampleEntries(state: StudioState, query: string): CommandEntry<[string]>[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const matches: { id: string; problem: string; score: number }[] = [];
  for (const { entry } of libraryItems(state)) {
    const text = entry.problem.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    // Earlier matches rank first: a query for the start of a problem finds it.
    matches.push({ id: entry.id, problem: entry.problem, score: text.indexOf(words[0]) });
  }
  matches.sort((a, b) => a.score - b.score || a.problem.localeCompare(b.problem) || a.id.localeCompare(b.id));
  return matches.slice(0, PALETTE_SAMPLES).map((m) => ({
    key: `openSample:${m.id}`,
    label: `Open: ${m.problem.replace(/\s+/g, ' ').slice(0, 90)}`,
    args: [m.id],
  }));
}

export function navigationCommands(ctx: StudioContext) {
  const { get, set } = ctx;

  function moveCursor(delta: number): void {
    const sample = openSampleOf(get());
    const last = sample ? stepsOf(sample.trace).length - 1 : -1;
    if (last < 0) return;
    set({ cursorStep: Math.max(0, Math.min(last, get().cursorStep + delta)) });
  }

  return {
    openSample: defineCommand({
      id: 'openSample',
      label: 'Open sample',
      group: 'Library',
      scope: 'global',
      takesArgs: true,
      // The palette finds a sample by its problem text.
      palette: sampleEntries,
      capture: 'none',
      // A sample whose trace is still on disk is read first (resolves when it shows).
      perform: (_call, sampleId: string): boolean | Promise<boolean> => {
        const open = () => {
          if (!get().samples[sampleId]) return false;
          const sameSample = get().openSampleId === sampleId;
          set({ view: 'sample', openSampleId: sampleId, cursorStep: sameSample ? get().cursorStep : 0, libraryCursor: sampleId });
          return true;
        };
        if (get().samples[sampleId] || !hasSample(get(), sampleId)) return open();
        return ctx.loader.ensure([sampleId]).then(open);
      },
    }),
    backToLibrary: defineCommand({
      id: 'backToLibrary',
      label: 'Back to library',
      group: 'Sample',
      scope: 'global',
      keys: ['Escape'],
      when: (s) => s.view !== 'library',
      capture: 'none',
      perform: () => set({ view: 'library' }),
    }),
    cursorNext: defineCommand({
      id: 'cursorNext',
      label: 'Next step',
      group: 'Sample',
      scope: 'sample',
      keys: ['j', 'ArrowDown'],
      capture: 'none',
      perform: () => moveCursor(1),
    }),
    cursorPrev: defineCommand({
      id: 'cursorPrev',
      label: 'Previous step',
      group: 'Sample',
      scope: 'sample',
      keys: ['k', 'ArrowUp'],
      capture: 'none',
      perform: () => moveCursor(-1),
    }),
    setCursor: defineCommand({
      id: 'setCursor',
      label: 'Put cursor on step',
      group: 'Sample',
      scope: 'sample',
      takesArgs: true,
      capture: 'none',
      perform: (_call, index: number) => moveCursor(index - get().cursorStep),
    }),
  };
}
