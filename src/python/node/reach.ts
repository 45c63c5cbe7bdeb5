/**
 * Test-only: walks the JavaScript object graph that Python code in the sandbox can reach
 * (`js`, `pyodide_js` and every JS object any Python object holds) and reports any path to
 * the host's capabilities — process, globalThis, require, fetch, Node's fs, net, vm, child
 * processes, workers, or a NODEFS that mounts host directories. Runs inside the sandbox's
 * interpreter thread when the host started it with `testHooks`.
 */
import type { PyodideAPI } from 'pyodide';

export interface ReachReport {
  /** JS objects found behind Python objects, plus `js` and `pyodide_js`. */
  roots: number;
  objects: number;
  functions: number;
  /** Paths to a forbidden object or to something shaped like one; must stay empty. */
  hits: string[];
  /** Reachable functions whose own source calls require(, import(, fetch( or
   *  runInThisContext: what a closure could still reach — for the record. */
  callers: string[];
  truncated: boolean;
}

const BUILTINS = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'vm', 'worker_threads', 'module', 'inspector', 'os', 'cluster', 'v8', 'wasi'];

/** Methods whose presence marks an object as one of the host's capabilities. */
const TELLTALE = ['getBuiltinModule', 'dlopen', 'spawnSync', 'execSync', 'createConnection', 'runInThisContext', 'writeFileSync', 'createRequire'];

