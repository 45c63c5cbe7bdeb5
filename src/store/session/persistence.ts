/**
 * Where the studio keeps its work between sessions — the interface (persistenceTypes.ts) and
 * its stores: memory (persistenceMemory.ts) and IndexedDB (persistenceIndexedDb.ts, with the
 * library's streamed read in persistenceLibrary.ts).
 */
import type { Sample } from '../../core/sample/types';

export type * from './persistenceTypes';
export { memoryPersistence, memoryStore, type MemoryStore } from './persistenceMemory';
export { indexedDbPersistence } from './persistenceIndexedDb';
export { DATABASE_NAME } from './persistenceSchema';
export { writerId } from './versions';


/**
 * `loadSamples` could not read some samples (a team server that cannot be reached, and no copy
 * in this browser): it says so in words, with the samples it could read.
 */
export class SamplesUnavailable extends Error {
  constructor(
    message: string,
    readonly ids: string[],
    readonly available: Sample[],
  ) {
    super(message);
  }
}
