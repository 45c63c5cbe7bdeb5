/**
 * The headless studio (tldraw's Editor is the model): the whole working session — samples and
 * their persistence, the library, cell runs and Run all, generation, checks, review, undo —
 * behind one object. The UI reads `store` and runs `actions`; a Node program composes the same
 * studio with Node parts. `createStudio` builds nothing it is not given (see deps.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Sample } from '../core/sample/types';
import { appCommands } from './app/commands';
import { goTo, parsePath, startRouting } from './app/routing';
import { createChecksService, type ChecksService } from './checks/checks';
import type { KeyPress } from './commands/keys';
import { bindCommands, helpSections, paletteEntries, resolveKey, type BoundCommands, type HelpSection, type KeyTarget, type ListedCommand } from './commands/registry';
import type { Capture, Command } from './commands/types';
import type { StudioContext } from './context';
import { systemClock, type StudioDeps } from './deps';
import { generationCommands } from './generate/generation';
import { createHints, type HintsService } from './hints/hints';
import { editCommands } from './hints/edits';
import { createEntryFacts } from './library/entryFacts';
import { createLibraryService, libraryCommands, type LibraryService } from './library/commands';
import { projectCommands } from './project/commands';
import { exportSessionOnThisThread, type ExportSessionFactory } from './project/exportOffThread';
import { pythonCommands, startPythonSession } from './python/cells';
import { createReview, type ReviewService } from './review/review';
import { queueCommands } from './review/queue';
import { navigationCommands } from './sample/navigation';
import { createSampleLoader, type SampleLoader } from './sample/loading';
import { awaitingLibrary, mergeLibraryRest } from './library/streamed';
import { hasSample, storedEntryOf } from './library/entries';
import { projectProfiles } from './settings/profiles';
import { stepLabelCommands } from './sample/labels';
import type { LoadedLibrary, StudioPersistence } from './session/persistence';
import { SaveQueue } from './session/saveQueue';
import { adminCommands } from './admin/commands';
import { teamCommands } from './team/commands';
import { uiSnapshot, type UiSnapshot } from './session/ui';
import { createSampleHistory, type HistoryStatus } from './session/undo';
import { createCallFactory } from './session/write';
import { memoryLocalSettings } from './settings/localSettings';
import { createSettingsService, settingsCommands, type SettingsService } from './settings/settings';
import { syncCommands } from './sync/commands';
import { createVersionTracker, type VersionTracker } from './sync/versioned';
import { createTokenizer, type TokenizerService } from './settings/tokenizer';
import { initialState, type StudioState } from './state';
import { errorText } from '../core/util';

export type { StudioDeps } from './deps';

function buildCommands(ctx: StudioContext, services: { checks: ChecksService; settings: SettingsService; library: LibraryService; versions: VersionTracker }, allCommands: () => Record<string, Command>) {
  const hints = createHints(ctx, allCommands);
  const tokenizer = createTokenizer(ctx);
  const review = createReview(ctx, { checks: services.checks, saveReviewerName: (name) => services.settings.save({ ...ctx.get().settings, reviewerName: name }) });
  const specs = {
    ...appCommands(ctx, allCommands),
    ...navigationCommands(ctx),
    ...stepLabelCommands(ctx),
    ...libraryCommands(ctx, services.library),
    ...projectCommands(ctx, { saveSettings: services.settings.save, saveHint: (hint) => hints.service.save(hint) }),
    ...hints.commands,
    ...editCommands(ctx),
    ...pythonCommands(ctx),
    ...generationCommands(ctx),
    ...review.commands,
    ...queueCommands(ctx),
    ...settingsCommands(ctx, services.settings),
    ...tokenizer.commands,
    ...syncCommands(ctx, services.versions),
    ...adminCommands(ctx.deps.admin),
    ...teamCommands(ctx),
  };
  return { specs, hints: hints.service, tokens: tokenizer.service, review: review.service };
}

export type StudioCommands = BoundCommands<ReturnType<typeof buildCommands>['specs']>;

export interface StudioServices {
  checks: ChecksService;
  library: LibraryService;
  hints: HintsService;
  settings: SettingsService;
  tokens: TokenizerService;
  review: ReviewService;
  /** A session of the export dialog: its tokenizer and exports, off the page's thread in the browser. */
  exportSession: ExportSessionFactory;
  /** Label of the edit Ctrl+Z / Ctrl+Shift+Z would take back for a sample. */
  undoStatus(sampleId: string): HistoryStatus;
  /** Samples read from storage on demand (a persistence with library entries holds entries only at start). */
  loader: SampleLoader;
  /**
   * A sample change from outside any command (a sync, a program driving the studio), with
   * its undo label and history event declared like a command's; false for an unknown id.
   */
  writeSample(sampleId: string, change: (sample: Sample) => Sample, capture?: Capture): boolean;
}

