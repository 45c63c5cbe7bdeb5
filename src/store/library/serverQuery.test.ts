/**
 * The library on a query source (a team server): the server's membership and order, typing
 * debounced, a slow answer to an old search never overwriting a newer one, samples changed
 * here placed by the local rule, and local filtering — said — while the server cannot answer.
 * The source here answers what each test scripts, when the test says (its latency is the point).
 */
import { describe, expect, it, vi } from 'vitest';
import { ALL_TEST_SAMPLES } from '../../core/export/testing/samples';
import type { Sample } from '../../core/sample/types';
import { memoryPersistence } from '../session/persistence';
import { createStudio } from '../studio';
import { ServerError } from '../sync/api';
import type { ServerStatus } from '../sync/state';
import type { LibraryQuery, LibraryQuerySource } from './query';

interface Asked {
  query: LibraryQuery;
  signal: AbortSignal;
  answer(ids: string[]): void;
  fail(err: Error): void;
}

function scriptedSource(): LibraryQuerySource & { asked: Asked[] } {
  const asked: Asked[] = [];
  return {
    name: 'The server',
    asked,
    declines: ({ sort }) => (sort.column === 'tokens' ? 'Sorted by tokens in this browser: the server does not count tokens' : null),
    ids: (query, signal) =>
      new Promise<string[]>((resolve, reject) => {
        asked.push({ query: structuredClone(query), signal, answer: resolve, fail: reject });
      }),
  };
}

const samples: Sample[] = ['b', 'a', 'c', 'd'].map((letter, i) => ({ ...ALL_TEST_SAMPLES[i % ALL_TEST_SAMPLES.length]!, id: `s-${letter}`, problem: `Problem ${letter}`, status: 'draft' }));

async function studioOn(source: LibraryQuerySource) {
  const studio = createStudio({ persistence: memoryPersistence({ samples }), libraryQuery: source, saveDebounceMs: 5 });
  await studio.init();
  return studio;
}

const ids = (studio: Awaited<ReturnType<typeof studioOn>>) => studio.services.library.rows().map((r) => r.id);

/** A studio whose first question the server answered with `order`, shown in the library. */
async function answeredWith(order: string[]) {
  const source = scriptedSource();
  const studio = await studioOn(source);
  ids(studio);
  await vi.waitFor(() => expect(source.asked).toHaveLength(1));
  source.asked[0]!.answer(order);
  await vi.waitFor(() => expect(ids(studio)).toEqual(order));
  return { source, studio };
}

