/** A worker for the mechanism's own tests (client.test.ts): small work that errs, reports, stops and hands buffers over. */
import { reporter, serve, transfer, type PageCallback } from '../serve';

let handedOver: ArrayBuffer | null = null;

export const mechanismApi = {
  echo: <T>(value: T) => value,
  fail(message: string): never {
    throw new Error(message);
  },
  /** Reports 1..n, then returns n. */
  async countTo(n: number, onProgress?: PageCallback<[number]>) {
    const progress = reporter(onProgress);
    for (let i = 1; i <= n; i++) progress.report(i);
    await progress.done();
    return n;
  },
  /** Works until the page's flag says stop (or forever); returns the rounds it did. */
  async work(stop?: Int32Array) {
    let rounds = 0;
    for (;;) {
      if (stop && Atomics.load(stop, 0) === 1) throw new Error(`stopped after ${rounds} rounds`);
      rounds++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  },
  /** The bytes' length and sum, as the worker received them. */
  sum: (bytes: Uint8Array) => ({ length: bytes.byteLength, sum: bytes.reduce((a, b) => a + b, 0) }),
  /** n bytes 0..n-1, handed over to the page. */
  make(n: number) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => i % 256);
    handedOver = bytes.buffer;
    return transfer(bytes, [bytes.buffer]);
  },
  /** An error outside any call, a moment from now: the worker dies as a crash kills it. */
  crashSoon(message: string) {
    setTimeout(() => {
      throw new Error(message);
    }, 10);
  },
  /** The length the buffer `make` handed over has here now (0 once transferred). */
  handedOverLength: () => handedOver?.byteLength ?? -1,
};

export type MechanismApi = typeof mechanismApi;

serve(mechanismApi);
