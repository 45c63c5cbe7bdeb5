/**
 * A Node worker thread running one of the studio's worker modules, as the WorkerLike the
 * page's client takes (client.ts): the thread's errors — a module that fails to load, a throw
 * outside any call, an exit nobody asked for — come as the 'error' events a browser's Worker fires.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerLike } from '../client';

type Listener = EventListenerOrEventListenerObject;

export function nodeWorker(module: URL): WorkerLike & { exited: Promise<number> } {
  const worker = new Worker(new URL('./nodeWorkerScope.mjs', import.meta.url), { workerData: { module: module.href } });
  const handlers = new Map<Listener, (value: unknown) => void>();
  let ending = false;
  const exited = new Promise<number>((resolve) => worker.on('exit', resolve));
  const deliver = (listener: Listener, event: object) => (typeof listener === 'function' ? listener(event as Event) : listener.handleEvent(event as Event));
  const errorEvent = (message: string) => ({ message, preventDefault: () => undefined });
  return {
    exited,
    postMessage: (message: unknown, transfer?: Transferable[]) => worker.postMessage(message, transfer as never),
    addEventListener(type: string, listener: Listener) {
      const handler =
        type === 'error'
          ? (err: unknown) => deliver(listener, errorEvent(err instanceof Error ? err.message : String(err)))
          : (data: unknown) => deliver(listener, { data });
      handlers.set(listener, handler);
      worker.on(type, handler);
      if (type === 'error') worker.on('exit', (code) => !ending && deliver(listener, errorEvent(`the worker exited (code ${code})`)));
    },
    removeEventListener(type: string, listener: Listener) {
      const handler = handlers.get(listener);
      if (handler) worker.off(type, handler);
    },
    terminate() {
      ending = true;
      void worker.terminate();
    },
  };
}
