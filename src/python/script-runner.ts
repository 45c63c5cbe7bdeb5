/**
 * The 'script' run, installed after CORT_RUNNER_SOURCE (it uses `_CappedStdout`, `_snapshot`,
 * `_restore`, `_without_suggestions`, `_CACHED_ROOTS`).
 *
 * ToRL's, SimpleTIR's and rStar2's harnesses send each program to a sandbox that runs it as a
 * fresh `python` process: `__name__ == "__main__"`, stdin given, stdout and stderr returned
 * apart with the exit status. Here the program runs in fresh `__main__` globals with both
 * streams captured; an uncaught exception is printed to stderr as Python's default hook
 * prints it for `python -c` (frames in "<string>", no source lines); `sys.exit(n)` ends it with
 * that status. Interpreter state is put back afterwards, exactly as for a 'cort' run.
 */
export const SCRIPT_RUNNER_SOURCE = String.raw`
import warnings as _warnings

def run_script(code, stdin):
    """One program as a fresh process runs it: (kind, stdout, traceback, stderr)."""
    out, err = _CappedStdout(), _CappedStdout()
    saved = (sys.stdout, sys.stderr, sys.stdin)
    snap = kept_roots = None
    filters = list(_warnings.filters)
    tb_text = ""
    kind = "ok"
    try:
        kept_roots = set(_CACHED_ROOTS)
        snap = _snapshot()
        _random.seed()
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
        if snap is not None:
            alarm = _signal.signal(_signal.SIGALRM, _signal.SIG_IGN)
            sigint = _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
            try:
                _restore(snap, kept_roots)
            finally:
                _signal.signal(_signal.SIGALRM, alarm)
                _signal.signal(_signal.SIGINT, sigint)
`;
