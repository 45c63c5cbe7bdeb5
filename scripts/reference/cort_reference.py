"""Our own reference of CoRT's execution semantics (DESIGN.md §2a), CPython standard library only.

Written from the design notes and from reading CoRT's infer/parser.py, infer/python_executor.py
and its generation loops; no code is taken from there. It is the source of the test fixtures
(src/core/exec/fixtures/cort-*.jsonl) and of the demo project's outputs: the studio's own code
never produces a fixture.

What it models:
- block recognition: lines of text.split("\\n"); a line whose strip() is exactly "```python"
  opens a block, one whose strip() is "```" closes it; unclosed or blank blocks are skipped;
  a block is dedented (splitlines, common indent of non-blank lines, joined with "\\n");
- output pairing: the next "```output" line before another "```python" line; an output with
  no closing line pairs with nothing;
- the program of a call: earlier blocks replayed under CoRT's rule, then the last block;
- the run: exec(program, {}) in a fresh CPython process, stdout captured, `input(` or
  `os.system(` refused with RuntimeError before running, a SIGALRM time limit raising
  timeout_decorator's TimeoutError, and "Timeout Error" when the process does not come back;
- the result text: stdout stripped, else the traceback stripped, each cut to 400 + "..." +
  400 beyond 800 characters;
- the loop: rounds stop at "`\\n"; a round without "```python" runs the empty program; the
  [SYSTEM] notice goes on the output of round max-2; the last round has no stop string.

Usage:
  python3 scripts/reference/cort_reference.py fixtures src/core/exec/fixtures
  python3 scripts/reference/cort_reference.py program < text      # the program of a call
"""
import ast
import json
import os
import re
import subprocess
import sys

SYSTEM_NOTICE = (
    "\n\n[SYSTEM]\nYou have exceeded the allowed number of code executions. You can no longer write "
    "or run code. Please continue solving the problem using your reasoning and analytical skills."
)
STOP = "`\n"
OPEN, CLOSE, OUTPUT = "```python", "```", "```output"
PRINT_PREFIXES = ("print", "sp.pprint", "sympy.pprint", "pprint", "rprint")
ERROR_WORDS = ("error", "exception", "traceback")


# ---------------------------------------------------------------- blocks and programs

def dedent(code):
    lines = code.splitlines()
    indents = [len(l) - len(l.lstrip()) for l in lines if l.lstrip()]
    if not indents:
        return code
    cut = min(indents)
    return "\n".join(l[cut:] if l.strip() else l for l in lines)


def blocks(text):
    """Every complete, non-blank python block with its paired output, in text order.
    Offsets are character offsets of line starts in `text`."""
    lines = text.split("\n")
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    found = []
    i = 0
    while i < len(lines):
        while i < len(lines) and lines[i].strip() != OPEN:
            i += 1
        if i >= len(lines):
            break
        opened = i
        i += 1
        body, closed = [], False
        while i < len(lines):
            if lines[i].strip() == CLOSE:
                closed = True
                i += 1
                break
            body.append(lines[i] + "\n")
            i += 1
        code = "".join(body)
        if not closed or not code.strip():
            continue
        block = {"code": dedent(code), "raw": code, "start": starts[opened], "end": starts[i] if i < len(lines) else len(text),
                 "output": "", "has_output": False}
        j = i
        while j < len(lines):
            if lines[j].strip() == OUTPUT:
                out_start = j
                j += 1
                out, done = [], False
                while j < len(lines):
                    if lines[j].strip() == CLOSE:
                        done = True
                        j += 1
                        break
                    out.append(lines[j] + "\n")
                    j += 1
                if done:
                    block.update(output="".join(out), has_output=True, output_start=starts[out_start])
                    i = j
                    break
            elif lines[j].strip() == OPEN:
                break
            j += 1
        found.append(block)
    return found


def without_prints(code):
    kept = [l for l in code.split("\n") if l.strip() and not l.startswith(PRINT_PREFIXES)]
    return "\n".join(kept) + "\n" if kept else ""


