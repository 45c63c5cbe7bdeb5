/**
 * The main thread of the sandbox process. It holds the interrupt buffer and the pipes to the
 * host, starts the interpreter thread, and relays: host frames (stdin) to the thread, the
 * thread's messages to the host (fd 3), trimmed to fit a frame. It never runs model code,
 * and model code has no reference to anything here (another thread, another JS realm).
 */
import { createWriteStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SIGINT } from '../protocol';
import { encodeFrame, FrameReader, MAX_FRAME_BYTES } from './frames';
import { INSPECT_REACH, type SandboxConfig, type WorkerConfig } from './sandbox-worker';

/** What the host sends: the protocol's messages, and the transport's own controls. */
export type HostFrame =
  | { t: 'message'; message: unknown }
  | { t: 'interrupt' }
  | { t: 'clear-interrupt' }
  /** Test mode only. */
  | { t: 'inspect-reach' };

/** Per text field of a result: as the runner keeps stdout, the first and last million characters. */
const KEEP_CHARS = 1_000_000;
/** The interpreter thread's JS heap (Pyodide's memory is WebAssembly's, outside it). */
const WORKER_HEAP_MB = 2048;

export function runSandboxMain(entry: URL): void {
  const config = JSON.parse(process.argv[2] ?? '{}') as SandboxConfig;
  const interruptBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(interruptBuffer);
  const toHost = createWriteStream('', { fd: 3 });
  let closing = false;
  const send = (message: unknown) => {
    if (!closing) toHost.write(frameFor(message));
  };
  const stop = (why: string) => {
    if (closing) return;
    send({ type: 'fatal', message: why });
    closing = true;
    toHost.end(() => process.exit(1));
    setTimeout(() => process.exit(1), 1000).unref();
  };

  const workerData: WorkerConfig = { ...config, interruptBuffer };
  const worker = new Worker(entry, { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  worker.on('message', send);
  worker.on('error', (error) => stop(`the interpreter thread failed: ${error.message}`));
  worker.on('exit', (code) => stop(`the interpreter thread exited (code ${code})`));

  const reader = new FrameReader(
    {
      frame: (text) => {
        const frame = JSON.parse(text) as HostFrame;
        if (frame.t === 'message') worker.postMessage(frame.message);
        else if (frame.t === 'interrupt') Atomics.store(flag, 0, SIGINT);
        else if (frame.t === 'clear-interrupt') Atomics.store(flag, 0, 0);
        else if (frame.t === 'inspect-reach' && config.testHooks) worker.postMessage({ type: INSPECT_REACH });
      },
      oversized: () => stop('the host sent an oversized frame'),
    },
    Number.MAX_SAFE_INTEGER,
  );
  process.stdin.on('data', (chunk: Buffer) => reader.push(chunk));
  // The host is gone (or closed us): nothing left to do.
  process.stdin.on('end', () => process.exit(0));
}

/** The frame for a message from the interpreter thread, its texts trimmed to fit. */
function frameFor(message: unknown): Buffer {
  let frame: Buffer;
  try {
    frame = encodeFrame(trimResult(message));
  } catch (error) {
    return encodeFrame({ type: 'fatal', message: `the interpreter sent a message that cannot be sent on (${(error as Error).message})` });
  }
  if (frame.length <= MAX_FRAME_BYTES) return frame;
  return encodeFrame({ type: 'fatal', message: `the interpreter sent a message of ${frame.length} bytes, over the limit` });
}

function trimResult(message: unknown): unknown {
  const m = message as { type?: unknown; outcome?: { stdout?: unknown; traceback?: unknown } };
  if (m?.type !== 'result' || typeof m.outcome !== 'object' || m.outcome === null) return message;
  return { ...m, outcome: { ...m.outcome, stdout: keepEnds(m.outcome.stdout), traceback: keepEnds(m.outcome.traceback) } };
}

function keepEnds(text: unknown): unknown {
  if (typeof text !== 'string' || text.length <= 2 * KEEP_CHARS) return text;
  const dropped = text.length - 2 * KEEP_CHARS;
  return `${text.slice(0, KEEP_CHARS)}\n... [${dropped} characters not kept] ...\n${text.slice(-KEEP_CHARS)}`;
}
