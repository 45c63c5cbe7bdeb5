/**
 * The quick checks in a worker of their own (composed by main.tsx as `deps.quickChecksOffThread`),
 * started at the first request. A request the worker cannot take (it failed to start or died,
 * the sample would not copy) rejects with WorkerUnavailableError, and the checks service runs
 * it on the page instead (workers/client.ts `orOnPage`).
 */
import { workerClient } from '../workers/client';
import type { QuickChecksOffThread } from './quickChecks';
import type { QuickChecksWorkerApi } from './quickChecksWorker';

export function quickChecksInWorker(): QuickChecksOffThread {
  const worker = workerClient<QuickChecksWorkerApi>('quick checks', () => new Worker(new URL('./quickChecksWorker.ts', import.meta.url), { type: 'module' }));
  return (request) => worker.call((api) => api.quickChecks(request));
}