def replay_decision(block):
    """(replayed, reason, replayed_text) for an earlier block."""
    if OPEN in block["code"]:
        return False, "contains-fence", ""
    if not block["code"].strip():
        return False, "empty", ""
    lowered = block["output"].lower()
    for word in ERROR_WORDS:
        if word in lowered:
            return False, "error-output", ""
    kept = without_prints(block["code"])
    if "print" in kept:
        return False, "print-remains", ""
    return True, None, kept


def program(text):
    found = blocks(text)
    if not found:
        return ""
    out = ""
    for block in found[:-1]:
        replayed, _, kept = replay_decision(block)
        if replayed:
            out += kept
    last = found[-1]["code"]
    if OPEN in last:
        last = last[last.rfind(OPEN) + len(OPEN):]
    return out + last


# ---------------------------------------------------------------- names a dropped block takes away

def _bound(code):
    """Names a block binds at module level (Python's own ast)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names = set()

    def targets(node):
        for n in ast.walk(node):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                names.add(n.id)

    def visit(stmts):
        for s in stmts:
            if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(s.name)
            elif isinstance(s, (ast.Import, ast.ImportFrom)):
                for a in s.names:
                    if a.name != "*":
                        names.add(a.asname or a.name.split(".")[0])
            elif isinstance(s, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                for t in (s.targets if isinstance(s, ast.Assign) else [s.target]):
                    targets(t)
            elif isinstance(s, (ast.For, ast.AsyncFor)):
                targets(s.target)
                visit(s.body)
                visit(s.orelse)
            elif isinstance(s, (ast.With, ast.AsyncWith)):
                for item in s.items:
                    if item.optional_vars is not None:
                        targets(item.optional_vars)
                visit(s.body)
            elif isinstance(s, ast.If) or isinstance(s, ast.While):
                visit(s.body)
                visit(s.orelse)
            elif isinstance(s, ast.Try):
                visit(s.body)
                for h in s.handlers:
                    if h.name:
                        names.add(h.name)
                    visit(h.body)
                visit(s.orelse)
                visit(s.finalbody)
            if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for n in ast.walk(s):
                    if isinstance(n, ast.NamedExpr):
                        names.add(n.target.id)
    visit(tree.body)
    return names


def _loaded(code):
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def replay_report(text):
    """Per earlier block of the whole text: replayed or not, why, and the names later blocks use
    that only it defines (names the replay takes away from them)."""
    found = blocks(text)
    report = []
    decisions = [replay_decision(b) for b in found]
    for i, block in enumerate(found[:-1] if found else []):
        replayed, reason, _ = decisions[i]
        entry = {"start": block["start"], "replayed": replayed}
        if not replayed:
            entry["reason"] = reason
            lost = set()
            mine = _bound(block["code"])
            for j in range(i + 1, len(found)):
                others = set().union(*[_bound(found[k]["code"]) for k in range(j) if k != i and decisions[k][0]] or [set()])
                lost |= (mine & _loaded(found[j]["code"])) - _bound(found[j]["code"]) - others
            entry["missing"] = sorted(lost)
        report.append(entry)
    return report


# ---------------------------------------------------------------- running a program

_CHILD = r'''
import io, json, re, signal, sys, traceback
from contextlib import redirect_stdout

class TimeoutError(AssertionError):
    def __init__(self, value="Timed Out"):
        self.value = value
    def __str__(self):
        return repr(self.value)
TimeoutError.__module__ = "timeout_decorator.timeout_decorator"

def on_alarm(signum, frame):
    raise TimeoutError()

def exec_code(code):
    if re.search(r'(\s|^)?input\(', code) or re.search(r'(\s|^)?os.system\(', code):
        raise RuntimeError()
    exec(code, {})

code = sys.stdin.read()
seconds = float(sys.argv[1])
stdout = io.StringIO()
try:
    with redirect_stdout(stdout):
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            exec_code(code)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    result, report = stdout.getvalue(), ""
except:
    result, report = "", traceback.format_exc()
sys.__stdout__.write(json.dumps([result, report]))
'''


def truncate(text, limit=800):
    half = limit // 2
    return text[:half] + "..." + text[-half:] if len(text) > limit else text


def run(code, timeout=30.0):
    """What CoRT's executor puts between the output fences for `code`."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(timeout)], input=code.encode("utf-8"),
                              capture_output=True, timeout=timeout + 2, env=env, cwd="/tmp")
        result, report = json.loads(done.stdout.decode("utf-8"))
    except subprocess.TimeoutExpired:
        result, report = "", "Timeout Error"
    except ValueError:
        # The child died before answering (os._exit, a crash): the pool sees no result in time.
        result, report = "", "Timeout Error"
    result, report = truncate(result.strip()), truncate(report.strip())
    return result if result else report


