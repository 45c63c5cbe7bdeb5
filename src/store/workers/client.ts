/**
 * The page's side of every studio worker (token counts, quick checks, export, import): calls
 * go through comlink (`wrap`: ids, replies, errors with their message, transfer, proxied
 * callbacks), and this module adds what comlink leaves out — a worker that fails to start,
 * crashes or is ended rejects every call still waiting (comlink's would wait forever, comlink
 * issues #601, #463) with WorkerUnavailableError, and `orOnPage` is the one rule for what then
 * happens: the page does the work itself.
 */
import { wrap, type Endpoint, type Remote } from 'comlink';
import { errorText } from '../../core/util';

/** The worker cannot take this call: it failed to start, crashed, was ended, or the call's data would not copy. */
export class WorkerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerUnavailableError';
  }
}

/** What the client needs of a worker: a browser's Worker has it (tests adapt a Node worker thread). */
export type WorkerLike = Endpoint & { terminate(): void };

export interface WorkerClient<T> {
  /**
   * Calls into the worker (started at the first call). Rejects with the worker's error (its
   * message and name), or WorkerUnavailableError when the worker cannot answer.
   */
  call<R>(use: (api: Remote<T>) => Promise<R>): Promise<R>;
  /**
   * Resolves once the worker runs and answers; rejects as unavailable when it failed to start.
   * A call that hands data over (transfer) waits for it first, so that the page still holds
   * the data when it has to do the work itself.
   */
  ready(): Promise<void>;
  /** Ends the worker; calls still waiting, and every later one, reject with `reason`. */
  end(reason?: Error): void;
}

/** A module worker of the studio: `new Worker(new URL('./x.ts', import.meta.url), { type: 'module' })` stays at the call site, where Vite finds it. */
export function workerClient<T>(name: string, start: () => WorkerLike): WorkerClient<T> {
  let api: Remote<T> | null = null;
  let worker: WorkerLike | null = null;
  let gone: Error | null = null;
  const waiting = new Set<(err: Error) => void>();

  function end(reason: Error): void {
    if (gone) return;
    gone = reason;
    worker?.terminate();
    for (const reject of waiting) reject(reason);
    waiting.clear();
  }

  function started(): Remote<T> {
    if (api) return api;
    try {
      worker = start();
    } catch (err) {
      end(new WorkerUnavailableError(`the ${name} worker could not start (${errorText(err)})`));
      throw gone;
    }
    // A module that fails to load, or an error no call caught: the worker is of no more use.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      end(new WorkerUnavailableError((event as ErrorEvent).message || `the ${name} worker failed`));
    });
    // A reply the page could not read would leave its call waiting forever.
    worker.addEventListener('messageerror', () => end(new WorkerUnavailableError(`a message from the ${name} worker could not be read`)));
    api = wrap<T>(worker);
    return api;
  }

  function call<R>(use: (api: Remote<T>) => Promise<R>): Promise<R> {
    if (gone) return Promise.reject(gone);
    return new Promise<R>((resolve, reject) => {
      waiting.add(reject);
      const settle = () => waiting.delete(reject);
      let remote: Remote<T>;
      try {
        remote = started();
      } catch (err) {
        settle();
        return reject(err instanceof Error ? err : new Error(String(err)));
      }
      use(remote).then(
        (value) => {
          settle();
          resolve(value);
        },
        (err: unknown) => {
          settle();
          // Data that does not copy (DataCloneError) fails this call only: the page runs it, the worker stays.
          if ((err as { name?: unknown } | null)?.name === 'DataCloneError') reject(new WorkerUnavailableError(`the ${name} worker could not be sent this (${errorText(err)})`));
          else reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  return {
    call,
    // A property read is a round trip of its own (comlink's GET): the worker loaded and serves.
    ready: () => call(async (api) => void (await (api as unknown as { readonly serving: Promise<unknown> }).serving)),
    end: (reason = new WorkerUnavailableError(`the ${name} worker was ended`)) => end(reason),
  };
}

/**
 * The one rule for work a worker may take: with no worker, or when it cannot take this call
 * (WorkerUnavailableError), the page does the work; an error of the work itself is the
 * caller's, as the page would have thrown it.
 */
export function orOnPage<A extends unknown[], R>(offThread: ((...args: A) => Promise<R>) | undefined, onPage: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  if (!offThread) return onPage;
  return (...args) =>
    offThread(...args).catch((err: unknown) => {
      if (err instanceof WorkerUnavailableError) return onPage(...args);
      throw err;
    });
}
