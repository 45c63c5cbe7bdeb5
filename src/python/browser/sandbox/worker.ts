/**
 * The interpreter worker inside the sandbox frame. Built by scripts/prepare-assets.mjs as a
 * classic script (public/pyodide/sandbox-worker.js); the frame runs it from a blob URL after
 * Pyodide's loader and asm.js, so `loadPyodide` and `_createPyodideModule` are globals.
 * It cannot reach the studio: its origin is opaque and the frame's CSP allows no connection
 * to the studio, so the files Pyodide wants come as bytes from the studio via postMessage.
 *
 * The frame talks to this worker over a private MessageChannel whose port arrives with the
 * boot message, before any Python runs. The port lives only in this closure: code run by
 * Python (which can reach `self`, and so `self.postMessage` and `self.onmessage`) has no
 * reference to it, so it can neither read the host's messages nor answer them. The frame
 * ignores everything posted on the worker's global channel.
 */
import type { loadPyodide as LoadPyodide, PyodideAPI } from 'pyodide';
import { pyodideIndexUrl } from '../../config';
import { startInterpreter } from '../../interpreter';
import type { HostMessage, InterpreterMessage } from '../../protocol';
import { keepEnds, MESSAGE_LIMITS, type AssetReply, type AssetRequest, type SnapshotBoot, type WorkerBoot } from './messages';

declare const loadPyodide: typeof LoadPyodide;
declare const __PYODIDE_VERSION__: string;

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Every message within MESSAGE_LIMITS before it leaves: the worker never posts what the studio would refuse. */
function bounded(message: InterpreterMessage | AssetRequest): InterpreterMessage | AssetRequest {
  const short = (text: string) => String(text).slice(0, MESSAGE_LIMITS.short);
  switch (message.type) {
    case 'result':
      return {
        ...message,
        outcome: {
          kind: message.outcome.kind,
          stdout: keepEnds(String(message.outcome.stdout ?? '')),
          ...(message.outcome.traceback !== undefined ? { traceback: keepEnds(String(message.outcome.traceback)) } : {}),
          ...(message.outcome.stderr !== undefined ? { stderr: keepEnds(String(message.outcome.stderr)) } : {}),
        },
        packages: message.packages.slice(0, MESSAGE_LIMITS.list).map((p) => ({ name: short(p.name), from: p.from })),
      };
    case 'progress':
      return { ...message, detail: short(message.detail) };
    case 'loading-packages':
      return { ...message, names: message.names.slice(0, MESSAGE_LIMITS.list).map(short) };
    case 'fatal':
      return { ...message, message: short(message.message) };
    default:
      return message;
  }
}

scope.onmessage = (event: MessageEvent<WorkerBoot>) => {
  const port = event.ports[0];
  if (event.data?.type !== 'boot' || !port) return;
  // Taken now, before Python runs: a later patch of MessagePort.prototype cannot see the port.
  const send = port.postMessage.bind(port) as (message: unknown) => void;
  scope.onmessage = null;
  // The port is the worker's only way out. Code run by Python gets no other: the global
  // postMessage (to the frame) is removed, so a forged or 300-million-character message is
  // never even built, let alone sent.
  for (let o: object | null = scope; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, 'postMessage')) delete (o as { postMessage?: unknown }).postMessage;
  }
  void boot(event.data, port, (message) => send(bounded(message)));
};

async function boot(config: WorkerBoot, port: MessagePort, post: (message: InterpreterMessage | AssetRequest) => void): Promise<void> {
  const files = new Map(Object.entries({ ...config.files, ...config.snapshot?.files }));
  const waiting = new Map<number, (reply: AssetReply) => void>();
  let nextRequest = 1;
  const readAsset = async (file: string): Promise<Uint8Array> => {
    const known = files.get(file);
    if (known) return new Uint8Array(await known.arrayBuffer());
    const id = nextRequest++;
    const reply = await new Promise<AssetReply>((resolve) => {
      waiting.set(id, resolve);
      post({ type: 'asset-request', id, file });
    });
    if (!reply.bytes) throw new Error(reply.error ?? `${file} is not available`);
    return new Uint8Array(await reply.bytes.arrayBuffer());
  };

  // Pyodide fetches its wasm, stdlib and lock file from indexURL: answer from the bytes.
  const realFetch = scope.fetch.bind(scope);
  scope.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(config.indexURL)) return realFetch(input, init);
    const file = url.slice(config.indexURL.length);
    const bytes = await readAsset(file);
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': type } });
  };

  let handle: ((message: HostMessage) => void) | undefined;
  const early: HostMessage[] = [];
  port.onmessage = (event: MessageEvent<HostMessage | AssetReply>) => {
    const message = event.data;
    if (message?.type === 'asset') {
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    } else if (message?.type === 'run' || message?.type === 'drop') {
      if (handle) handle(message);
      else early.push(message);
    }
  };

  const snapshot = config.snapshot;
  try {
    handle = await startInterpreter({
      loadPyodide: async () => {
        post({ type: 'progress', fraction: 0.7, detail: snapshot ? 'restoring Python' : 'starting Python' });
        const pyodide = await loadPyodide({
          indexURL: config.indexURL,
          packageBaseUrl: config.packageIndexUrl ?? pyodideIndexUrl(__PYODIDE_VERSION__),
          stdout: () => {},
          stderr: () => {},
          ...(snapshot ? { _loadSnapshot: snapshot.bytes.arrayBuffer().then((b) => new Uint8Array(b)) } : {}),
        });
        if (snapshot) {
          post({ type: 'progress', fraction: 0.9, detail: 'restoring packages' });
          await restoreSnapshotFiles(pyodide, snapshot, readAsset);
        }
        return pyodide;
      },
      readAsset,
      interruptBuffer: new Int32Array(config.interruptBuffer!),
      post,
      preloadedPackages: snapshot?.packages,
    });
    for (const message of early.splice(0)) handle(message);
  } catch (error) {
    post({ type: 'fatal', message: String((error as Error)?.message ?? error) });
  }
}

/**
 * A memory snapshot holds the interpreter's memory, not its files: the package zips the
 * snapshot imported from (by zipimport) go back to the same paths, byte for byte, so the
 * modules it had not imported yet still load.
 */
async function restoreSnapshotFiles(pyodide: PyodideAPI, snapshot: SnapshotBoot, readAsset: (file: string) => Promise<Uint8Array>): Promise<void> {
  for (const zip of snapshot.zips) {
    pyodide.FS.mkdirTree(zip.path.slice(0, zip.path.lastIndexOf('/')));
    pyodide.FS.writeFile(zip.path, await readAsset(zip.file));
  }
  // Every restored interpreter would otherwise draw the same "random" numbers as the snapshot.
  pyodide.runPython("__import__('random').seed()");
}