# ---------------------------------------------------------------- the loop

def simulate(context, rounds, max_rounds=15, timeout=30.0):
    """Replays scripted model rounds through CoRT's loop. `context` is the text before the
    response (the chat-templated prompt). Returns the response and one entry per call."""
    response, calls = "", []
    for epoch, text in enumerate(rounds[:max_rounds]):
        if epoch < max_rounds - 1 and STOP in text[:-len(STOP)]:
            raise ValueError(f"round {epoch} holds {STOP!r} before its end: the model would have stopped there")
        response += text
        if not text.endswith(STOP):
            break
        code = program(context + response) if OPEN in text else ""
        result = run(code, timeout)
        if epoch == max_rounds - 2:
            result += SYSTEM_NOTICE
        block = "```output\n" + result + "\n```\n"
        calls.append({"at": len(response), "program": code, "output": result, "round": epoch})
        response += block
    return response, calls


# ---------------------------------------------------------------- fixtures

INSTRUCTION = "\nPlease integrate natural language reasoning with python programs to solve the problem above, and put your final answer within \\boxed{}."
DEEPSEEK = "<｜begin▁of▁sentence｜><｜User｜>{prompt}<｜Assistant｜><think>\n"


def py(body, fence="```python"):
    return fence + "\n" + body + "\n```\n"


