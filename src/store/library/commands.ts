/**
 * The library: its rows (filtered and sorted over facts the index fills in idle time), and
 * the keyboard — j/k move a row cursor that lives in the state, so they work the moment the
 * library shows (after a load, an import, a return from a sample, a closed dialog) without
 * any row having the focus; Enter opens; `/` goes to the search, where Enter opens the first match.
 */
import { projectProfiles } from '../settings/profiles';
import type { Sample } from '../../core/sample/types';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import type { ChecksCache, ChecksService } from '../checks/checks';
import { currentChecks } from '../checks/checks';
import { filterByChecks, rowChecksFailing } from './checksFilter';
import { filterByAssignment } from '../team/assignment';
import { LibraryIndex } from './libraryIndex';
import { rowSummary, sortedRows, type CheckedVerdict, type LibraryRow, type RowChecksFailing, type SortedRows } from './rows';
import { entryOf as sampleEntryOf, libraryItems, libraryItemsChange, type LibraryEntry, type LibraryItem } from './entries';
import { checksTokenizerId, currentChecksDefinitions, currentTokenizerId, type EntryFactsService } from './entryFacts';
import type { LibraryQuerySource } from './query';
import { createServerQuery, type LibraryQueryStatus } from './serverQuery';
import { answerRows } from './answerRows';
import { defaultFilters, type LibraryFilters, type LibrarySortColumn } from './state';

export interface LibraryService {
  /** The rows the library shows now (the same list the keys move through). */
  rows(): LibraryRow[];
  /** The rows on screen: their facts are computed first (their traces read from disk if need be). */
  setVisible(rows: LibraryRow[]): void;
  /** rows() may answer differently (facts arrived, throttled; traces read; the server answered): re-read it. */
  subscribe(listener: () => void): () => void;
  /**
   * Moves on every such change (a snapshot for useSyncExternalStore): what rows() reads besides
   * the studio's state — the index's facts, the traces read for the rows on screen, the server's
   * answer and status — so a view that re-reads rows() when it moves misses none of them.
   */
  revision(): number;
  /** Token count of a sample with the current counter, when known. */
  tokens(sample: Sample): number | undefined;
  /**
   * The failing checks kept with a row's entry for its current content (the sample's, when in
   * memory) and this page's checks definition (empty: none fails), or undefined when none is
   * kept: the checks column where this page ran none (a team server keeps what another
   * browser's checks found).
   */
  keptFailing(entry: LibraryEntry, sample?: Sample): string[] | undefined;
  /** Where the rows' membership and order come from (this page, or the team server), for the view to say. */
  queryStatus(): LibraryQueryStatus;
}

/** The ids whose checks differ between two caches (a result arrived, changed or left). */
function changedIds(before: ChecksCache, now: ChecksCache): Set<string> {
  const ids = new Set<string>();
  for (const id in now) if (now[id] !== before[id]) ids.add(id);
  for (const id in before) if (!(id in now)) ids.add(id);
  return ids;
}

const LOCAL_STATUS: LibraryQueryStatus = { mode: 'local', note: null, busy: false };

/**
 * Traces read for the rows on screen are kept while their rows are there, and this many more
 * (the last ones scrolled past, for a reader who scrolls back); not in the state: nothing edits
 * them. A trace is the bulk of a sample: 64 kept whatever was on screen were a seventh of an
 * 8,000-sample library's heap (bench/heap-snapshot.ts).
 */
const PEEKED_OFF_SCREEN = 8;
/**
 * The rows on screen wait this long before their traces are read: a fast scroll through a big
 * library read every screen it passed, and held them all until the reads came back.
 */
const PEEK_AFTER_MS = 120;