const CALLS = /\brequire\(|\bimport\(|\bfetch\(|runInThisContext|getBuiltinModule/g;
const MAX_OBJECTS = 2_000_000;

/** The identities to look for, taken before the realm is stripped. */
export async function captureForbidden(): Promise<Map<unknown, string>> {
  const forbidden = new Map<unknown, string>([
    [globalThis, 'globalThis'],
    [process, 'process'],
    [(process as unknown as { binding: unknown }).binding, "process.binding"],
    [globalThis.fetch, 'fetch'],
  ]);
  for (const name of BUILTINS) {
    const namespace = (await import(`node:${name}`)) as Record<string, unknown>;
    forbidden.set(namespace, `node:${name}`);
    for (const [key, value] of Object.entries(namespace)) {
      if ((typeof value === 'function' || (typeof value === 'object' && value)) && !forbidden.has(value)) forbidden.set(value, `node:${name}.${key}`);
    }
  }
  return forbidden;
}

export function walkReach(pyodide: PyodideAPI, jsglobals: object, forbidden: Map<unknown, string>): ReachReport {
  const roots: [unknown, string][] = [
    [jsglobals, 'js'],
    [pyodide, 'pyodide_js'],
    ...pythonHeldObjects(pyodide).map((value, i): [unknown, string] => [value, `python[${i}]`]),
  ];
  const PyProxy = pyodide.ffi.PyProxy as unknown as abstract new () => unknown;
  const seen = new Set<unknown>();
  const report: ReachReport = { roots: roots.length, objects: 0, functions: 0, hits: [], callers: [], truncated: false };
  const queue = roots;
  for (let at = 0; at < queue.length; at++) {
    const [value, path] = queue[at]!;
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    if (seen.size >= MAX_OBJECTS) {
      report.truncated = true;
      break;
    }
    seen.add(value);
    report.objects++;
    const name = forbidden.get(value);
    if (name) report.hits.push(`${path} is ${name}`);
    if (value instanceof PyProxy) continue; // a Python object: Python reaches it anyway
    if (typeof value === 'function') inspectFunction(value, path, report);
    const push = (child: unknown, childPath: string) => {
      if (child instanceof Promise) child.catch(() => {}); // a getter's rejected promise is not ours to report
      if ((typeof child === 'object' || typeof child === 'function') && child !== null && !seen.has(child)) queue.push([child, childPath]);
    };
    for (const [key, child] of properties(value)) push(child, `${path}.${key}`);
    const telltale = TELLTALE.filter((key) => safeHas(value, key));
    if (telltale.length) report.hits.push(`${path} has ${telltale.join(', ')}`);
    push(safe(() => Object.getPrototypeOf(value)), `${path}.__proto__`);
    for (const [k, v] of safe(() => [...Map.prototype.entries.call(value)]) ?? []) (push(k, `${path}<key>`), push(v, `${path}<value>`));
    for (const v of safe(() => [...Set.prototype.values.call(value)]) ?? []) push(v, `${path}<item>`);
  }
  return report;
}

/** The JS objects behind every JsProxy a Python object holds (modules, containers, gc). */
function pythonHeldObjects(pyodide: PyodideAPI): unknown[] {
  const found = pyodide.runPython(`
import gc, sys, js, pyodide_js
from pyodide.ffi import JsProxy
_found = {}
def _add(o):
    if isinstance(o, JsProxy):
        _found[id(o)] = o
for _o in gc.get_objects() + [m for m in list(sys.modules.values())]:
    _add(_o)
    try:
        _items = list(vars(_o).values()) if hasattr(_o, "__dict__") else []
        if isinstance(_o, dict): _items += list(_o.values()) + list(_o.keys())
        elif isinstance(_o, (list, tuple, set, frozenset)): _items += list(_o)
    except Exception:
        _items = []
    for _v in _items:
        _add(_v)
list(_found.values())
`) as { toJs(options: { depth: number }): unknown[]; destroy(): void };
  try {
    return found.toJs({ depth: 1 });
  } finally {
    found.destroy();
  }
}

function inspectFunction(fn: Function, path: string, report: ReachReport): void {
  report.functions++;
  if (fn.name === 'require') report.hits.push(`${path} is a function named require`);
  const source = safe(() => Function.prototype.toString.call(fn)) ?? '';
  const calls = source.match(CALLS);
  if (calls) report.callers.push(`${path}: ${[...new Set(calls)].join(' ')}`);
}

/** Own properties (values and what accessors return), and what inherited accessors return
 *  for this receiver — the attributes Python's JsProxy would show. */
function properties(value: object): [string, unknown][] {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return [];
  const out: [string, unknown][] = [];
  for (const key of safe(() => Reflect.ownKeys(value)) ?? []) {
    const descriptor = safe(() => Object.getOwnPropertyDescriptor(value, key));
    if (!descriptor) continue;
    const label = String(key);
    if ('value' in descriptor) out.push([label, descriptor.value]);
    if (descriptor.get) out.push([`${label}<get>`, descriptor.get], [label, safe(() => Reflect.get(value, key))]);
    if (descriptor.set) out.push([`${label}<set>`, descriptor.set]);
  }
  let proto = safe(() => Object.getPrototypeOf(value));
  for (let depth = 0; proto && depth < 6; depth++, proto = safe(() => Object.getPrototypeOf(proto))) {
    for (const key of safe(() => Reflect.ownKeys(proto)) ?? []) {
      if (key === '__proto__') continue;
      const descriptor = safe(() => Object.getOwnPropertyDescriptor(proto, key));
      if (descriptor?.get) out.push([String(key), safe(() => Reflect.get(proto, key, value))]);
    }
  }
  return out;
}

/** A host function under its own name (a WebAssembly export named dlopen is named by its index). */
function safeHas(value: object, key: string): boolean {
  return safe(() => {
    const fn = (value as Record<string, unknown>)[key];
    return typeof fn === 'function' && (fn.name === key || fn.name === `bound ${key}`);
  }) ?? false;
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export interface PermissionProbe {
  /** What each attempt gave: 'denied (CODE)' or what it got. */
  [attempt: string]: string;
}

/**
 * Test-only, the layer under the JS one: with Node's own modules in hand (as if model code
 * had got out of Pyodide), what the process's permission model and empty environment still
 * refuse inside the interpreter thread.
 */
export async function probePermissions(places: { marker: string; secretFile: string; home: string }): Promise<PermissionProbe> {
  const fs = (await import('node:fs')) as typeof import('node:fs');
  const childProcess = (await import('node:child_process')) as typeof import('node:child_process');
  const workers = (await import('node:worker_threads')) as typeof import('node:worker_threads');
  const realProcess = (await import('node:process')).default;
  const attempts: Record<string, () => unknown> = {
    'write a file': () => fs.writeFileSync(places.marker, 'x'),
    'read a host file': () => fs.readFileSync(places.secretFile, 'utf8'),
    'list the home folder': () => fs.readdirSync(places.home),
    'run a program': () => childProcess.execFileSync('/bin/sh', ['-c', `echo x > ${places.marker}`]),
    'start a worker with its own flags': () => new workers.Worker('1', { eval: true, execArgv: [] }),
    'read the environment': () => JSON.stringify(realProcess.env),
  };
  const probe: PermissionProbe = {};
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      probe[name] = `allowed: ${String(attempt()).slice(0, 100)}`;
    } catch (error) {
      probe[name] = `denied (${(error as { code?: string }).code ?? (error as Error).message})`;
    }
  }
  return probe;
}
