/**
 * Starts one interpreter inside the sandbox frame (sandbox.html) and speaks to it by
 * postMessage only. The frame's origin is opaque, so everything that comes back is
 * untrusted data: only messages from our frame's window, of known shapes, are used, and
 * the only thing it can ask for is a file of the public Pyodide folder.
 */
import type { InterpreterEvents, InterpreterProcess } from '../hostTypes';
import { SIGINT, type HostMessage, type InterruptSignal } from '../protocol';
import { ASSET_NAME, type AssetReply, type SandboxBoot } from './sandbox/messages';
import { fetchBlob, loadCoreAssets, loadSnapshot, pyodideAssetBase } from './assets';
import { parseSandboxMessage } from './guard';

export interface SandboxOptions {
  /** Official package index for packages that are not local (must match the frame's CSP). */
  packageIndexUrl?: string;
  /** Where the frame document is served (default: sandbox.html next to the app). */
  frameUrl?: string;
  /** Start from the build-time memory snapshot when there is one (default true). */
  snapshot?: boolean;
}

export function spawnSandboxInterpreter(events: InterpreterEvents, options: SandboxOptions = {}): InterpreterProcess {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('allow', 'cross-origin-isolated');
  frame.setAttribute('aria-hidden', 'true');
  frame.title = 'Python sandbox';
  frame.dataset.pythonSandbox = '';
  frame.style.display = 'none';
  frame.src = options.frameUrl ?? new URL(`${import.meta.env.BASE_URL}sandbox.html`, document.baseURI).href;

  const toFrame = (message: HostMessage | SandboxBoot | AssetReply | { type: 'interrupt'; signal: InterruptSignal }, transfer: Transferable[] = []) =>
    frame.contentWindow?.postMessage(message, '*', transfer);

  // Messages from this frame only, each checked before anything reads it (guard.ts).
  const onMessage = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow) return;
    const parsed = parseSandboxMessage(event.data);
    if (!parsed.ok) {
      events.notice?.(`Dropped a malformed message from the Python sandbox (${parsed.reason}).`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'sandbox-loaded') {
      if (!message.isolated) {
        events.exit('the sandbox is not cross-origin isolated: the page must be served with COOP same-origin and COEP require-corp');
        return;
      }
      void boot();
    } else if (message.type === 'asset-request') {
      void answerAsset(message.id, message.file);
    } else if (message.type === 'notice') {
      events.notice?.(message.text);
    } else {
      events.message(message);
    }
  };

  // Fetched while the frame loads (once per page; later sandboxes find them ready).
  const files = Promise.all([
    loadCoreAssets((fraction) => events.message({ type: 'progress', fraction: fraction * 0.6, detail: 'downloading Python' })),
    options.snapshot === false ? undefined : loadSnapshot(),
  ]);
  files.catch(() => undefined); // reported by boot()

  async function boot(): Promise<void> {
    try {
      const [assets, snapshot] = await files;
      events.message({ type: 'progress', fraction: 0.6, detail: snapshot ? 'restoring Python' : 'starting Python' });
      toFrame({
        type: 'sandbox-boot',
        scripts: assets.scripts,
        boot: { type: 'boot', indexURL: pyodideAssetBase(), files: assets.files, packageIndexUrl: options.packageIndexUrl, snapshot },
      });
    } catch (error) {
      events.exit((error as Error).message);
    }
  }

  async function answerAsset(id: number, file: string): Promise<void> {
    if (!ASSET_NAME.test(file)) {
      toFrame({ type: 'asset', id, error: `refused: ${file}` });
      return;
    }
    try {
      const bytes = await fetchBlob(pyodideAssetBase() + file);
      toFrame({ type: 'asset', id, bytes });
    } catch (error) {
      toFrame({ type: 'asset', id, error: (error as Error).message });
    }
  }

  window.addEventListener('message', onMessage);
  document.body.appendChild(frame);
  return {
    post: (message) => toFrame(message),
    interrupt: (signal = SIGINT) => toFrame({ type: 'interrupt', signal }),
    clearInterrupt: () => {}, // the frame clears the flag when it forwards a `run`
    terminate: () => {
      window.removeEventListener('message', onMessage);
      frame.remove();
    },
  };
}
