/**
 * Loading the packages a cell imports, before it runs: the local zips built from the
 * machine's Python packages first, else the official Pyodide index, else one clear line.
 */
import type { PyodideAPI } from 'pyodide';
import type { PackageUse } from '../core/exec/types';

/** public/pyodide/local-packages.json, written by scripts/build-python-packages.py. */
export interface LocalPackageManifest {
  packages: Record<string, LocalPackage>;
}

export interface LocalPackage {
  file: string;
  version: string;
  /** Top-level module names the zip provides. */
  imports: string[];
  /** Other local packages it needs (by manifest name). */
  depends: string[];
  /** Where it was zipped from, for the record. */
  source?: string;
}

export const LOCAL_MANIFEST_FILE = 'local-packages.json';

/** What preparing a cell gave: packages now loaded, or why the cell cannot run. */
export interface PreparedImports {
  loaded: PackageUse[];
  /** Top-level modules the code imports that come from packages (local or index), loaded or not. */
  packageModules: string[];
  problem?: string;
}

export class PackageLoader {
  private readonly done = new Set<string>();
  private sitePackages: string | undefined;

  constructor(
    private readonly pyodide: PyodideAPI,
    private readonly manifest: LocalPackageManifest,
    /** The bytes of a file next to the manifest. */
    private readonly readLocal: (file: string) => Promise<Uint8Array>,
    /** Told which packages are about to load (they can take seconds). */
    private readonly onLoading: (names: string[]) => void = () => {},
    /** Local packages already imported (a memory snapshot): reported on first use, never unpacked again. */
    private readonly preloaded: readonly string[] = [],
    /** False where nothing may be downloaded (the CLI's sandbox has no network at all). */
    private readonly useIndex = true,
  ) {}

  /** Loads every package `code` imports that is not loaded yet. */
  async prepare(code: string): Promise<PreparedImports> {
    const loaded: PackageUse[] = [];
    const packageModules: string[] = [];
    for (const module of this.findImports(code)) {
      const local = this.localPackageFor(module);
      const indexName = local ? undefined : this.indexPackageFor(module);
      if (local || indexName) packageModules.push(module);
      if (this.done.has(module)) continue;
      if (local) {
        await this.loadLocal(local, loaded);
      } else if (indexName && !this.useIndex) {
        return { loaded, packageModules, problem: `Package '${module}' is not available offline: it is not among the local packages, and this sandbox does not download packages.` };
      } else if (indexName) {
        const problem = await this.loadFromIndex(indexName, module, loaded);
        if (problem) return { loaded, packageModules, problem };
      }
      // Standard library and unknown modules: Python itself reports a missing one.
      this.done.add(module);
    }
    return { loaded, packageModules };
  }

  private findImports(code: string): string[] {
    const findImports = this.pyodide.pyimport('pyodide.code').find_imports;
    const proxy = findImports(code);
    try {
      return proxy.toJs() as string[];
    } finally {
      proxy.destroy();
      findImports.destroy();
    }
  }

  private localPackageFor(module: string): [string, LocalPackage] | undefined {
    return Object.entries(this.manifest.packages).find(([, pkg]) => pkg.imports.includes(module));
  }

  private async loadLocal([name, pkg]: [string, LocalPackage], loaded: PackageUse[]): Promise<void> {
    if (this.done.has('local:' + name)) return;
    this.done.add('local:' + name);
    for (const dep of pkg.depends) {
      const depPkg = this.manifest.packages[dep];
      if (depPkg) await this.loadLocal([dep, depPkg], loaded);
    }
    if (this.preloaded.includes(name)) {
      for (const module of pkg.imports) this.done.add(module);
      loaded.push({ name, from: 'local' });
      return;
    }
    this.onLoading([name]);
    const bytes = await this.readLocal(pkg.file);
    this.pyodide.unpackArchive(bytes, 'zip', { extractDir: this.sitePackagesDir() });
    this.pyodide.runPython('import importlib; importlib.invalidate_caches()');
    for (const module of pkg.imports) this.done.add(module);
    loaded.push({ name, from: 'local' });
  }

  private sitePackagesDir(): string {
    this.sitePackages ??= this.pyodide.runPython('import site; site.getsitepackages()[0]') as string;
    return this.sitePackages;
  }

  /** The official package providing `module`, per the lock file shipped with Pyodide. */
  private indexPackageFor(module: string): string | undefined {
    const packages = this.pyodide.lockfile?.packages ?? {};
    for (const [name, pkg] of Object.entries(packages)) {
      if (pkg.imports?.includes(module)) return name;
    }
    return undefined;
  }

  private async loadFromIndex(name: string, module: string, loaded: PackageUse[]): Promise<string | undefined> {
    const errors: string[] = [];
    this.onLoading([name]);
    await this.pyodide.loadPackage(name, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
    if (!(name in this.pyodide.loadedPackages)) {
      const reason = errors.join(' ').replace(/\s+/g, ' ').replace(/^The following error occurred while loading \S+: ?/, '').trim() || 'the Pyodide package index could not be reached';
      return `Package '${module}' is not available offline: it is not among the local packages and loading it from the Pyodide package index failed (${firstLine(reason)}).`;
    }
    loaded.push({ name, from: 'index' });
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 200);
}
