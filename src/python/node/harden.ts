/**
 * Takes away from the sandbox's interpreter thread everything model code must not reach, in
 * two steps: before Pyodide loads (network, modules Pyodide's runtime would load lazily) and
 * after it booted, before any model code runs (host file systems, process, most globals).
 * The process around it adds the rest: no environment, Node's permission model (no writes,
 * no child process, reads only Pyodide's files and ours), no code generation from strings.
 */
import { constants as fsConstants } from 'node:fs';
import * as nodeModule from 'node:module';
import type { PyodideAPI } from 'pyodide';

/** What Pyodide's runtime may `require` while it boots (fs, path and tty for its own files
 *  and streams, crypto for os.urandom), and afterwards. `ws` (socket emulation over
 *  WebSockets) and `child_process` (os.system) are never given out. */
const BOOT_REQUIRES = new Set(['fs', 'path', 'crypto', 'tty', 'node:fs', 'node:path', 'node:crypto', 'node:tty']);
const RUNTIME_REQUIRES = new Set(['crypto', 'node:crypto']);

/** Globals that can reach a network or another thread; gone before Pyodide loads. */
const NETWORK_GLOBALS = ['fetch', 'Request', 'Response', 'Headers', 'FormData', 'WebSocket', 'EventSource', 'BroadcastChannel', 'navigator'];

/** The globals left once Pyodide is up: the language's own objects and a few pure web APIs
 *  Pyodide's runtime uses (timers, text codecs, random numbers, WebAssembly). */
const KEPT_GLOBALS = new Set([
  ...['Object', 'Function', 'Array', 'Number', 'parseFloat', 'parseInt', 'Infinity', 'NaN', 'undefined', 'Boolean', 'String'],
  ...['Symbol', 'Date', 'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError'],
  ...['SyntaxError', 'TypeError', 'URIError', 'globalThis', 'JSON', 'Math', 'Intl', 'ArrayBuffer', 'SharedArrayBuffer'],
  ...['Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array'],
  ...['Uint8ClampedArray', 'BigUint64Array', 'BigInt64Array', 'DataView', 'Map', 'BigInt', 'Set', 'WeakMap', 'WeakSet'],
  ...['Proxy', 'Reflect', 'FinalizationRegistry', 'WeakRef', 'decodeURI', 'decodeURIComponent', 'encodeURI'],
  ...['encodeURIComponent', 'escape', 'unescape', 'eval', 'isFinite', 'isNaN', 'Atomics', 'WebAssembly', 'Iterator'],
  ...['console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'],
  ...['queueMicrotask', 'structuredClone', 'atob', 'btoa', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams'],
  ...['DOMException', 'AbortController', 'AbortSignal', 'Event', 'EventTarget', 'MessageChannel', 'MessagePort'],
  ...['MessageEvent', 'performance', 'Performance', 'crypto', 'Crypto', 'CryptoKey', 'SubtleCrypto', 'Buffer', 'Blob'],
]);

type Require = (this: unknown, id: string) => unknown;
const moduleProto = (nodeModule as unknown as { Module: { prototype: { require: Require } } }).Module.prototype;

let allowedRequires = BOOT_REQUIRES;

/** Step 1, before `import('pyodide.mjs')`. */
export function prepareRealm(): void {
  // The permission model refuses process.binding; Pyodide's NODEFS.staticInit only wants
  // the fs flag constants from it, at boot.
  const binding = (name: string) => {
    if (name === 'constants') return { fs: fsConstants };
    throw accessDenied(`process.binding('${name}')`);
  };
  Object.defineProperty(process, 'binding', { value: binding, configurable: true, writable: true });
  // pyodide.asm.js is CommonJS: every require it makes goes through Module.prototype.require.
  const original = moduleProto.require;
  moduleProto.require = function require(this: unknown, id: string) {
    if (!allowedRequires.has(id)) throw accessDenied(`require('${id}')`);
    return original.call(this, id);
  };
  // Emscripten names the program after argv[1] (Python sees it as $_): not our install path.
  process.argv = ['node', 'python'];
  for (const name of NETWORK_GLOBALS) {
    if (!Reflect.deleteProperty(globalThis, name)) throw new Error(`cannot remove the global ${name}`);
  }
}

/** Step 2, once Pyodide has booted and before any model code runs. */
export function sealRealm(pyodide: PyodideAPI): void {
  allowedRequires = RUNTIME_REQUIRES;
  const module = (pyodide as unknown as { _module: Record<string, unknown> })._module;
  const filesystems = (pyodide.FS as unknown as { filesystems: Record<string, unknown> }).filesystems;
  // No host directory can be mounted: NODEFS (and NODERAWFS, when built in) are gone.
  for (const name of ['NODEFS', 'NODERAWFS']) {
    delete filesystems[name];
    delete module[name];
  }
  const refuse = (what: string) => () => {
    throw accessDenied(what);
  };
  for (const name of ['mountNodeFS', 'mountNativeFS']) {
    Object.defineProperty(pyodide, name, { value: refuse(`pyodide.${name}`), configurable: false, writable: false });
  }
  // CallSite tricks (getThis/getFunction of a stack frame) go through Error.prepareStackTrace;
  // JS stack frames would show host paths in tracebacks (and make them differ by machine).
  Object.defineProperty(Error, 'prepareStackTrace', { value: undefined, configurable: false, writable: false });
  Object.defineProperty(Error, 'stackTraceLimit', { value: 0, configurable: false, writable: false });
  const facts = { versions: { ...process.versions }, version: process.version, platform: process.platform };
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    // Fails closed: a global that cannot be removed stops the sandbox from starting.
    if (!KEPT_GLOBALS.has(name) && !Reflect.deleteProperty(globalThis, name)) throw new Error(`cannot remove the global ${name}`);
  }
  // Pyodide's runtime reads a few plain facts from `process`; it gets nothing else.
  (globalThis as Record<string, unknown>).process = { ...facts, argv: [], env: {}, exitCode: undefined };
}

function accessDenied(what: string): Error {
  return Object.assign(new Error(`${what} is not available in the Python sandbox`), { code: 'ERR_ACCESS_DENIED' });
}