export interface Studio {
  store: StoreApi<StudioState>;
  /** Every user command, by id. */
  actions: StudioCommands;
  /** Plumbing shared with the UI: queries, loaders, the library's rows. */
  services: StudioServices;
  keys: {
    /** Runs the command a key press means where the user is; true when one ran. */
    dispatch(press: KeyPress, target?: KeyTarget): boolean;
  };
  commands: {
    /** What the palette lists now (for the state behind the palette). */
    palette(query?: string): ListedCommand[];
    /** Every keyed command, by scope, for the `?` help. */
    help(): HelpSection[];
  };
  /** Reads the database (seeding the demo on first start) and restores the last place. */
  init(): Promise<void>;
  /** Resolves once every library entry is in the state (a big library's pages arrive after `init`). */
  libraryRead(): Promise<void>;
  /** Writes pending edits now; resolves false when the write failed (edits stay in memory). */
  flush(): Promise<boolean>;
  /** Flushes when the page is hidden or unloaded, so closing the tab loses nothing. */
  attachPageLifecycle(win: Window): () => void;
  dispose(): void;
}

export function createStudio(deps: StudioDeps): Studio {
  const store = createStore<StudioState>()(() => initialState());
  const clock = deps.clock ?? systemClock;
  // Every save names the version it started from; a refused one becomes a conflict (sync/).
  const versions = createVersionTracker({ get: store.getState, set: (patch) => store.setState(patch), saves: { flush: () => saves.flush(), markSample: (id) => saves.markSample(id) } }, deps.persistence);
  // Token counts and checks computed for a sample, kept with its stored entry (library/entryFacts.ts).
  const entryFacts = createEntryFacts({ get: store.getState, set: (patch) => store.setState(patch), subscribe: (l) => store.subscribe(l), persistence: deps.persistence });
  const storedEntry = (sample: Sample) => storedEntryOf(sample, projectProfiles(store.getState().settings), entryFacts.of(sample));
  const saves = new SaveQueue({
    persistence: versions.persistence,
    debounceMs: deps.saveDebounceMs,
    read: () => {
      const s = store.getState();
      return { samples: s.samples, ui: uiSnapshot(s) };
    },
    entryOf: storedEntry,
    onError: (message) => store.setState({ saveError: message }),
    onSaved: () => {
      if (store.getState().saveError) store.setState({ saveError: null });
    },
  });

  // Any change of the persisted UI fields (those uiSnapshot writes) schedules a save; sample
  // changes are marked by the sample writer, which knows which ids it touched.
  const uiFields = Object.keys(uiSnapshot(initialState())) as (keyof UiSnapshot)[];
  store.subscribe((next, prev) => {
    if (next.ready && uiFields.some((field) => next[field] !== prev[field])) saves.markUi();
  });

  const history = createSampleHistory({ storage: deps.historyStorage ?? null });
  // A big library's entries after the first page, while they are read (init); null once all are in.
  let libraryReading: Promise<void> | null = null;
  const loader = awaitingLibrary(
    createSampleLoader({
      get: store.getState,
      set: (patch) => store.setState(patch),
      persistence: deps.persistence,
      adopt: (read) => versions.adopt(read),
      untouched: (sample) => versions.untouched(sample),
      forget: (ids) => versions.forget(ids),
      entryOf: storedEntry,
      subscribe: (listener) => store.subscribe(listener),
    }),
    store.getState,
    () => libraryReading,
  );
  const ctx: StudioContext = {
    store,
    get: store.getState,
    set: (patch) => store.setState(patch),
    deps,
    clock,
    local: deps.localSettings ?? memoryLocalSettings(),
    saves,
    history,
    loader,
    call: () => {
      throw new Error('the call factory is not ready');
    },
  };
  const makeCall = createCallFactory(ctx);
  ctx.call = (capture, source = 'api') => makeCall({ capture }, source);

  const checks = createChecksService(ctx);
  const settings = createSettingsService(ctx);
  const library = createLibraryService(ctx, checks, entryFacts, deps.libraryQuery);
  let actions: StudioCommands;
  const built = buildCommands(ctx, { checks, settings, library, versions }, () => actions as unknown as Record<string, Command>);
  actions = bindCommands(built.specs, makeCall);
  const registry = actions as unknown as Record<string, Command>;

  const services: StudioServices = {
    checks,
    library,
    hints: built.hints,
    settings,
    tokens: built.tokens,
    review: built.review,
    exportSession: deps.exportOffThread ?? exportSessionOnThisThread,
    loader,
    undoStatus: (sampleId) => history.status(sampleId),
    writeSample: (sampleId, change, capture = { undo: 'Edit sample', event: 'edit' }) => ctx.call(capture).write(sampleId, change),
  };

  const stops = [startPythonSession(ctx), () => entryFacts.dispose()];
  if (deps.location) stops.push(startRouting(ctx, deps.location));
  if (deps.persistence.watch) stops.push(deps.persistence.watch((change) => versions.receive(change)));

  async function init(): Promise<void> {
    let loaded: Awaited<ReturnType<StudioPersistence['load']>>;
    let entries: StudioState['entries'] = {};
    let rest: LoadedLibrary['rest'];
    // A link (`#/sample/<id>`) takes precedence over the place saved last time.
    const linked = deps.location && parsePath(deps.location.read());
    // Settings and hints come from their own database; a failure there leaves the defaults. The
    // tokenizer chosen is known before it is built: kept checks it counted count from the start.
    const localLoaded = Promise.all([settings.load(), built.hints.load(), built.tokens.expectTokenizer()]).catch(() => undefined);
    try {
      // A store with library entries is read without the traces; the open sample's is read below.
      if (deps.persistence.loadLibrary) {
        // The first page paints; the rest is read after the studio is ready (mergeLibraryRest).
        const library = await deps.persistence.loadLibrary({ firstPage: LIBRARY_FIRST_PAGE, include: linked?.view === 'sample' ? [linked.sampleId] : [] });
        for (const entry of library.entries) entries[entry.id] = entry;
        loaded = library;
        rest = library.rest;
      } else {
        loaded = await deps.persistence.load();
      }
    } catch (err) {
      store.setState({ ready: true, loadError: errorText(err) });
      return;
    }
    const { samples, unsaved } = versions.loaded(loaded);
    store.setState({ samples, entries });
    const ui = loaded.ui;
    const restored = ui && (ui.openSampleId === null || hasSample(store.getState(), ui.openSampleId)) ? ui : null;
    // The sample shown last is read before the first paint; a library view reads no trace.
    if (restored?.openSampleId && restored.view === 'sample') await loader.ensure([restored.openSampleId]).catch(() => undefined);
    // Not readable (a team server out of reach, no copy here): the library, with the notice saying why.
    const unread = restored?.view === 'sample' && restored.openSampleId !== null && !store.getState().samples[restored.openSampleId];
    store.setState({
      ...(restored ?? {}),
      ...(unread ? { view: 'library' as const } : {}),
      ...(ui && !restored ? { filters: ui.filters, sort: ui.sort } : {}),
      libraryCursor: restored?.openSampleId ?? null,
    });
    for (const id of unsaved) saves.markSample(id);
    if (linked?.view === 'sample') await loader.ensure([linked.sampleId]).catch(() => undefined);
    const place = linked && goTo(store.getState(), linked);
    if (place) store.setState(place);
    await localLoaded;
    if (rest) {
      libraryReading = mergeLibraryRest({ get: store.getState, set: (patch) => store.setState(patch), versions: (read) => versions.loaded({ samples: [], versions: read, ui: null }) }, rest).finally(() => (libraryReading = null));
      libraryReading.catch((err: unknown) => store.setState({ loadError: `Could not read the whole library: ${err instanceof Error ? err.message : String(err)}` }));
    }
    store.setState({ ready: true });
    // The dashboard's figures are over every sample: their traces are read after the first paint.
    if (store.getState().view === 'dashboard') void loader.ensureAll().catch(() => undefined);
    // Asked at start, not first when the disk is full: a best-effort store may be evicted silently.
    deps.persistence.persist?.().then(
      (granted) => store.setState({ storagePersisted: granted }),
      () => store.setState({ storagePersisted: false }),
    );

    const firstStart = loaded.samples.length === 0 && Object.keys(entries).length === 0 && ui === null;
    if (firstStart && deps.loadDemo) {
      try {
        await actions.importFiles.perform(await deps.loadDemo(), { silent: true });
        // A link to a demo sample, followed on the very first start, opens it once it is there.
        const demoPlace = !place && linked && goTo(store.getState(), linked);
        if (demoPlace) store.setState(demoPlace);
      } catch (err) {
        store.setState({ loadError: `Could not load the demo project: ${errorText(err)}` });
      }
      saves.markUi();
    }
  }

  function attachPageLifecycle(win: Window): () => void {
    const onVisibility = () => {
      if (win.document.visibilityState === 'hidden') void saves.flush();
    };
    const onPageHide = () => void saves.flush();
    win.document.addEventListener('visibilitychange', onVisibility);
    win.addEventListener('pagehide', onPageHide);
    return () => {
      win.document.removeEventListener('visibilitychange', onVisibility);
      win.removeEventListener('pagehide', onPageHide);
    };
  }

  return {
    store,
    actions,
    services,
    keys: {
      dispatch(press, target = 'none') {
        const found = resolveKey(registry, press, store.getState(), target);
        if (!found) return false;
        void found.command.run('key', ...found.args);
        return true;
      },
    },
    commands: {
      palette: (query = '') => paletteEntries(registry, { ...store.getState(), overlay: null }, query),
      help: () => helpSections(registry, store.getState()),
    },
    init,
    libraryRead: async () => {
      await libraryReading?.catch(() => undefined);
    },
    flush: async () => {
      const saved = await saves.flush();
      await entryFacts.flush();
      return saved;
    },
    attachPageLifecycle,
    dispose: () => stops.forEach((stop) => stop()),
  };
}
/** Library entries read before the first paint; the rest follow, a page per task. */
const LIBRARY_FIRST_PAGE = 200;

