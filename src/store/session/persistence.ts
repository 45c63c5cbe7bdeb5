/**
 * Where the studio keeps its work between sessions — the interface (persistenceTypes.ts) and
 * its stores: memory (persistenceMemory.ts) and IndexedDB (persistenceIndexedDb.ts, with the
 * library's streamed read in persistenceLibrary.ts).
 */
export type * from './persistenceTypes';
export { memoryPersistence, memoryStore, type MemoryStore } from './persistenceMemory';
export { indexedDbPersistence } from './persistenceIndexedDb';
export { DATABASE_NAME } from './persistenceSchema';
export { writerId } from './versions';
