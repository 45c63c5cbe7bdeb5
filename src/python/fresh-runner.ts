/**
 * The fresh runs, installed after RUNNER_SOURCE (they use its `_CappedStdout`): each call
 * runs one whole program as if in a new process, under one of two harnesses.
 *
 * 'cort' (`run_program`): CoRT's executor (infer/python_executor.py) runs each call's whole
 * program with `exec(program, {})` in a worker process, refusing `input(` and `os.system(`
 * (CoRT's regexes, unescaped dot included) with RuntimeError before running, under
 * timeout_decorator's SIGALRM limit. Here the host writes SIGALRM into the interrupt buffer
 * at the time limit, and the handler raises an exception that formats as CoRT's does
 * (`timeout_decorator.timeout_decorator.TimeoutError: 'Timed Out'`); code that swallows it
 * and runs on is ended by the host, which then reports `Timeout Error`, as CoRT's pool does.
 *
 * 'script' (`run_script`): ToRL's, SimpleTIR's and rStar2's harnesses send each program to a
 * sandbox that runs it as a fresh `python` process: `__name__ == "__main__"`, stdin given,
 * stdout and stderr returned apart with the exit status. Here the program runs in fresh
 * `__main__` globals with both streams captured; an uncaught exception is printed to stderr
 * as Python's default hook prints it for `python -c` (frames in "<string>", no source lines);
 * `sys.exit(n)` ends it with that status; warning filters are put back.
 *
 * One Pyodide interpreter serves many calls, where the harnesses start a process. What may
 * survive a call, and what is put back after it (`_FreshCall`, the same for both):
 * - kept: imported third-party packages (sympy, mpmath: importing them again would cost
 *   seconds), which are imported *before* the snapshot so that patches to them are undone;
 *   the in-memory file system (CoRT's workers share the machine's disk as well);
 * - put back: every module present before the call gets its attributes back (rebound,
 *   deleted or added names — `math.pi = 3`, `builtins.print = ...`, `sp.pi = 3`); modules
 *   the call imported outside those packages are forgotten (imported fresh next time);
 *   `sys.path`, `sys.argv`, the recursion and int-digit limits, display/except hooks,
 *   `sys.stdin`, the working directory and the environment; mpmath's global precision;
 * - fresh per call: `random` is reseeded from the system's entropy, as a forked process is;
 * - not undone: attributes set on classes or objects that live on (`sp.Rational.foo = 1`).
 */