CASES = [
    ("loop-print-nameerror", "Sum the first three integers.", [
        "Let me list them.\n" + py("for i in range(3):\n    print(i)\ntotal = 0 + 1 + 2"),
        "Now the total.\n" + py("print(total)"),
        "The total is 3.\n</think>\n\\boxed{3}",
    ]),
    ("import-lost-after-exception", "Use math.", [
        py("import math\nr = math.isqrt(49)\nprint(r)\nprint(1 / 0)"),
        "The division failed; the root is still needed.\n" + py("print(math.sqrt(r))"),
        "So the imports are gone.\n</think>\n\\boxed{7}",
    ]),
    ("error-word-in-output", "Estimate an error bound.", [
        py("bound = 0.01\nprint('Error bound:', bound)"),
        py("print(bound * 2)"),
        "Done.</think>\\boxed{0.02}",
    ]),
    ("exception-word-in-output", "Handle an exception.", [
        py("safe = 5\nprint('no exception raised')"),
        py("print(safe + 1)"),
        "Done.</think>\\boxed{6}",
    ]),
    ("dunder-name", "Is it main?", [
        py("if __name__ == \"__main__\":\n    print(\"main\")\nprint(__name__)"),
        "It is builtins.\n</think>\\boxed{0}",
    ]),
    ("dedent", "Indented blocks.", [
        "  ```python\n    x = 2\n    print(x * 21)\n  ```\n",
        "  ```python\n      y = x + 1\n      print(y)\n  ```\n",
        "Both ran.\n</think>\\boxed{3}",
    ]),
    ("py-fence-not-run", "Short fences.", [
        py("print(2 + 2)", fence="```py"),
        py("print(3 + 3)", fence="```python3"),
        py("print('real')"),
        "Only one real block.\n</think>\\boxed{4}",
    ]),
    ("indented-fence", "A fence indented four spaces.", [
        "    ```python\n    v = 5\n    print(v)\n    ```\n",
        "\t```python\n\tprint(v + 1)\n\t```\n",
        "Done.\n</think>\\boxed{6}",
    ]),
    ("crlf", "Windows line endings.", [
        "```python\r\nx = 1\r\nprint(x)\r\n```\r\nThe stop only comes at `x`\n",
        "```python\r\nprint(x + 1)\r\n```\n",
        "Done.\r\n</think>\\boxed{2}",
    ]),
    ("empty-output", "Nothing printed.", [
        py("x = 5"),
        py("print(x)"),
        "x is 5.\n</think>\\boxed{5}",
    ]),
    ("truncation", "A long output.", [
        py("print('a' * 500 + 'b' * 500)"),
        py("import sys\nprint(len(sys.argv))\nraise ValueError('x' * 900)"),
        "Long.\n</think>\\boxed{1}",
    ]),
    ("input-refused", "Read input.", [
        py("n = int(input())\nprint(n)"),
        py("import os\nos.system('echo hi')"),
        py("user_input = 3\nprint(user_input(4) if False else 1)"),
        py("print('osXsystem(' + ')')"),
        "Refused.\n</think>\\boxed{0}",
    ]),
    ("timeout", "Loop forever.", [
        py("while True:\n    pass"),
        py("print('after')"),
        "Done.\n</think>\\boxed{0}",
    ]),
    ("printed-dropped", "A variable named printed.", [
        py("printed = 3\nvalue = printed * 2\nprint(value)"),
        py("print(value + 1)"),
        "Lost.\n</think>\\boxed{7}",
    ]),
    ("printed-line-dropped-kept-block", "A top-level print-like assignment in a replayed block.", [
        py("pprint_width = 80\nwidth = 40\nprint(width)"),
        py("print(width + 1)\nprint(pprint_width)"),
        "Done.\n</think>\\boxed{41}",
    ]),
    ("function-prints", "A helper that prints.", [
        py("def show(v):\n    print(v)\nk = 7\nshow(k)"),
        py("print(k * 2)"),
        "Lost.\n</think>\\boxed{14}",
    ]),
    ("replay-ok", "Variables survive a clean block.", [
        py("import math\na = math.factorial(5)\nprint(a)"),
        py("b = a // 2\nprint(b)"),
        py("print(a + b)"),
        "So 180.\n</think>\\boxed{180}",
    ]),
    ("prose-backtick-stop", "Inline code at a line end.", [
        "I could use `sympy`\n",
        "but plain arithmetic works.\n" + py("print(6 * 7)"),
        "42.\n</think>\\boxed{42}",
    ]),
    ("system-exit", "Exit early.", [
        py("import sys\nprint('before')\nsys.exit(0)"),
        "Exited.\n</think>\\boxed{0}",
    ]),
    ("whitespace-stdout", "Blank output.", [
        py("print('   ')\nprint()"),
        "Nothing.\n</think>\\boxed{0}",
    ]),
    ("fence-in-program", "A fence inside a string.", [
        py("fence = '```python'\nprint(len(fence))"),
        py("print('next')"),
        "Done.\n</think>\\boxed{9}",
    ]),
    ("output-pairing-skips-prose", "An output far from its code.", [
        py("q = 4\nprint(q)"),
        "Some prose, then a hand-written note.\n```text\nnot an output\n```\n",
        py("print(q + 1)"),
        "Done.\n</think>\\boxed{5}",
    ]),
    ("syntax-error", "A typo.", [
        py("z = (1 +\nprint(z)"),
        py("z = 2\nprint(z)"),
        "Fixed.\n</think>\\boxed{2}",
    ]),
    ("sympy", "Solve a quadratic.", [
        py("import sympy as sp\nx = sp.symbols('x')\nroots = sp.solve(x**2 - 5*x + 6, x)\nprint(roots)"),
        py("print(sum(roots))"),
        "Sum 5.\n</think>\\boxed{5}",
    ]),
]

# The prompt itself may hold a block: it is part of the text CoRT scans.
PROMPT_CASES = [
    ("prompt-with-fence", "Consider this program:\n```python\nbase = 10\n```\nWhat does it define?", [
        py("print(base + 1)"),
        "It defines base.\n</think>\\boxed{10}",
    ]),
]

# Round limits: [SYSTEM] on round max-2, no stop string in the last round.
LIMIT_CASES = [
    ("system-notice-max4", 4, "Count calls.", [
        py("print(1)"), py("print(2)"), py("print(3)"),
        "No more code: `done`\nThe answer is 3.\n</think>\\boxed{3}",
    ]),
]


