/**
 * The library's query on a source outside this page (a team server, query.ts): asks it when
 * the filters or the sort change (typing in the search is debounced), keeps only the answer to
 * the newest question (an older request is aborted, and a late answer to it is dropped), and
 * remembers which samples changed here since — those are placed by the local rule until an
 * answer asked after their edit reached the server (rows.ts, commands.ts).
 */
import { errorText } from '../../core/util';
import type { StudioState } from '../state';
import { libraryEntry } from './entries';
import type { LibraryQuery, LibraryQuerySource } from './query';
import type { LibraryEntry } from './state';

/** Whether two entries keep the same check result (a result kept since changes "checks failing"). */
const sameChecks = (a: LibraryEntry['checks'], b: LibraryEntry['checks']) =>
  a === b || (!!a && !!b && a.revision === b.revision && a.definition === b.definition && a.failing.join('\n') === b.failing.join('\n'));

/** Whether two entries of a sample answer every library query alike (a revision changes updatedAt). */
const sameForQuery = (a: LibraryEntry | undefined, b: LibraryEntry | undefined) =>
  a === b ||
  (!!a && !!b && a.updatedAt === b.updatedAt && a.status === b.status && a.problem === b.problem && a.source === b.source && a.gtAnswer === b.gtAnswer && sameChecks(a.checks, b.checks));

/** What the library tells the user about where its rows come from. */
export interface LibraryQueryStatus {
  /** 'local': filtered here (no source, or it declines, or it cannot be reached); 'server': the source's membership and order. */
  mode: 'local' | 'server';
  /** Why the rows are filtered here although a source exists (unreachable, declined), or null. */
  note: string | null;
  /** A question is on its way. */
  busy: boolean;
  /** The error behind an unreachable note, for a tooltip. */
  detail?: string;
}

export interface ServerAnswer {
  ids: readonly string[];
  /** Samples changed here since the question was asked, or not yet on the server when it was. */
  changedHere: ReadonlySet<string>;
}

export interface ServerQueryOptions {
  /** How long the search waits for the next key before asking. */
  typingMs?: number;
  /** How long after a change of the samples the library asks again (so the server's order catches up). */
  changesMs?: number;
  /** An edit counts as on the server once the outbox was empty this long after it. */
  settleMs?: number;
  /** How long to wait before asking an unreachable source again. */
  retryMs?: number;
  now?: () => number;
}

const queryKey = (q: LibraryQuery) =>
  JSON.stringify([
    q.filters.query,
    q.filters.status,
    q.filters.source,
    q.filters.answer,
    q.filters.assigned ?? 'all',
    q.sort.column,
    q.sort.direction,
    q.filters.checks === 'failing' || q.sort.column === 'checks' ? (q.checksDefinitions ?? []) : null,
  ]);

