/**
 * The address bar and the studio's place, kept in step: a link to a sample whose trace is still
 * on disk is followed once the trace is read, and nothing else the studio does meanwhile (a
 * filter, a fact arriving) sends the address back to the place it is leaving.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleOf } from '../../core/sample/testing/sampleOf';
import { indexedDbPersistence } from '../session/persistence';
import { createStudio } from '../studio';

const id = (i: number) => `s-${i}`;

/** The browser's address, scripted: what the studio wrote, and a link the user follows. */
function scriptedLocation(start: string) {
  let path = start;
  const writes: string[] = [];
  let listener: ((path: string) => void) | null = null;
  return {
    writes,
    current: () => path,
    follow(link: string) {
      path = link;
      listener?.(link);
    },
    read: () => path,
    write(next: string) {
      path = next;
      writes.push(next);
    },
    subscribe(l: (path: string) => void) {
      listener = l;
      return () => (listener = null);
    },
  };
}

describe('routing', () => {
  it('follows a link to a sample on disk, and a state change while its trace is read leaves the address alone', async () => {
    const name = `hint-studio-routing-${Date.now()}`;
    const persistence = indexedDbPersistence(name);
    await persistence.save({ samples: Array.from({ length: 5 }, (_, i) => sampleOf(`Step ${i}.\n</think>\n\n$\\boxed{${i}}$`, { id: id(i), problem: `Problem ${i}` })) });
    const location = scriptedLocation('#/');
    const studio = createStudio({ persistence: indexedDbPersistence(name), saveDebounceMs: 5, location });
    await studio.init();
    await studio.libraryRead();
    const s = studio.store.getState();
    expect(s.view).toBe('library');
    // Only entries: the trace is read when the link is followed.
    expect(s.samples[id(3)]).toBeUndefined();
    expect(s.entries[id(3)]).toBeDefined();

    location.follow(`#/sample/${id(3)}`);
    // The user (or the studio) changes something while the trace is read.
    studio.actions.setFilters.run('key', { query: 'problem' });
    expect(location.current()).toBe(`#/sample/${id(3)}`);
    await expect.poll(() => studio.store.getState().openSampleId).toBe(id(3));
    expect(studio.store.getState().view).toBe('sample');
    expect(location.current()).toBe(`#/sample/${id(3)}`);
    expect(location.writes).not.toContain('#/');
    // Back in the library: the studio's own move writes the address.
    studio.actions.backToLibrary.run('key');
    expect(location.current()).toBe('#/');
    studio.dispose();
  });
});
