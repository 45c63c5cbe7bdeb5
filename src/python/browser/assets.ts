/**
 * The files the sandbox needs from the studio's Pyodide folder, fetched by the studio page
 * (same origin) and handed to the opaque-origin frame as bytes. Fetched once per page.
 */
import type { SnapshotBoot } from './sandbox/messages';

/** The studio's Pyodide folder (public/pyodide, served next to the app). */
export function pyodideAssetBase(): string {
  return new URL(`${import.meta.env.BASE_URL}pyodide/`, document.baseURI).href;
}

export interface CoreAssets {
  /** Pyodide's loader, its asm.js, and our worker, in the order the frame concatenates them. */
  scripts: Blob[];
  files: Record<string, Blob>;
}

const SCRIPT_FILES = ['pyodide.js', 'pyodide.asm.js', 'sandbox-worker.js'];
const BINARY_FILES = ['pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
/** Rough sizes for progress before the Content-Length headers arrive. */
const EXPECTED_BYTES = 12_500_000;

let cached: Promise<CoreAssets> | undefined;

/** Fetches (once) what a sandbox boots from; `onProgress` gets a fraction 0..1. */
export function loadCoreAssets(onProgress: (fraction: number) => void): Promise<CoreAssets> {
  cached ??= fetchCoreAssets(onProgress).catch((error: unknown) => {
    cached = undefined; // let a later boot try again
    throw error;
  });
  return cached;
}

async function fetchCoreAssets(onProgress: (fraction: number) => void): Promise<CoreAssets> {
  const base = pyodideAssetBase();
  let received = 0;
  const count = (n: number) => {
    received += n;
    onProgress(Math.min(0.99, received / EXPECTED_BYTES));
  };
  const [scripts, binaries] = await Promise.all([
    Promise.all(SCRIPT_FILES.map((file) => fetchBlob(base + file, count))),
    Promise.all(BINARY_FILES.map((file) => fetchBlob(base + file, count))),
  ]);
  const files: Record<string, Blob> = {};
  BINARY_FILES.forEach((file, i) => (files[file] = binaries[i]!));
  return { scripts, files };
}

/**
 * One file of the Pyodide folder as a Blob: the browser keeps the bytes (no copy through this
 * thread's heap), and a Blob goes to a sandbox frame without copying. Progress counts whole files.
 */
export async function fetchBlob(url: string, onDone: (bytes: number) => void = () => {}): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}; run \`npm run assets\` to put Pyodide into public/pyodide/`);
  }
  const blob = await response.blob();
  onDone(blob.size);
  return blob;
}

/** One file of the Pyodide folder as bytes, counting progress as it streams. */
export async function fetchBytes(url: string, onChunk: (bytes: number) => void = () => {}): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}; run \`npm run assets\` to put Pyodide into public/pyodide/`);
  }
  if (!response.body) return response.arrayBuffer();
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onChunk(value.byteLength);
  }
  return new Blob(chunks as BlobPart[]).arrayBuffer();
}

/** public/pyodide/python-snapshot.json, written by scripts/build-python-snapshot.mjs. */
export const SNAPSHOT_MANIFEST = 'python-snapshot.json';

interface SnapshotManifest {
  file: string;
  pyodideVersion: string;
  zips: { path: string; file: string }[];
  packages: string[];
}

let snapshotCache: Promise<SnapshotBoot | undefined> | undefined;

/**
 * The build-time memory snapshot (an interpreter with sympy imported), fetched once per page;
 * undefined when the build has none (then sandboxes boot cold). Each sandbox gets a copy.
 */
export function loadSnapshot(): Promise<SnapshotBoot | undefined> {
  snapshotCache ??= fetchSnapshot().catch(() => undefined);
  return snapshotCache;
}

async function fetchSnapshot(): Promise<SnapshotBoot | undefined> {
  const base = pyodideAssetBase();
  const response = await fetch(base + SNAPSHOT_MANIFEST);
  if (!response.ok) return undefined;
  const manifest = (await response.json()) as SnapshotManifest;
  // The zips the snapshot imported from come along: the worker writes them back at once.
  const [bytes, ...zips] = await Promise.all([fetchBlob(base + manifest.file), ...manifest.zips.map((z) => fetchBlob(base + z.file))]);
  const files: Record<string, Blob> = {};
  manifest.zips.forEach((z, i) => (files[z.file] = zips[i]!));
  return { bytes: bytes!, zips: manifest.zips, packages: manifest.packages, files };
}
