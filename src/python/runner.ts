/**
 * The Python side of a cell run, installed once into each interpreter. Kept as Python so
 * output capture and traceback formatting are exactly Python's own.
 */

import { FRESH_RUNNER_SOURCE } from './fresh-runner';

/**
 * Defines `run_cell(namespace, code) -> (kind, stdout, traceback)` (the notebook semantics: one
 * live namespace per key), `preload_packages(names)` + `run_program(code) -> (kind, stdout,
 * traceback)` (CoRT's executor: the whole program in fresh globals) and
 * `run_script(code, stdin) -> (kind, stdout, traceback, stderr)` (a fresh process's run), both
 * in fresh-runner.ts, and `drop_namespace`.
 */
export const RUNNER_SOURCE = String.raw`
import builtins, collections, gc, io, sys, traceback

_namespaces = {}
_KEEP = 1_000_000  # characters of stdout kept at each end

class _CappedStdout(io.TextIOBase):
    """Keeps the first and the last million characters of stdout: a print loop must not
    exhaust memory before the time limit, and CoRT's result only needs both ends."""

    def __init__(self):
        self._head, self._head_len = [], 0
        self._tail, self._tail_len = collections.deque(), 0
        self._dropped = 0

    def writable(self):
        return True

    def write(self, s):
        s = str(s)
        n = len(s)
        if self._head_len < _KEEP:
            take = s[: _KEEP - self._head_len]
            self._head.append(take)
            self._head_len += len(take)
            s = s[len(take):]
        if s:
            self._tail.append(s)
            self._tail_len += len(s)
            while self._tail_len - len(self._tail[0]) >= _KEEP:
                first = self._tail.popleft()
                self._tail_len -= len(first)
                self._dropped += len(first)
        return n

    def getvalue(self):
        tail = "".join(self._tail)
        dropped = self._dropped + max(0, len(tail) - _KEEP)
        tail = tail[-_KEEP:] if len(tail) > _KEEP else tail
        gap = f"\n... [{dropped} characters not kept] ...\n" if dropped else ""
        return "".join(self._head) + gap + tail

def _format(exc):
    # Skip run_cell's own frame: the traceback starts in the cell, as in a script.
    tb = exc.__traceback__.tb_next if exc.__traceback__ else None
    return "".join(traceback.format_exception(type(exc), exc, tb))

def run_cell(namespace, code):
    ns = _namespaces.get(namespace)
    if ns is None:
        ns = _namespaces[namespace] = {"__name__": "__main__", "__builtins__": builtins}
    out = _CappedStdout()
    saved = sys.stdout
    sys.stdout = out
    try:
        exec(compile(code, "<string>", "exec"), ns)
        return ("ok", out.getvalue(), "")
    except BaseException as exc:  # SystemExit and KeyboardInterrupt end the cell, not the kernel
        kind = "interrupted" if isinstance(exc, KeyboardInterrupt) else "error"
        return (kind, out.getvalue(), _format(exc))
    finally:
        sys.stdout = saved

def drop_namespace(namespace):
    _namespaces.pop(namespace, None)
    gc.collect()
` + FRESH_RUNNER_SOURCE;