export const FRESH_RUNNER_SOURCE = String.raw`
import os as _os, random as _random, re as _re, signal as _signal, warnings as _warnings

class _TimeoutError(AssertionError):
    """Formats as timeout_decorator's exception, which CoRT's traces show at a time-out."""
    def __init__(self, value="Timed Out"):
        self.value = value
    def __str__(self):
        return repr(self.value)

_TimeoutError.__module__ = "timeout_decorator.timeout_decorator"
_TimeoutError.__qualname__ = _TimeoutError.__name__ = "TimeoutError"

def _on_alarm(signum, frame):
    raise _TimeoutError()

_signal.signal(_signal.SIGALRM, _on_alarm)

# Compiled under its own name so a traceback has CoRT's shape: an executor frame, then the
# program's frames as "<string>" with the program's own line numbers.
exec(compile("""
def exec_code(code_piece):
    if _re.search(r'(\\s|^)?input\\(', code_piece) or _re.search(r'(\\s|^)?os.system\\(', code_piece):
        raise RuntimeError()
    exec(code_piece, {})
""", "<cort-executor>", "exec"))

_SYS_STATE = ("path", "argv", "displayhook", "excepthook", "stdin")
_CACHED_ROOTS = set()
_MISSING = object()

def _snapshot():
    modules = dict(sys.modules)
    saved = {}
    for name, module in modules.items():
        d = getattr(module, "__dict__", None)
        if type(d) is dict:
            saved[name] = (d, dict(d))
    state = {k: getattr(sys, k, None) for k in _SYS_STATE}
    state["path"] = list(sys.path)
    state["argv"] = list(sys.argv)
    limits = (sys.getrecursionlimit(), sys.get_int_max_str_digits())
    return modules, saved, state, limits, _os.getcwd(), dict(_os.environ)

def _restore(snap, kept_roots):
    modules, saved, state, limits, cwd, environ = snap
    for name in [n for n in sys.modules if n not in modules]:
        if name.partition(".")[0] not in kept_roots:
            del sys.modules[name]
    for name, module in modules.items():
        if sys.modules.get(name) is not module:
            sys.modules[name] = module
    for name, (d, before) in saved.items():
        if len(d) == len(before) and all(d.get(k, _MISSING) is v for k, v in before.items()):
            continue
        for k in [k for k in d if k not in before]:
            # A submodule imported during the call stays reachable from its package.
            value = d[k]
            if not (type(value) is type(sys) and sys.modules.get(getattr(value, "__name__", None)) is value):
                del d[k]
        for k, v in before.items():
            if d.get(k, _MISSING) is not v:
                d[k] = v
    for k, v in state.items():
        setattr(sys, k, v)
    sys.setrecursionlimit(limits[0])
    sys.set_int_max_str_digits(limits[1])
    try:
        _os.chdir(cwd)
    except OSError:
        pass
    if dict(_os.environ) != environ:
        _os.environ.clear()
        _os.environ.update(environ)
    mp = getattr(sys.modules.get("mpmath"), "mp", None)
    if mp is not None:
        mp.prec, mp.pretty = 53, False

def _without_suggestions(exc):
    # Python 3.12+ appends "Did you mean: ...?" / "Did you forget to import ...?" to the last
    # line; the traceback module of CoRT's Python (3.11 and before) does not. The hints hang
    # on these attributes, so clearing them gives the last line CoRT records.
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (NameError, AttributeError)):
            try:
                exc.name = None
            except Exception:
                pass
        if isinstance(exc, ImportError):
            try:
                exc.name_from = None
            except Exception:
                pass
        exc = exc.__cause__ or exc.__context__

def preload_packages(preload):
    """Imports the third-party packages a program imports, before its time starts: CoRT's
    environment has them installed, where Pyodide first unpacks and compiles them. Imported
    here, outside the snapshot, they stay loaded and patches to them are undone."""
    for name in preload:
        try:
            __import__(name)
        except Exception:
            pass  # the program's own import reports it, with its own traceback
    _CACHED_ROOTS.update(n for n in preload if n in sys.modules)

class _FreshCall:
    """What a fresh process would not keep, put back after one call: begin() before the program
    runs (the snapshot, a reseeded random), end() in the caller's finally."""

    def __init__(self):
        self._snap = self._kept_roots = None

    def begin(self):
        self._kept_roots = set(_CACHED_ROOTS)
        self._snap = _snapshot()
        _random.seed()

    def end(self):
        if self._snap is None:
            return
        # A late time limit or interrupt must not cut the restore short.
        alarm = _signal.signal(_signal.SIGALRM, _signal.SIG_IGN)
        sigint = _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
        try:
            _restore(self._snap, self._kept_roots)
        finally:
            _signal.signal(_signal.SIGALRM, alarm)
            _signal.signal(_signal.SIGINT, sigint)

def run_program(code):
    """CoRT's executor on one program (after preload_packages): (kind, stdout, traceback)."""
    out = _CappedStdout()
    saved_stdout = sys.stdout
    call = _FreshCall()
    try:
        call.begin()
        sys.stdout = out
        exec_code(code)
        return ("ok", out.getvalue(), "")
    except BaseException as exc:
        kind = "interrupted" if isinstance(exc, KeyboardInterrupt) else "error"
        # Start at the executor frame: this function is the runner's, not CoRT's.
        tb = exc.__traceback__.tb_next if exc.__traceback__ else None
        _without_suggestions(exc)
        return (kind, out.getvalue(), "".join(traceback.format_exception(type(exc), exc, tb)))
    finally:
        sys.stdout = saved_stdout
        call.end()

def run_script(code, stdin):
    """One program as a fresh python process runs it: (kind, stdout, traceback, stderr)."""
    out, err = _CappedStdout(), _CappedStdout()
    saved = (sys.stdout, sys.stderr, sys.stdin)
    call = _FreshCall()
    filters = list(_warnings.filters)
    tb_text = ""
    kind = "ok"
    try:
        call.begin()
        sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO(stdin or "")
        try:
            exec(compile(code, "<string>", "exec"), {"__name__": "__main__", "__builtins__": builtins})
        except SystemExit as exc:
            status = exc.code
            if status is not None and status != 0:
                kind = "error"
                if not isinstance(status, int):
                    err.write(str(status) + "\n")
        except BaseException as exc:
            kind = "interrupted" if isinstance(exc, KeyboardInterrupt) else "error"
            _without_suggestions(exc)
            # Start at the program's frame, as Python's own hook does for a script.
            tb = exc.__traceback__.tb_next if exc.__traceback__ else None
            tb_text = "".join(traceback.format_exception(type(exc), exc, tb))
            err.write(tb_text)
        return (kind, out.getvalue(), tb_text, err.getvalue())
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
        if _warnings.filters != filters:
            # A program's simplefilter() must not reach the next one (a fresh process starts over).
            _warnings.filters[:] = filters
            getattr(_warnings, "_filters_mutated", lambda: None)()
        call.end()
`;
