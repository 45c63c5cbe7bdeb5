/**
 * Runs one of the studio's worker modules (TypeScript, `workerData.module`) in a Node worker
 * thread, with the global scope a browser's worker has as far as the studio uses it
 * (postMessage, addEventListener on the thread's port), so tests run the modules the browser
 * runs in a real worker: its own thread, messages structured-cloned, buffers transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

globalThis.self = globalThis;
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
globalThis.addEventListener = (type, listener) => parentPort.addEventListener(type, listener);
globalThis.removeEventListener = (type, listener) => parentPort.removeEventListener(type, listener);
register();
await import(workerData.module);
