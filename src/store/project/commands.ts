/**
 * The project as a whole: importing files and pasted traces, backing up and restoring, the
 * export dialog, and retrying a failed save. Files come and go through the studio's file
 * port (the browser's picker and downloads in main.tsx), so these commands run from the
 * palette and the keyboard as well as from their buttons.
 */
import type { Hint } from '../../core/hints';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import type { StudioSettings } from '../settings/state';
import { defaultSettings } from '../settings/state';
import { withProjectProfile } from '../settings/settings';
import { errorText } from '../../core/util';
import { backupDocument, backupFileName, readBackup, restoreOrExplain, serverRestoreReport, type HereExtras } from './backup';
import { importIntoStudio, nextTask, pasteIntoStudio, phase } from './importing';
import { pastedTwin } from './paste';
import { importPastedTrace } from '../../core/import';
import type { Sample } from '../../core/sample/types';
import type { NamedFile, PastedTraceInput, RestoreReport } from './state';
import type { RemoteImporter } from '../sync/serverImport';

/** File types the importers understand; other files are still offered to them (pasted traces). */
export const IMPORT_ACCEPT = '.jsonl,.json,.ndjson,.parquet,.txt,.md';

/** A file to import: as chosen (a File) or already read. */
export type ImportInput = File | NamedFile;

/** Reads chosen files into bytes (those read already stay as they are); a File stays their source, read again only if the import worker dies. */
export async function readNamedFiles(files: Iterable<ImportInput>): Promise<NamedFile[]> {
  return Promise.all([...files].map(async (file) => (file instanceof Blob ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), source: file } : file)));
}

interface ProjectDeps {
  /** Adopts settings from a backup (into this browser's local database). */
  saveSettings: (settings: StudioSettings) => Promise<unknown>;
  /** Adds a custom hint from a backup. */
  saveHint: (hint: Hint) => Promise<unknown>;
}

