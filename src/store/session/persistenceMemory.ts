/** The store in memory: for Node, tests, and a browser that refuses IndexedDB. */
import type { Sample } from '../../core/sample/types';
import type { RemoteChange, SaveResult, StudioPersistence } from './persistenceTypes';
import type { UiSnapshot } from './ui';
import { decideSave, writerId, type SampleConflict, type StoredVersion } from './versions';

/** A store in memory several writers can share (two "tabs" in a test). */
export interface MemoryStore {
  samples: Map<string, Sample>;
  versions: Map<string, StoredVersion>;
  refused: Map<string, SampleConflict>;
  ui: UiSnapshot | null;
  listeners: Set<{ writer: string; listener: (change: RemoteChange) => void }>;
}

export function memoryStore(initial: { samples?: Sample[]; ui?: UiSnapshot | null } = {}): MemoryStore {
  return {
    samples: new Map((initial.samples ?? []).map((s) => [s.id, structuredClone(s)])),
    versions: new Map(),
    refused: new Map(),
    ui: initial.ui ?? null,
    listeners: new Set(),
  };
}

/** In memory: for Node, tests, and a browser that refuses IndexedDB. Forgets everything on exit. */
export function memoryPersistence(initial: { samples?: Sample[]; ui?: UiSnapshot | null } | MemoryStore = {}): StudioPersistence {
  const store = 'listeners' in initial ? initial : memoryStore(initial);
  const writer = writerId();
  return {
    async load() {
      return {
        samples: [...store.samples.values()].map((s) => structuredClone(s)),
        versions: Object.fromEntries([...store.samples.keys()].map((id) => [id, store.versions.get(id)?.version ?? 1])),
        ui: store.ui && structuredClone(store.ui),
        conflicts: [...store.refused.values()].map((c) => structuredClone(c)),
      };
    },
    async save(batch) {
      const result: SaveResult = { versions: {}, conflicts: [] };
      const change: RemoteChange = { samples: [], deletedIds: [] };
      for (const s of batch.samples) {
        const existing = store.samples.get(s.id);
        const stored = existing && { sample: existing, ...(store.versions.get(s.id) ?? { version: 1, writer: '' }) };
        const decision = decideSave(stored, s, batch.baseVersions?.[s.id] ?? 0, writer);
        if (decision.kind === 'conflict') {
          store.refused.set(s.id, structuredClone(decision.conflict));
          result.conflicts.push(decision.conflict);
          continue;
        }
        store.refused.delete(s.id);
        result.versions[s.id] = decision.version;
        if (decision.kind === 'unchanged') continue;
        store.samples.set(s.id, structuredClone(s));
        store.versions.set(s.id, { version: decision.version, writer });
        change.samples.push({ sample: structuredClone(s), version: decision.version });
      }
      for (const id of batch.deletedIds ?? []) {
        store.samples.delete(id);
        store.versions.delete(id);
        change.deletedIds.push(id);
      }
      if (batch.ui) store.ui = structuredClone(batch.ui);
      if (change.samples.length || change.deletedIds.length) {
        for (const l of store.listeners) if (l.writer !== writer) queueMicrotask(() => l.listener(structuredClone(change)));
      }
      return result;
    },
    watch(listener) {
      const entry = { writer, listener };
      store.listeners.add(entry);
      return () => store.listeners.delete(entry);
    },
  };
}
