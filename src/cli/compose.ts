/**
 * The studio composed for Node (a program driving it, the unit tests): the same store as the
 * browser's, with memory persistence, the runtime manager over Node interpreters, and the
 * OpenAI-compatible client — the browser's composition root is src/main.tsx.
 */
import { createOpenAICompatibleClient } from '../model';
import { createNodeExecutor, type NodeExecutorOptions } from '../python/node';
import { RuntimeManager } from '../python/runtime/manager';
import { createStudio, memoryLocalSettings, memoryPersistence, systemClock, type Studio, type StudioDeps } from '../store';

export interface NodeStudioOptions extends Partial<StudioDeps> {
  /** Options of every Node interpreter (package folder, time limits). */
  python?: StudioDeps['python'];
  executor?: NodeExecutorOptions;
}

export function nodeRuntimes(options: NodeExecutorOptions = {}): RuntimeManager {
  return new RuntimeManager({ maxSamples: 2, createExecutor: () => createNodeExecutor(options) });
}

export function createNodeStudio(options: NodeStudioOptions = {}): Studio {
  const { executor, ...deps } = options;
  return createStudio({
    persistence: memoryPersistence(),
    localSettings: memoryLocalSettings(),
    clock: systemClock,
    modelClient: (endpoint) => createOpenAICompatibleClient({ name: endpoint.name, baseURL: endpoint.baseURL, apiKey: endpoint.apiKey || undefined }),
    // Interpreters start when a run asks for one: a Node program may never run code.
    warmUpPython: false,
    ...deps,
    python: deps.python ?? nodeRuntimes(executor),
  });
}
