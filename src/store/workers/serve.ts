/**
 * The worker's side of every studio worker (see client.ts): `serve` exposes the worker's
 * functions to the page (comlink's `expose`); `transfer` hands buffers over instead of copying
 * them; `reporter` sends progress to a callback the page passed (`proxy(fn)` there).
 */
import { expose, releaseProxy, transfer, type Endpoint } from 'comlink';

export { transfer };

/** Exposes `api` to the page: each of its functions becomes a call of `workerClient(...).call`. */
export function serve(api: object, endpoint?: Endpoint): void {
  expose(api, endpoint);
}

/** A callback of the page, as the worker holds it: each call a message, answered when the page ran it. */
export type PageCallback<A extends unknown[]> = (...args: A) => unknown;

export interface Reporter<A extends unknown[]> {
  /** Sends a report without waiting for the page: the work goes on, reports keep their order. */
  report(...args: A): void;
  /**
   * Resolves once the page has taken every report, and lets the callback go. comlink sends a
   * callback's calls on a port of its own, which a call's result could overtake: a function
   * awaits this before returning, so its last report is never read after its result.
   */
  done(): Promise<void>;
}

export function reporter<A extends unknown[]>(callback: PageCallback<A> | undefined): Reporter<A> {
  let last: Promise<unknown> = Promise.resolve();
  return {
    report(...args) {
      if (!callback) return;
      last = Promise.resolve(callback(...args));
      // A page that stopped listening is no reason to fail the work.
      last.catch(() => undefined);
    },
    async done() {
      if (!callback) return;
      await last.catch(() => undefined);
      (callback as { [releaseProxy]?: () => void })[releaseProxy]?.();
    },
  };
}