def fixture(name, problem, rounds, max_rounds=15, timeout=2.0):
    prompt = problem + INSTRUCTION
    context = DEEPSEEK.format(prompt=prompt)
    response, calls = simulate(context, rounds, max_rounds=max_rounds, timeout=timeout)
    return {
        "name": name,
        "prompt": prompt,
        "context": context,
        "rounds": rounds,
        "maxRounds": max_rounds,
        "timeoutSeconds": timeout,
        "response": response,
        "calls": calls,
        "replay": replay_report(context + response),
    }


def write_fixtures(folder):
    os.makedirs(folder, exist_ok=True)
    records = [fixture(n, p, r) for n, p, r in CASES + PROMPT_CASES]
    records += [fixture(n, p, r, max_rounds=m) for n, m, p, r in LIMIT_CASES]
    path = os.path.join(folder, "cort-traces.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    programs = []
    for text in PROGRAM_TEXTS:
        programs.append({"text": text, "program": program(text), "blocks": [
            {k: b[k] for k in ("code", "output", "has_output", "start", "end")} for b in blocks(text)]})
    path2 = os.path.join(folder, "cort-programs.jsonl")
    with open(path2, "w", encoding="utf-8") as f:
        for rec in programs:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} traces -> {path}; {len(programs)} program texts -> {path2}")


# Texts for block recognition and program building alone (no run): odd fences and whitespace.
PROGRAM_TEXTS = [
    "```python\nx = 1\n```\n```output\n1\n```\n```python\nprint(x)\n```\n",
    "```python \nx = 1\n``` \n",
    " ```python\t\n  a = 1\n  b = 2\n ```\n",
    "```python\nunclosed = 1\n",
    "```python\n   \n\t\n```\n```python\nprint(2)\n```\n",
    "```Python\nx = 1\n```\n```python\ny = 2\n```\n",
    "````python\nx = 1\n````\n",
    "```python\nx = 1\n```\nprose\n```output\nlate\n```\n```python\ny = x\n```\n",
    "```python\nx = 1\n```\n```output\nunclosed output\n```python\ny = 2\n```\n",
    "```python\na = 1\n```\n```python\nb = 2\n```\n```output\n2\n```\n```python\nc = 3\n```\n",
    "```python\nx = 1\x0by = 2\n```\n```python\nprint(x)\n```\n",
    "```python\nx = 1\x1cprint(x)\u2028z = 3\n```\n",
    "```python\n    if True:\n        a = 1\n\n    b = 2\n```\n```python\nprint(b)\n```\n",
    "```python\nfor i in range(2):\n    print(i)\n```\n```python\nprint(1)\n```\n",
    "```python\nx = 1  # print later\n```\n```python\nprint(x)\n```\n",
    "```python\nsp.pprint(1)\nsympy.pprint(2)\nrprint(3)\nkeep = 4\n```\n```python\nprint(keep)\n```\n",
    "```python\nprint(1)\n```\n```output\nTRACEBACK\n```\n```python\nprint(2)\n```\n",
    "```python\nx = 1\n```\n```output\nValueError\n```\n```python\ny = 2\n```\n```output\nok\n```\n```python\nprint(y)\n```\n",
    "```python\nprint('```python')\nv = 1\n```\n```python\nw = 2\n```\n",
    "```python\na = 1\n```python\nb = 2\n```\n```python\nc = 3\n```\n",
    "```python\na = 1\n```\n```python\nb = 2\n```python\nc = 3\n```\n",
    "```python\r\nx = 1\r\n\r\ny = 2\r\n```\r\n```python\r\nprint(x)\r\n```\r\n",
    "```python\n\u00a0\u00a0x = 1\n\u00a0\u00a0y = 2\n```\n```python\nprint(y)\n```\n",
    "```python\n\u3000x = 1\n\u3000\u3000y = 2\n```\n```python\nprint(x)\n```\n",
    "```python\n\ufeffx = 1\n```\n```python\nprint(x)\n```\n",
    "```python\n\x85x = 1\n```\n```python\nprint(x)\n```\n",
    "```python\nx = 1\n\n\n```\n```python\nprint(x)\n```\n",
    "no code at all\n```output\n5\n```\n",
    "",
]


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "fixtures":
        write_fixtures(sys.argv[2])
    elif len(sys.argv) >= 2 and sys.argv[1] == "program":
        sys.stdout.write(program(sys.stdin.read()))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
