/**
 * rStar2-Agent's python_code_with_standard_io tool wraps the model's code before its sandbox
 * runs it (rstar2_agent/tools/code_judge_utils.py, `PersistentExecutor`). This is our own
 * program with that behaviour, run as a script ('script' mode):
 * - the code is parsed; when its last statement is an expression, the lines before it run
 *   first, then the expression is evaluated and, unless None, its repr printed; when the
 *   evaluation fails the expression's lines run as a statement instead;
 * - globals: `__name__ == "__main__"`, `__file__ == "<string>"`;
 * - an error prints "{Type} at line {n}: {message}\n  {line}" (or "{Type}: {message}" when the
 *   line is out of range) to stderr and ends the process with status 1. The line number is the
 *   error's own (a SyntaxError) or the innermost traceback frame's; for the last expression it
 *   is shifted by the lines before it (and then often out of range, as in rStar2);
 * - rStar2 ends with os._exit(1), which skips flushing stdout: what the code printed before an
 *   error is lost (rStar2 keeps up to the pipe buffer, 8 KiB; here nothing is kept).
 */

const HARNESS = String.raw`
import ast as _hs_ast, io as _hs_io, sys as _hs_sys

def _hs_message(exc, code, offset=0):
    if hasattr(exc, "lineno"):
        lineno = exc.lineno
    else:
        tb = exc.__traceback__
        if tb:
            while tb.tb_next:
                tb = tb.tb_next
            lineno = tb.tb_lineno
        else:
            lineno = -1
    if lineno != -1:
        lineno += offset
        lines = code.splitlines()
        if 0 <= lineno - 1 < len(lines):
            return f"{type(exc).__name__} at line {lineno}: {exc}\n  {lines[lineno - 1]}"
    return f"{type(exc).__name__}: {exc}"

class _HsFailure(Exception):
    pass

def _hs_split(code):
    try:
        tree = _hs_ast.parse(code)
    except SyntaxError as exc:
        raise _HsFailure(_hs_message(exc, code))
    if not tree.body or not isinstance(tree.body[-1], _hs_ast.Expr):
        return code, None
    last = tree.body[-1]
    lines = code.splitlines()
    return "\n".join(lines[: last.lineno - 1]), "\n".join(lines[last.lineno - 1 : last.end_lineno])

def _hs_run(code):
    scope = {"__name__": "__main__", "__file__": "<string>", "__builtins__": __builtins__}
    real_stdout, buffered = _hs_sys.stdout, _hs_io.StringIO()
    _hs_sys.stdout = buffered
    try:
        main, last = _hs_split(code)
        if main:
            try:
                exec(compile(main, "<string>", "exec"), scope)
            except Exception as exc:
                raise _HsFailure(_hs_message(exc, main))
        if last:
            try:
                value = eval(compile(last, "<string>", "eval"), scope)
                if value is not None:
                    print(repr(value))
            except Exception:
                try:
                    exec(compile(last, "<string>", "exec"), scope)
                except Exception as exc:
                    raise _HsFailure(_hs_message(exc, last, len(main.splitlines()) if main else 0))
    except _HsFailure as failure:
        _hs_sys.stdout = real_stdout
        print(str(failure), file=_hs_sys.stderr)
        raise SystemExit(1)
    finally:
        # Ended normally or by sys.exit(): what was printed goes out, as a process flushes at exit.
        if _hs_sys.stdout is buffered:
            _hs_sys.stdout = real_stdout
            real_stdout.write(buffered.getvalue())
`;

/**
 * The top-level modules `code` imports, as never-run import lines: the code itself travels as
 * a string, where the interpreter's package loader (which reads import statements) would not
 * see them. A line that only looks like an import loads a package for nothing, no more.
 */
function importHints(code: string): string {
  const modules = new Set<string>();
  for (const [, from, imported] of code.matchAll(/^[ \t]*(?:from[ \t]+([A-Za-z_]\w*)|import[ \t]+([^\n#;]+))/gm)) {
    if (from) modules.add(from);
    for (const part of (imported ?? '').split(',')) {
      const name = /^\s*([A-Za-z_]\w*)/.exec(part)?.[1];
      if (name) modules.add(name);
    }
  }
  return modules.size ? `if False:  # what the code imports, for the interpreter to have it ready\n${[...modules].map((m) => `    import ${m}\n`).join('')}` : '';
}

/** The program rStar2's tool runs for `code`. */
export function rstar2Program(code: string): string {
  return `${HARNESS}\n${importHints(code)}_hs_run(${JSON.stringify(code)})\n`;
}