export function projectCommands(ctx: StudioContext, deps: ProjectDeps) {
  const { get, set, saves } = ctx;
  const inLibrary = () => get().view === 'library';

  async function pick(accept: string, multiple: boolean): Promise<File[]> {
    if (!ctx.deps.files) return [];
    return ctx.deps.files.pick({ accept, multiple });
  }

  async function importNamed(files: NamedFile[], opts: { silent?: boolean } = {}) {
    set({ importing: true });
    try {
      // The merge looks for each incoming sample's twin among all of the studio's.
      return await ctx.loader.whileAll(() => mergeFiles(files, opts));
    } finally {
      set({ importing: false });
    }
  }

  /**
   * Into a team server's project (the composition root gave a remote importer): the files go
   * up as they are, streamed from disk; the rows come back through the change feed.
   */
  async function importRemote(remote: RemoteImporter, files: ImportInput[], opts: { silent?: boolean }) {
    set({ importing: true, importStatus: { label: 'Importing…', detail: `The server is importing ${files.map((f) => f.name).join(', ')}` } });
    try {
      const sources = files.map((f) => ({ name: f.name, body: f instanceof Blob ? f : new Blob([f.bytes as Uint8Array<ArrayBuffer>]) }));
      const report = await remote.importFiles(sources, (status) => set({ importStatus: status }));
      if (!opts.silent) set({ importReport: report });
      return report;
    } finally {
      set({ importing: false, importStatus: null });
    }
  }

  /** The merge of an import, with every sample in memory (importNamed). */
  async function mergeFiles(files: NamedFile[], opts: { silent?: boolean }) {
    const before = get().samples;
    const result = await importIntoStudio(files, before, ctx.deps.importOffThread, get().settings.customProfiles ?? []);
    // Profiles an export's manifest or a backup brought: the project's from now on, before its samples are saved.
    if (result.adoption.added.length) await deps.saveSettings({ ...get().settings, customProfiles: result.adoption.profiles });
    // Problems without a trace will be written in the project's trace profile.
    const samples = withProjectProfile(result.samples, result.changedIds.filter((id) => !before[id]), get().settings);
    // The library's render of the merged samples in a task of its own, after the merge's.
    await nextTask();
    // The row cursor stays on its sample: an import does not move the reader's place.
    set({ samples });
    // The report waits for the write: it never says "imported" for samples that are not on disk.
    const report = (await saves.saveNow(result.changedIds)) ? result.report : { ...result.report, notSaved: get().saveError ?? 'The save failed.' };
    phase('import-saved');
    if (!opts.silent) set({ importReport: report });
    return report;
  }

  /** A restore here: every trace read, merged by core's rule, the changed samples saved. */
  async function restoreHere(body: string, fileName: string): Promise<RestoreReport> {
    const result = await ctx.loader.whileAll(async () => {
      const { settings, hintLibrary } = get();
      const here: HereExtras = { settings, hintLibrary };
      const merged = restoreOrExplain(body, fileName, get().samples, here);
      if (merged.samples) set({ samples: merged.samples });
      // Like an import's, the report waits for the write and never claims a failed one.
      return { ...merged, saved: !merged.changedIds.length || (await saves.saveNow(merged.changedIds)) };
    });
    return result.saved ? result.report : { ...result.report, notSaved: get().saveError ?? 'The save failed.' };
  }

  /**
   * A restore into a team server's project: the file goes up to the server's import, which
   * merges it by the same rule (newer edits become new versions), with no trace read here and
   * nothing through the outbox; its answer becomes the same report. The rows come back through
   * the change feed.
   */
  async function restoreRemote(remote: RemoteImporter, text: string, fileName: string, file: Blob): Promise<RestoreReport> {
    const read = readBackup(text, fileName);
    if ('report' in read) return read.report;
    // What was held before, to say per sample what the restore changed (entries: no traces).
    const { samples, entries, settings, hintLibrary } = get();
    const before = (id: string) => samples[id] ?? entries[id];
    set({ importing: true, importStatus: { label: 'Restoring…', detail: `The server is restoring ${fileName}` } });
    try {
      const server = await remote.restore({ name: fileName, body: file }, (status) => set({ importStatus: status }));
      return serverRestoreReport(read.project, fileName, server, before, { settings, hintLibrary });
    } catch (err) {
      // Refused or unreachable: the server changed nothing, and says why.
      const error = `The server did not restore ${fileName}: ${errorText(err)}. Nothing was changed.`;
      return { file: fileName, backupTakenAt: read.project.exportedAt, rows: [], rejects: [], error, extras: { hints: [], notes: [] } };
    } finally {
      set({ importing: false, importStatus: null });
    }
  }

  /** Settings and hints go through their own features, which keep them in this browser. */
  async function adoptExtras(extras: RestoreReport['extras']): Promise<void> {
    // The backup's own profiles come through planExtrasRestore's adoption (validated, never replacing one here).
    if (extras.settings || extras.profiles) {
      const base = extras.settings ? ({ ...defaultSettings(), ...extras.settings } as StudioSettings) : get().settings;
      await deps.saveSettings({ ...base, customProfiles: extras.profiles ?? get().settings.customProfiles });
    }
    for (const hint of extras.hints) await deps.saveHint(hint);
  }

  return {
    /** Import files (given, or chosen in the file picker). */
    importFiles: defineCommand({
      id: 'importFiles',
      label: 'Import files…',
      group: 'Project',
      scope: 'library',
      capture: 'none',
      perform: async (_call, files?: ImportInput[], opts: { silent?: boolean } = {}) => {
        const chosen = files ?? (await pick(IMPORT_ACCEPT, true));
        if (!chosen.length) return undefined;
        const remote = ctx.deps.remoteImport;
        if (remote) return importRemote(remote, chosen, opts);
        return importNamed(await readNamedFiles(chosen), opts);
      },
    }),
    openPasteDialog: defineCommand({
      id: 'openPasteDialog',
      label: 'Paste trace…',
      group: 'Project',
      scope: 'library',
      capture: 'none',
      perform: () => set({ pasteDialogOpen: true }),
    }),
    closePasteDialog: defineCommand({
      id: 'closePasteDialog',
      label: 'Cancel',
      group: 'Project',
      scope: 'dialog:paste',
      palette: false,
      capture: 'none',
      perform: () => set({ pasteDialogOpen: false }),
    }),
    importPastedTrace: defineCommand({
      id: 'importPastedTrace',
      label: 'Import pasted trace',
      group: 'Project',
      scope: 'dialog:paste',
      takesArgs: true,
      capture: 'none',
      perform: async (_call, text: string, input: PastedTraceInput): Promise<string> => {
        // A twin is found from the entries (paste.ts); only its trace is read, not every trace.
        const twin = await pastedTwin(importPastedTrace(text, { ...input, name: 'pasted' }), get(), (ids) => ctx.loader.peek(ids));
        const existing: Record<string, Sample> = {};
        if (twin) {
          const held = get().samples[twin.id] ?? twin.sample ?? (await ctx.loader.peek([twin.id]))[0];
          if (!held) throw new Error(`This trace is already in the project (sample ${twin.id}), which cannot be read now: ${get().sync.unavailable ?? 'try again'}`);
          existing[twin.id] = held;
        }
        const pasted = pasteIntoStudio(text, input, existing);
        const samples = { ...get().samples };
        for (const id of pasted.changedIds) samples[id] = pasted.samples[id]!;
        // A duplicate is reported in the library, as a file import reports it; a new trace opens.
        const view = pasted.duplicate ? { view: 'library' as const } : { view: 'sample' as const, openSampleId: pasted.openId, cursorStep: 0 };
        set({ samples, pasteDialogOpen: false, importReport: pasted.report, libraryCursor: pasted.openId, ...view });
        void saves.saveNow(pasted.changedIds).then((saved) => {
          if (!saved && get().importReport === pasted.report) set({ importReport: { ...pasted.report, notSaved: get().saveError ?? 'The save failed.' } });
        });
        return pasted.openId;
      },
    }),
    dismissImportReport: defineCommand({
      id: 'dismissImportReport',
      label: 'Dismiss import report',
      group: 'Project',
      scope: 'library',
      when: (s) => s.importReport !== null,
      capture: 'none',
      perform: () => set({ importReport: null }),
    }),
    /** One file with every sample, the settings (no API keys) and the hint library, downloaded. */
    backUpProject: defineCommand({
      id: 'backUpProject',
      label: 'Back up project',
      group: 'Project',
      scope: 'library',
      capture: 'none',
      // Every sample goes in: traces still on disk are read first.
      perform: () =>
        ctx.loader.whileAll(() => {
          const { samples, settings, hintLibrary } = get();
          const takenAt = ctx.clock.now();
          const file = { name: backupFileName(takenAt), text: backupDocument(samples, { settings, hintLibrary }, takenAt) };
          ctx.deps.files?.download(file.name, file.text, 'application/json');
          return file;
        }),
    }),
    /** Merges a backup (given, or chosen) without clobbering newer edits; adopts its settings and hints as planned. */
    restoreBackup: defineCommand({
      id: 'restoreBackup',
      label: 'Restore / merge backup…',
      group: 'Project',
      scope: 'library',
      capture: 'none',
      perform: async (_call, text?: string, fileName?: string): Promise<RestoreReport | undefined> => {
        let chosen: File | undefined;
        if (text === undefined) {
          [chosen] = await pick('.json', false);
          if (!chosen) return undefined;
          text = await chosen.text();
          fileName = chosen.name;
        }
        const remote = ctx.deps.remoteImport;
        const name = fileName ?? 'backup.json';
        // The file chosen goes up from disk as it is (no second copy of its text).
        const report = remote ? await restoreRemote(remote, text, name, chosen ?? new Blob([text])) : await restoreHere(text, name);
        set({ restoreReport: report, libraryCursor: null });
        await adoptExtras(report.extras);
        return report;
      },
    }),
    dismissRestoreReport: defineCommand({
      id: 'dismissRestoreReport',
      label: 'Dismiss restore report',
      group: 'Project',
      scope: 'library',
      when: (s) => s.restoreReport !== null,
      capture: 'none',
      perform: () => set({ restoreReport: null }),
    }),
    openExportDialog: defineCommand({
      id: 'openExportDialog',
      label: 'Export…',
      group: 'Project',
      scope: 'library',
      keys: ['e'],
      when: inLibrary,
      capture: 'none',
      // The export is of every sample: traces still on disk are read first.
      perform: () => ctx.loader.withAll(() => set({ exportDialogOpen: true })),
    }),
    closeExportDialog: defineCommand({
      id: 'closeExportDialog',
      label: 'Close',
      group: 'Project',
      scope: 'dialog:export',
      palette: false,
      capture: 'none',
      perform: () => set({ exportDialogOpen: false }),
    }),
    retrySave: defineCommand({
      id: 'retrySave',
      label: 'Retry saving',
      group: 'Studio',
      scope: 'global',
      when: (s) => s.saveError !== null,
      capture: 'none',
      perform: () => saves.flush(),
    }),
  };
}
