/**
 * The quick checks in a worker of their own (composed by main.tsx as `deps.quickChecksOffThread`),
 * started at the first request. A request the worker cannot take (it failed to start or died,
 * the sample would not copy) is rejected, and the checks service runs it on the page instead.
 */
import type { QuickChecksOffThread } from './quickChecks';
import type { QuickChecksWorkerMessage, QuickChecksWorkerRequest } from './quickChecksWorker';

export function quickChecksInWorker(): QuickChecksOffThread {
  let worker: Worker | null = null;
  let gone: Error | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (result: Extract<QuickChecksWorkerMessage, { result: unknown }>['result']) => void; reject: (err: Error) => void }>();

  const fail = (err: Error) => {
    gone = err;
    worker?.terminate();
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };

  function start(): Worker {
    const w = new Worker(new URL('./quickChecksWorker.ts', import.meta.url), { type: 'module' });
    w.onerror = (event) => fail(new Error(event.message || 'the quick checks worker failed'));
    w.onmessage = ({ data }: MessageEvent<QuickChecksWorkerMessage>) => {
      const w = waiting.get(data.id);
      waiting.delete(data.id);
      if ('result' in data) w?.resolve(data.result);
      else w?.reject(new Error(data.error));
    };
    return w;
  }

  return (request) => {
    if (gone) return Promise.reject(gone);
    try {
      worker ??= start();
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
      return Promise.reject(gone!);
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      try {
        worker!.postMessage({ id, request } satisfies QuickChecksWorkerRequest);
      } catch (err) {
        // A sample that does not copy (DataCloneError): this one runs on the page, the worker stays.
        waiting.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  };
}