describe('the library on a query source', () => {
  it("shows the server's membership and order, and filters here until the first answer", async () => {
    const source = scriptedSource();
    const studio = await studioOn(source);
    expect(ids(studio)).toEqual(['s-a', 's-b', 's-c', 's-d']);
    await vi.waitFor(() => expect(source.asked).toHaveLength(1));
    source.asked[0]!.answer(['s-d', 's-b']);
    await vi.waitFor(() => expect(ids(studio)).toEqual(['s-d', 's-b']));
    expect(studio.services.library.queryStatus()).toMatchObject({ mode: 'server', note: null, busy: false });
  });

  it('asks once for a search typed quickly, and a slow answer to an older search never replaces a newer one', async () => {
    const source = scriptedSource();
    const studio = await studioOn(source);
    ids(studio);
    await vi.waitFor(() => expect(source.asked).toHaveLength(1));
    source.asked[0]!.answer(['s-a', 's-b', 's-c', 's-d']);
    await vi.waitFor(() => expect(ids(studio)).toHaveLength(4));
    for (const query of ['p', 'pr', 'pro']) {
      studio.actions.setFilters.run('key', { query });
      ids(studio);
    }
    await vi.waitFor(() => expect(source.asked).toHaveLength(2));
    expect(source.asked[1]!.query.filters.query).toBe('pro');
    const slow = source.asked[1]!;
    studio.actions.setFilters.run('key', { query: 'problem c' });
    ids(studio);
    await vi.waitFor(() => expect(source.asked).toHaveLength(3));
    // The older question is called off, and its late answer is dropped.
    expect(slow.signal.aborted).toBe(true);
    source.asked[2]!.answer(['s-c']);
    await vi.waitFor(() => expect(ids(studio)).toEqual(['s-c']));
    slow.answer(['s-a', 's-b']);
    await new Promise((r) => setTimeout(r, 20));
    expect(ids(studio)).toEqual(['s-c']);
  });

  it("tells the view of each answer by a revision it reads, though nothing in the studio's state changed", async () => {
    // The view re-reads rows() when the studio's state or the library's revision moves: an
    // answer that only the server's query holds must move the revision (a late answer showed
    // the rows of the question before it, on a loaded machine, until something else changed).
    const { source, studio } = await answeredWith(['s-a', 's-b', 's-c', 's-d']);
    const { library } = studio.services;
    let told = 0;
    const stop = library.subscribe(() => told++);
    studio.actions.setFilters.run('key', { source: 'nowhere' });
    ids(studio);
    await vi.waitFor(() => expect(source.asked).toHaveLength(2));
    const before = library.revision();
    const toldBefore = told;
    source.asked[1]!.answer(['s-b']);
    await vi.waitFor(() => expect(library.revision()).not.toBe(before));
    expect(told).toBeGreaterThan(toldBefore);
    expect(ids(studio)).toEqual(['s-b']);
    stop();
  });

  it('places a sample changed here by the local rule until the server has it', async () => {
    const source = scriptedSource();
    const studio = await studioOn(source);
    studio.actions.setFilters.run('key', { status: 'draft' });
    ids(studio);
    await vi.waitFor(() => expect(source.asked.length).toBeGreaterThan(0));
    source.asked.at(-1)!.answer(['s-a', 's-b', 's-c', 's-d']);
    await vi.waitFor(() => expect(ids(studio)).toEqual(['s-a', 's-b', 's-c', 's-d']));
    // s-b leaves the drafts here (not sent yet): it leaves the list at once, as the local rule says.
    const { samples: held } = studio.store.getState();
    studio.store.setState({ samples: { ...held, 's-b': { ...held['s-b']!, status: 'ready' }, 's-c': { ...held['s-c']!, problem: 'Problem 0 (edited)' } } });
    // s-c's edited problem sorts it first by the local rule, before the server knows.
    expect(ids(studio)).toEqual(['s-c', 's-a', 's-d']);
  });

  it('a trace read from storage is not a change; an edit is', async () => {
    // An order the local rule would not give, so the test sees which rule placed each row.
    const { studio } = await answeredWith(['s-d', 's-c', 's-b', 's-a']);
    const held = studio.store.getState().samples;
    studio.store.setState({ samples: { ...held, 's-a': { ...held['s-a']! } } });
    expect(ids(studio)).toEqual(['s-d', 's-c', 's-b', 's-a']);
    studio.store.setState({ samples: { ...held, 's-a': { ...held['s-a']!, updatedAt: '2031-01-01T00:00:00.000Z' } } });
    expect(ids(studio)).toEqual(['s-a', 's-d', 's-c', 's-b']);
  });

  it('filters here, and says so, while the server cannot be reached or cannot answer', async () => {
    const source = scriptedSource();
    const studio = await studioOn(source);
    ids(studio);
    await vi.waitFor(() => expect(source.asked).toHaveLength(1));
    source.asked[0]!.fail(new ServerError(0, 'unreachable', 'the server cannot be reached (connection refused)'));
    await vi.waitFor(() => expect(studio.services.library.queryStatus().note).toBe('The server cannot be reached: filtering the samples in this browser'));
    expect(studio.services.library.queryStatus()).toMatchObject({ mode: 'local', detail: 'the server cannot be reached (connection refused)' });
    studio.actions.setFilters.run('key', { query: 'problem c' });
    expect(ids(studio)).toEqual(['s-c']);
    // Sorting by tokens is this browser's (its tokenizer counts them).
    studio.actions.sortBy.run('button', 'tokens');
    ids(studio);
    await vi.waitFor(() => expect(studio.services.library.queryStatus().note).toBe('Sorted by tokens in this browser: the server does not count tokens'));
  });

  it('filters here, and says so, once the sync finds the server out of reach; asks it again when it is back', async () => {
    const { source, studio } = await answeredWith(['s-d', 's-b']);
    const connection = (online: boolean): ServerStatus => ({ user: 'lena', role: 'annotator', project: 'main', online, signedOut: false, waiting: 0, assignment: {}, refusal: null, refused: {} });
    studio.store.setState({ sync: { ...studio.store.getState().sync, server: connection(true) } });
    studio.store.setState({ sync: { ...studio.store.getState().sync, server: connection(false) } });
    // The server's last answer is not shown as the server's any more: every sample, filtered here.
    expect(studio.services.library.queryStatus()).toMatchObject({ mode: 'local', note: 'The server cannot be reached: filtering the samples in this browser' });
    expect(ids(studio)).toEqual(['s-a', 's-b', 's-c', 's-d']);
    studio.store.setState({ sync: { ...studio.store.getState().sync, server: connection(true) } });
    await vi.waitFor(() => expect(source.asked).toHaveLength(2));
    source.asked[1]!.answer(['s-c']);
    await vi.waitFor(() => expect(ids(studio)).toEqual(['s-c']));
    expect(studio.services.library.queryStatus()).toMatchObject({ mode: 'server', note: null });
  });

  it('goes back to the server when a declined sort is left', async () => {
    const { source, studio } = await answeredWith(['s-d', 's-c', 's-b', 's-a']);
    studio.actions.sortBy.run('button', 'tokens');
    ids(studio);
    await vi.waitFor(() => expect(studio.services.library.queryStatus()).toMatchObject({ mode: 'local', note: expect.stringMatching(/^Sorted by tokens/) }));
    studio.actions.sortBy.run('button', 'problem');
    expect(ids(studio)).toEqual(['s-d', 's-c', 's-b', 's-a']);
    await vi.waitFor(() => expect(studio.services.library.queryStatus()).toMatchObject({ mode: 'server', note: null }));
    expect(source.asked).toHaveLength(1);
  });
});