export function createLibraryService(ctx: StudioContext, checks: ChecksService, facts: EntryFactsService, querySource?: LibraryQuerySource): LibraryService {
  const { get } = ctx;
  const server = querySource ? createServerQuery(querySource, ctx.store) : null;
  const index = new LibraryIndex({
    // Answer verdicts only SymPy can decide are decided in the background, in the answers interpreter.
    checkSamples: (list, tokenCounter) => checks.checkSamples(list, { tokenCounter, decideAnswers: true }),
    isChecked: (sample, counted) => {
      const entry = currentChecks(get(), sample);
      return !!entry && (entry.counted || !counted);
    },
    profiles: () => projectProfiles(get().settings),
    // Counts kept with a sample's entry stand for a count; new counts are kept with it.
    storedTokens: (sample, tokenizer) => facts.tokens(sampleEntryOf(sample), sample, tokenizer),
    counted: (sample, tokenizer, count) => facts.counted(sample, tokenizer, count),
  });
  /** A row's token count: counted here for the sample in memory, or kept with its entry. */
  const rowTokens = (entry: LibraryEntry, sample: Sample | undefined): number | undefined => {
    const c = index.counterInUse;
    if (!c) return undefined;
    return (sample && index.tokens(sample)) ?? facts.tokens(entry, sample, c.id);
  };
  let started = false;
  let itemsOf: LibraryItem[] | null = null;
  /** The samples the index works through: those in memory, and those read for the rows on screen. */
  let list: Sample[] = [];
  /** Samples read from disk for rows on screen, oldest first (a Map keeps insertion order). */
  const peeked = new Map<string, Sample>();
  /** The ids of the rows on screen, as the view last told (setVisible). */
  let onScreen = new Set<string>();
  /** The read of the traces of the rows on screen, waiting (PEEK_AFTER_MS), and which rows it is for. */
  let peekTimer: ReturnType<typeof setTimeout> | undefined;
  let peekFor = '';
  let peekedVersion = 0;
  const peeking = new Set<string>();
  const listeners = new Set<() => void>();
  let revision = 0;
  /** Something rows() reads besides the state changed: the view reads them again. */
  const changed = () => {
    revision++;
    for (const listener of listeners) listener();
  };
  index.subscribe(changed);
  server?.subscribe(changed);

  function indexList(): void {
    const loaded: Sample[] = [];
    for (const item of itemsOf ?? []) if (item.sample) loaded.push(item.sample);
    for (const [id, sample] of peeked) if (!get().samples[id]) loaded.push(sample);
    list = loaded;
    index.setSamples(list);
  }

  /** The index runs once someone reads the library (not in a Node run that never shows it). */
  function feed(): void {
    const s = get();
    const items = libraryItems(s);
    if (items !== itemsOf) {
      itemsOf = items;
      // A peeked trace the library entry no longer describes (saved elsewhere since) is read again.
      for (const [id, sample] of peeked) if (s.samples[id] || s.entries[id]?.updatedAt !== sample.updatedAt) peeked.delete(id);
      indexList();
    }
    index.setCounter(s.tokenCounting.counts);
    if (!started) {
      started = true;
      ctx.store.subscribe(() => {
        const next = get();
        if (libraryItems(next) !== itemsOf || next.tokenCounting.counts !== index.counterInUse) feed();
      });
    }
  }

  /** Reads the traces of rows on screen that are only entries, so their tokens and checks show. */
  function peek(ids: string[]): void {
    const wanted = ids.filter((id) => !peeked.has(id) && !peeking.has(id) && !get().samples[id]);
    if (!wanted.length) return;
    wanted.forEach((id) => peeking.add(id));
    void ctx.loader.peek(wanted).then(
      (read) => {
        wanted.forEach((id) => peeking.delete(id));
        for (const sample of read) {
          if (get().entries[sample.id]?.updatedAt !== sample.updatedAt) continue;
          peeked.set(sample.id, sample);
        }
        // The oldest traces of rows no longer on screen go first.
        for (const id of peeked.keys()) {
          if (peeked.size <= onScreen.size + PEEKED_OFF_SCREEN) break;
          if (!onScreen.has(id)) peeked.delete(id);
        }
        peekedVersion++;
        indexList();
        index.setVisible(ids.map((id) => get().samples[id] ?? peeked.get(id)).filter((x): x is Sample => !!x));
        changed();
      },
      () => wanted.forEach((id) => peeking.delete(id)),
    );
  }

  // Sorting thousands of rows is redone only when facts the filters or the sort use arrive.
  /** The sorted rows, and what they were made from: the rule, the items, the facts some rows' places read, the checks. */
  let sortedMemo: { rule: unknown[]; items: LibraryItem[] | null; facts: unknown[]; checks: ChecksCache | null; rows: LibraryRow[]; sorted: SortedRows | null } | null = null;
  let rowsMemo: { key: unknown[]; rows: LibraryRow[] } | null = null;
  const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

  function rows(): LibraryRow[] {
    feed();
    const s = get();
    const { filters, sort } = s;
    const progress = index.getProgress();
    const needsSummaries = filters.answer !== 'all' || filters.query.trim() !== '' || sort.column === 'codeBlocks' || sort.column === 'answer';
    // The answer filter and sort read the checks' verdict (decided by SymPy in the background), as the column does.
    const checkedAnswers = filters.answer !== 'all' || sort.column === 'answer' ? s.checks : null;
    const checked: CheckedVerdict = (sample) => (checkedAnswers ? currentChecks({ checks: checkedAnswers }, sample)?.result.answer?.verdict : undefined);
    // The sort by checks reads the checks run here, else those kept with the entries (as the filter and the column do).
    const byChecks = sort.column === 'checks';
    const failing: RowChecksFailing = (row) => rowChecksFailing(row, s.checks, (r) => facts.failing(r.entry, r.sample, checksTokenizerId(s)));
    // On a team server the server answers with the matching ids in order (filtered here while it cannot).
    const checksDefinitions = filters.checks === 'failing' || byChecks ? currentChecksDefinitions(s) : undefined;
    const answer = server?.answer({ filters, sort, tokenizer: currentTokenizerId(s), checksDefinitions }) ?? null;
    // What the rows' order follows (a change sorts every row again); then the items, the facts
    // and the checks, whose changes move only some rows (merged into the sorted ones).
    const rule = [answer ? answer.ids : null, answer?.changedHere, answer ? s.samples : null, answer ? s.entries : null, filters, sort, checkedAnswers, byChecks ? checksTokenizerId(s) : null];
    const rowFacts = [needsSummaries ? progress.summarized : 0, sort.column === 'tokens' ? progress.counted : 0, index.counterInUse];
    const checksNow = byChecks ? s.checks : null;
    const memo = sortedMemo;
    const sameRule = !!memo && same(memo.rule, rule);
    if (!memo || !sameRule || memo.items !== itemsOf || !same(memo.facts, rowFacts) || memo.checks !== checksNow) {
      const made = { rule, items: itemsOf, facts: rowFacts, checks: checksNow };
      if (answer) sortedMemo = { ...made, rows: answerRows(answer, s, checked, rowTokens, failing), sorted: null };
      else {
        // Only items or facts changed (a page of a streamed reload, an edit, the token counter, checks run
        // for the rows on screen): the rows they change are merged into the sorted ones, not all sorted again.
        const prev = sameRule ? memo!.sorted : null;
        const rechecked = prev && checksNow && memo!.checks ? changedIds(memo!.checks, checksNow) : undefined;
        // Only the items changed, and the change says which (a page of a streamed reload): only those are looked at.
        const change = prev && libraryItemsChange(itemsOf!);
        const onlyItems = !!change && change.from === memo!.items && same(memo!.facts, rowFacts) && memo!.checks === checksNow;
        const rowRule = { tokens: rowTokens, filters, sort, checked, failing };
        const sorted = sortedRows(itemsOf!, rowRule, prev && { sorted: prev, rechecked, changed: onlyItems ? change.changed : undefined });
        sortedMemo = { ...made, rows: sorted.rows, sorted };
      }
    }
    const sortedNow = sortedMemo!;
    const checksCache = filters.checks === 'failing' ? s.checks : null;
    // On a team server: samples given to me, or my queue (who works on what comes from the server).
    const assignment = filters.assigned && filters.assigned !== 'all' ? s.sync.server : null;
    const rowsKey = [sortedNow.rows, checksCache, checksCache ? checksTokenizerId(s) : null, progress, peekedVersion, answer ? null : assignment];
    if (!rowsMemo || !same(rowsMemo.key, rowsKey)) {
      // Rows on screen whose trace was read for them show its tokens and checks.
      const withTraces = sortedNow.rows.map((row) => {
        const sample = row.sample ?? peeked.get(row.id);
        return sample === row.sample ? row : { ...row, sample, summary: rowSummary(row.entry, sample) };
      });
      // The server's answer filtered by the results kept there; samples changed here since, by what this page knows.
      const byChecks = (list: LibraryRow[]) => (checksCache ? filterByChecks(list, filters, checksCache, (row) => facts.failing(row.entry, row.sample, checksTokenizerId(s))) : list);
      const checked = answer && checksCache ? withTraces.filter((row) => !answer.changedHere.has(row.id) || byChecks([row]).length > 0) : byChecks(withTraces);
      // The server applied the assignment filter already (and placed the rows changed here by it).
      const filtered = answer ? checked : filterByAssignment(checked, filters.assigned, assignment);
      // Fresh token counts on every index tick, without re-sorting (a WeakMap lookup per row).
      rowsMemo = {
        key: rowsKey,
        rows: filtered.map((row) => {
          const tokens = rowTokens(row.entry, row.sample);
          return tokens === row.tokens ? row : { ...row, tokens };
        }),
      };
    }
    return rowsMemo.rows;
  }

  return {
    rows,
    setVisible: (visible) => {
      feed();
      onScreen = new Set(visible.map((row) => row.id));
      index.setVisible(visible.map((row) => row.sample).filter((x): x is Sample => !!x));
      const onDisk = visible.filter((row) => !row.sample).map((row) => row.id);
      // The same rows told again (their facts changed, not the screen): the read waiting for them stays.
      const key = onDisk.join('\n');
      if (peekTimer !== undefined && key === peekFor) return;
      clearTimeout(peekTimer);
      peekFor = key;
      peekTimer = onDisk.length
        ? setTimeout(() => {
            peekTimer = undefined;
            peek(onDisk);
          }, PEEK_AFTER_MS)
        : undefined;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    queryStatus: () => server?.status() ?? LOCAL_STATUS,
    revision: () => revision,
    tokens: (sample) => index.tokens(sample),
    keptFailing: (entry, sample) => facts.failing(entry, sample, checksTokenizerId(get())),
  };
}

export function libraryCommands(ctx: StudioContext, library: LibraryService) {
  const { get, set } = ctx;
  const inLibrary = (s: ReturnType<typeof get>) => s.view === 'library';

  /** Index of the cursor row in the rows shown (the first row when unset or filtered out). */
  function cursorIndex(rows: LibraryRow[]): number {
    const id = get().libraryCursor;
    const at = id === null ? -1 : rows.findIndex((r) => r.id === id);
    return at < 0 ? 0 : at;
  }

  function moveCursor(delta: number | 'first' | 'last'): void {
    const rows = library.rows();
    if (!rows.length) return;
    const at = delta === 'first' ? 0 : delta === 'last' ? rows.length - 1 : Math.max(0, Math.min(rows.length - 1, cursorIndex(rows) + delta));
    set({ libraryCursor: rows[at]!.id });
  }

  const move = (id: string, label: string, keys: string[], delta: number | 'first' | 'last') =>
    defineCommand({ id, label, group: 'Library', scope: 'library', keys, capture: 'none', perform: () => moveCursor(delta) });

  return {
    libraryNext: move('libraryNext', 'Next sample', ['j', 'ArrowDown'], 1),
    libraryPrev: move('libraryPrev', 'Previous sample', ['k', 'ArrowUp'], -1),
    libraryPageDown: move('libraryPageDown', 'Ten samples down', ['PageDown'], 10),
    libraryPageUp: move('libraryPageUp', 'Ten samples up', ['PageUp'], -10),
    libraryFirst: move('libraryFirst', 'First sample', ['Home'], 'first'),
    libraryLast: move('libraryLast', 'Last sample', ['End'], 'last'),
    openCursorSample: defineCommand({
      id: 'openCursorSample',
      label: 'Open the selected sample',
      group: 'Library',
      scope: 'library',
      keys: ['Enter'],
      // Enter in the search field opens the first match.
      fields: true,
      capture: 'none',
      perform: () => {
        const rows = library.rows();
        const row = rows[cursorIndex(rows)];
        if (!row) return false;
        const open = () => {
          if (!get().samples[row.id]) return false;
          set({ view: 'sample', openSampleId: row.id, cursorStep: get().openSampleId === row.id ? get().cursorStep : 0, libraryCursor: row.id });
          return true;
        };
        // A sample whose trace is still on disk is read first.
        return get().samples[row.id] ? open() : ctx.loader.ensure([row.id]).then(open);
      },
    }),
    focusSearch: defineCommand({
      id: 'focusSearch',
      label: 'Search samples',
      group: 'Library',
      scope: 'library',
      keys: ['/'],
      capture: 'none',
      perform: () => set({ searchFocus: get().searchFocus + 1 }),
    }),
    selectSample: defineCommand({
      id: 'selectSample',
      label: 'Select sample',
      group: 'Library',
      scope: 'library',
      takesArgs: true,
      capture: 'none',
      perform: (_call, sampleId: string) => set({ libraryCursor: sampleId }),
    }),
    setFilters: defineCommand({
      id: 'setFilters',
      label: 'Filter library',
      group: 'Library',
      scope: 'library',
      takesArgs: true,
      capture: 'none',
      // A new filter puts the cursor back on the first match.
      perform: (_call, patch: Partial<LibraryFilters>) => set({ filters: { ...get().filters, ...patch }, libraryCursor: null }),
    }),
    clearFilters: defineCommand({
      id: 'clearFilters',
      label: 'Clear filters',
      group: 'Library',
      scope: 'library',
      when: inLibrary,
      capture: 'none',
      perform: () => set({ filters: { ...defaultFilters }, libraryCursor: null }),
    }),
    sortBy: defineCommand({
      id: 'sortBy',
      label: 'Sort library',
      group: 'Library',
      scope: 'library',
      takesArgs: true,
      capture: 'none',
      // Clicking the sorted column again flips the direction, like every spreadsheet.
      perform: (_call, column: LibrarySortColumn) => {
        const { sort } = get();
        const direction = sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc';
        set({ sort: { column, direction } });
      },
    }),
  };
}
