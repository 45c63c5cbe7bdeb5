import type { StoreApi } from 'zustand/vanilla';
import type { Sample } from '../core/sample/types';
import type { Trace } from '../core/trace/types';
import { defineAction } from './actions';
import { importIntoStudio, pasteIntoStudio, type NamedFile, type PastedTraceInput } from './importing';
import type { SaveQueue } from './saveQueue';
import { defaultFilters, type LibraryFilters, type LibrarySortColumn, type StudioState } from './state';
import { stepsOf } from './steps';
import { createSampleHistory, type SampleEdit, type SampleHistory } from './history';
import { memoryLocalSettings, type LocalSettingsPersistence } from './localSettings';
import { createHintEngineeringActions } from './hintEngineering';

interface ActionContext {
  store: StoreApi<StudioState>;
  saves: SaveQueue;
  /** Undo stacks of sample edits (default: per tab, kept in sessionStorage). */
  history?: SampleHistory;
  /** Where settings and the hint library live (default: in memory). */
  local?: LocalSettingsPersistence;
}

const inSample = (s: StudioState) => s.view === 'sample' && s.openSampleId !== null;
const noDialog = (s: StudioState) => !s.pasteDialogOpen;

/** Sample fields an action may patch; identity and provenance never change after import. */
export type SamplePatch = Partial<Omit<Sample, 'id' | 'origin' | 'createdAt'>>;

export function createStudioActions({ store, saves, history = createSampleHistory(), local = memoryLocalSettings() }: ActionContext) {
  const get = store.getState;
  const set = store.setState;

  function stepCount(): number {
    const s = get();
    const sample = s.openSampleId ? s.samples[s.openSampleId] : undefined;
    return sample ? stepsOf(sample.trace).length : 0;
  }

  function moveCursor(delta: number): void {
    const last = stepCount() - 1;
    if (last < 0) return;
    set({ cursorStep: Math.max(0, Math.min(last, get().cursorStep + delta)) });
  }

  /** The one path every sample change takes: it records undo history, then schedules the save. */
  function writeSample(sampleId: string, change: (sample: Sample) => Sample, edit: SampleEdit = { label: 'Edit sample' }): boolean {
    const current = get().samples[sampleId];
    if (!current) return false;
    const next = { ...change(current), id: current.id, updatedAt: new Date().toISOString() };
    history.record(current, edit);
    set({ samples: { ...get().samples, [sampleId]: next }, historyVersion: get().historyVersion + 1 });
    saves.markSample(sampleId);
    return true;
  }

  return {
    // First, so their Escape and letter bindings are looked up before the ones below.
    ...createHintEngineeringActions({ store, writeSample, history, local, markSample: (id) => saves.markSample(id) }),
    openSample: defineAction({
      name: 'openSample',
      label: 'Open sample',
      perform: (sampleId: string) => {
        if (!get().samples[sampleId]) return;
        const sameSample = get().openSampleId === sampleId;
        set({ view: 'sample', openSampleId: sampleId, cursorStep: sameSample ? get().cursorStep : 0 });
      },
    }),
    backToLibrary: defineAction({
      name: 'backToLibrary',
      label: 'Back to library',
      keys: ['Escape'],
      when: (s) => inSample(s) && noDialog(s),
      perform: () => set({ view: 'library' }),
    }),
    cursorNext: defineAction({
      name: 'cursorNext',
      label: 'Next step',
      keys: ['j', 'ArrowDown'],
      when: (s) => inSample(s) && noDialog(s),
      perform: () => moveCursor(1),
    }),
    cursorPrev: defineAction({
      name: 'cursorPrev',
      label: 'Previous step',
      keys: ['k', 'ArrowUp'],
      when: (s) => inSample(s) && noDialog(s),
      perform: () => moveCursor(-1),
    }),
    setCursor: defineAction({
      name: 'setCursor',
      label: 'Put cursor on step',
      perform: (index: number) => moveCursor(index - get().cursorStep),
    }),
    setFilters: defineAction({
      name: 'setFilters',
      label: 'Filter library',
      perform: (patch: Partial<LibraryFilters>) => set({ filters: { ...get().filters, ...patch } }),
    }),
    clearFilters: defineAction({
      name: 'clearFilters',
      label: 'Clear filters',
      perform: () => set({ filters: { ...defaultFilters } }),
    }),
    sortBy: defineAction({
      name: 'sortBy',
      label: 'Sort library',
      // Clicking the sorted column again flips the direction, like every spreadsheet.
      perform: (column: LibrarySortColumn) => {
        const { sort } = get();
        const direction = sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc';
        set({ sort: { column, direction } });
      },
    }),
    importFiles: defineAction({
      name: 'importFiles',
      label: 'Import files',
      perform: async (files: NamedFile[], opts: { silent?: boolean } = {}) => {
        set({ importing: true });
        try {
          const result = await importIntoStudio(files, get().samples);
          set({ samples: result.samples, ...(opts.silent ? {} : { importReport: result.report }) });
          void saves.saveNow(result.changedIds);
          return result.report;
        } finally {
          set({ importing: false });
        }
      },
    }),
    openPasteDialog: defineAction({
      name: 'openPasteDialog',
      label: 'Paste trace…',
      perform: () => set({ pasteDialogOpen: true }),
    }),
    closePasteDialog: defineAction({
      name: 'closePasteDialog',
      label: 'Cancel',
      perform: () => set({ pasteDialogOpen: false }),
    }),
    importPastedTrace: defineAction({
      name: 'importPastedTrace',
      label: 'Import pasted trace',
      perform: (text: string, input: PastedTraceInput) => {
        const pasted = pasteIntoStudio(text, input, get().samples);
        // A duplicate is reported in the library, as a file import reports it; a new trace opens.
        const view = pasted.duplicate ? { view: 'library' as const } : { view: 'sample' as const, openSampleId: pasted.openId, cursorStep: 0 };
        set({ samples: pasted.samples, pasteDialogOpen: false, importReport: pasted.report, ...view });
        void saves.saveNow(pasted.changedIds);
        return pasted.openId;
      },
    }),
    dismissImportReport: defineAction({
      name: 'dismissImportReport',
      label: 'Dismiss import report',
      perform: () => set({ importReport: null }),
    }),
    retrySave: defineAction({
      name: 'retrySave',
      label: 'Retry saving',
      perform: () => saves.flush(),
    }),
    /** Generic edit used by other features (Python runs, hints). Returns false for an unknown id. */
    updateSample: defineAction({
      name: 'updateSample',
      label: 'Edit sample',
      perform: (sampleId: string, patch: SamplePatch, label: string = 'Edit sample') => writeSample(sampleId, (s) => ({ ...s, ...patch }), { label }),
    }),
    /** Replaces a sample's trace; `label` names the edit for the activity line (and later undo). */
    updateSampleTrace: defineAction({
      name: 'updateSampleTrace',
      label: 'Edit trace',
      perform: (sampleId: string, edit: (trace: Trace) => Trace, label: string) => {
        const ok = writeSample(sampleId, (s) => ({ ...s, trace: edit(s.trace) }), { label });
        if (ok) set({ lastEdit: { sampleId, label, at: new Date().toISOString() } });
        return ok;
      },
    }),
  };
}

export type StudioActions = ReturnType<typeof createStudioActions>;