export interface ServerQuery {
  /** The answer for this query if one is in hand (null: filter locally); asks for it when needed. */
  answer(query: LibraryQuery): ServerAnswer | null;
  status(): LibraryQueryStatus;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

export function createServerQuery(
  source: LibraryQuerySource,
  store: { getState(): StudioState; subscribe(listener: (s: StudioState, prev: StudioState) => void): () => void },
  options: ServerQueryOptions = {},
): ServerQuery {
  const { typingMs = 250, changesMs = 2500, settleMs = 2000, retryMs = 5000, now = () => Date.now() } = options;
  const listeners = new Set<() => void>();
  let state: LibraryQueryStatus = { mode: 'local', note: null, busy: false };
  /** The newest answer and the question it answers. */
  let held: { key: string; ids: readonly string[] } | null = null;
  /** The question asked or about to be asked. */
  let wanted: { key: string; query: LibraryQuery } | null = null;
  let inFlight: { key: string; controller: AbortController; seq: number } | null = null;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stale = false;
  /** Samples changed here, with when (ms) — placed by the local rule until the server has them. */
  const changed = new Map<string, number>();
  let changedView: ReadonlySet<string> = new Set();
  let stop: (() => void) | null = null;
  /** The note of the query the source declined, while the library shows one. */
  let declinedNote: string | null = null;

  const unreachable = () => `${source.name} cannot be reached: filtering the samples in this browser`;
  const emit = (next: Partial<LibraryQueryStatus>) => {
    state = { ...state, ...next };
    for (const l of listeners) l();
  };

  function schedule(ms: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      ask();
    }, ms);
  }

  function ask(): void {
    if (!wanted) return;
    const { key, query } = wanted;
    inFlight?.controller.abort();
    const controller = new AbortController();
    const mine = ++seq;
    inFlight = { key, controller, seq: mine };
    stale = false;
    const s = store.getState();
    // Edits counted as on the server by this answer: the outbox was empty when it was asked, and they are older than a save's delay.
    const askedAt = now();
    const outboxEmpty = !!s.sync.server && s.sync.server.online && s.sync.server.waiting === 0;
    if (!state.busy) emit({ busy: true });
    source.ids(query, controller.signal).then(
      (ids) => {
        if (mine !== seq) return; // a newer question was asked: this answer is not for the library any more
        inFlight = null;
        held = { key, ids };
        if (outboxEmpty) forgetChanges((at) => at <= askedAt - settleMs);
        emit({ mode: 'server', note: null, busy: false, detail: undefined });
        // Changes too fresh to count as on the server are asked about again once they are old enough.
        if (stale) schedule(0);
        else if (outboxEmpty && changed.size) schedule(settleMs);
      },
      (err: unknown) => {
        if (mine !== seq || controller.signal.aborted) return;
        inFlight = null;
        held = null;
        emit({ mode: 'local', note: unreachable(), busy: false, detail: errorText(err) });
        schedule(retryMs);
      },
    );
  }

  function forgetChanges(settled: (at: number) => boolean): void {
    let any = false;
    for (const [id, at] of changed) if (settled(at)) any = changed.delete(id) || any;
    if (any) changedView = new Set(changed.keys());
  }

  /**
   * Marks the samples whose entry changed here (not the first load, not a trace read from
   * storage: its entry says what the stored one said); asks again after a while so the
   * server's order catches up.
   */
  function watch(s: StudioState, prev: StudioState): void {
    if (prev.ready && (s.samples !== prev.samples || s.entries !== prev.entries)) {
      const at = now();
      let any = false;
      const seen = new Set<string>();
      for (const map of [[s.samples, prev.samples], [s.entries, prev.entries]] as const) {
        if (map[0] === map[1]) continue;
        for (const id in map[0]) if (map[0][id] !== map[1][id]) seen.add(id);
        for (const id in map[1]) if (!(id in map[0])) seen.add(id);
      }
      for (const id of seen) {
        if (sameForQuery(libraryEntry(prev, id), libraryEntry(s, id))) continue;
        changed.set(id, at);
        any = true;
      }
      if (any) {
        changedView = new Set(changed.keys());
        stale = true;
        if (!inFlight && !timer) schedule(changesMs);
      }
    }
    // The sync found the server out of reach: the answer in hand may be stale, so the rows are
    // filtered here (and the library says so) until it is back, then the server is asked again.
    const online = s.sync.server?.online ?? true;
    const wasOnline = prev.sync.server?.online ?? true;
    if (wasOnline && !online && held) {
      held = null;
      emit({ mode: 'local', note: unreachable(), busy: false, detail: undefined });
    } else if (!wasOnline && online && wanted) schedule(0);
    // The outbox emptied: the server has every edit now, so its order is the truth again.
    const waiting = s.sync.server?.waiting ?? 0;
    if ((prev.sync.server?.waiting ?? 0) > 0 && waiting === 0 && changed.size) schedule(settleMs);
  }

  return {
    answer(query) {
      if (!stop) stop = store.subscribe(watch);
      const declined = source.declines(query);
      if (declined) {
        if (declinedNote !== declined) {
          declinedNote = declined;
          queueMicrotask(() => emit({ mode: 'local', note: declined, busy: false, detail: undefined }));
        }
        return null;
      }
      if (declinedNote !== null) {
        // Back to a query the source answers: its answer in hand (if any) is the library's again.
        declinedNote = null;
        queueMicrotask(() => emit(held ? { mode: 'server', note: null } : { note: null }));
      }
      const key = queryKey(query);
      if (wanted?.key !== key) {
        const typing = !!wanted && queryKey({ ...query, filters: { ...query.filters, query: wanted.query.filters.query } }) === wanted.key;
        wanted = { key, query };
        if (inFlight?.key !== key) schedule(typing ? typingMs : 0);
      }
      // The answer in hand stays on screen while the next is on its way (no flicker while typing).
      return held ? { ids: held.ids, changedHere: changedView } : null;
    },
    status: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      stop?.();
      if (timer) clearTimeout(timer);
      inFlight?.controller.abort();
      listeners.clear();
    },
  };
}
