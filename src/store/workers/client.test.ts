/**
 * The one mechanism every studio worker goes through (client.ts, serve.ts), against real
 * workers: each test starts a Node worker thread running a worker module (testing/), so
 * messages are structured-cloned across threads, buffers are really transferred and a worker
 * can really fail.
 */
import { proxy, transfer } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { orOnPage, workerClient, WorkerUnavailableError, type WorkerClient } from './client';
import { nodeWorker } from './testing/nodeWorker';
import type { MechanismApi } from './testing/mechanismWorker';

const started: WorkerClient<unknown>[] = [];
afterEach(() => {
  for (const client of started.splice(0)) client.end();
});

function client<T = MechanismApi>(module = './testing/mechanismWorker.ts') {
  let worker: ReturnType<typeof nodeWorker> | null = null;
  const c = workerClient<T>('test', () => (worker = nodeWorker(new URL(module, import.meta.url))));
  started.push(c as WorkerClient<unknown>);
  return { client: c, worker: () => worker! };
}

describe('a call to a worker', () => {
  it('returns what the worker computed', async () => {
    const { client: c } = client();
    expect(await c.call((api) => api.echo({ a: [1, 2], b: 'x' }))).toEqual({ a: [1, 2], b: 'x' });
  });

  it('rejects with the error the worker threw, its message intact', async () => {
    const { client: c } = client();
    const err = await c.call((api) => api.fail('tokenizer.json is not valid JSON (line 3)')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(WorkerUnavailableError);
    expect((err as Error).message).toBe('tokenizer.json is not valid JSON (line 3)');
    // The worker stays: the next call is answered.
    expect(await c.call((api) => api.echo(7))).toBe(7);
  });

  it('gets every progress report, in order, before the result', async () => {
    const { client: c } = client();
    const seen: number[] = [];
    let resolved = false;
    const result = await c.call((api) =>
      api.countTo(
        500,
        proxy((i: number) => {
          expect(resolved).toBe(false);
          seen.push(i);
        }),
      ),
    );
    resolved = true;
    expect(result).toBe(500);
    expect(seen).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });

  it('hands buffers over both ways instead of copying them', async () => {
    const { client: c } = client();
    const bytes = Uint8Array.from([1, 2, 3, 250]);
    const sent = c.call((api) => api.sum(transfer(bytes, [bytes.buffer])));
    // Handed over: the page's buffer is empty at once.
    expect(bytes.byteLength).toBe(0);
    expect(await sent).toEqual({ length: 4, sum: 256 });

    const made = await c.call((api) => api.make(1000));
    expect(made.byteLength).toBe(1000);
    expect(made[999]).toBe(999 % 256);
    expect(await c.call((api) => api.handedOverLength())).toBe(0);
  });
});

describe('stopping a call', () => {
  it('stops the work at the flag the page sets, and the worker answers again', async () => {
    const { client: c } = client();
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const running = c.call((api) => api.work(stop));
    await new Promise((resolve) => setTimeout(resolve, 50));
    Atomics.store(stop, 0, 1);
    await expect(running).rejects.toThrow(/^stopped after \d+ rounds$/);
    expect(await c.call((api) => api.echo('still here'))).toBe('still here');
  });

  it('ends the worker without a flag: the call rejects with the reason and the thread is gone', async () => {
    const { client: c, worker } = client();
    const running = c.call((api) => api.work());
    await new Promise((resolve) => setTimeout(resolve, 50));
    c.end(new Error('The export was cancelled.'));
    await expect(running).rejects.toThrow('The export was cancelled.');
    await expect(worker().exited).resolves.toBeTypeOf('number');
    await expect(c.call((api) => api.echo(1))).rejects.toThrow('The export was cancelled.');
  });
});

describe('a worker that cannot work', () => {
  it('that fails to start rejects its calls as unavailable, and orOnPage does the work on the page', async () => {
    const { client: c } = client<MechanismApi>('./testing/brokenWorker.ts');
    const err = await c.call((api) => api.echo(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerUnavailableError);
    expect((err as Error).message).toContain('this worker does not start');

    const onPage: string[] = [];
    const { client: broken } = client<MechanismApi>('./testing/brokenWorker.ts');
    const double = orOnPage(
      (n: number) => broken.call((api) => api.echo(n * 2)),
      async (n: number) => {
        onPage.push(`page ${n}`);
        return n * 2;
      },
    );
    expect(await double(21)).toBe(42);
    expect(onPage).toEqual(['page 21']);
  });

  it("runs on the page when the call's data does not copy, and the worker stays for the next", async () => {
    const { client: c } = client();
    const viaWorker = orOnPage(
      (value: unknown) => c.call((api) => api.echo(value)),
      async () => 'on the page',
    );
    expect(await viaWorker({ f: () => 1 })).toBe('on the page');
    expect(await viaWorker('plain')).toBe('plain');
  });

  it("does not run on the page when the work itself failed (the page's error would be the same)", async () => {
    const { client: c } = client();
    let ranOnPage = false;
    const failing = orOnPage(
      (message: string) => c.call((api) => api.fail(message)),
      async () => {
        ranOnPage = true;
        return 'page';
      },
    );
    await expect(failing('not a format the studio reads')).rejects.toThrow('not a format the studio reads');
    expect(ranOnPage).toBe(false);
  });

  it('that crashes while a call waits rejects it as unavailable, and every later call too', async () => {
    const { client: c } = client();
    const running = c.call((api) => api.work());
    await c.call((api) => api.crashSoon('out of memory'));
    const err = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerUnavailableError);
    expect((err as Error).message).toContain('out of memory');
    await expect(c.call((api) => api.echo(1))).rejects.toBeInstanceOf(WorkerUnavailableError);
  });
});
