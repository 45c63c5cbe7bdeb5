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

Usage (with Debian's python3-sympy, for the sympy case):
  /usr/bin/python3 scripts/reference/cort_reference.py fixtures src/core/exec/fixtures
  python3 scripts/reference/cort_reference.py program < text      # the program of a call
"""
import ast
import json
import symtable
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

def _names(code):
    """(bound, reads): names a block binds in the module scope, and names it reads from the
    global namespace (module-level reads and free names of its functions), by Python's symtable."""
    try:
        top = symtable.symtable(code, "<string>", "exec")
    except SyntaxError:
        return set(), set()
    bound = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    reads = set()

    def walk(table):
        for s in table.get_symbols():
            if s.is_referenced() and (table.get_type() == "module" or s.is_global()):
                reads.add(s.get_name())
        for child in table.get_children():
            walk(child)
    walk(top)
    # `total += 1` at module level reads total too; symtable marks it assigned only.
    reads |= {node.target.id for node in ast.parse(code).body
              if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name)}
    return bound, reads


def replay_report(text):
    """Per block of the whole text, as an earlier block of the next call: replayed or not, why,
    and the names later blocks read that only it defines (names the replay takes away)."""
    found = blocks(text)
    report = []
    decisions = [replay_decision(b) for b in found]
    for i, block in enumerate(found):
        replayed, reason, _ = decisions[i]
        entry = {"start": block["start"], "replayed": replayed}
        if not replayed:
            entry["reason"] = reason
            lost = set()
            mine = _names(block["code"])[0]
            for j in range(i + 1, len(found)):
                others = set().union(*[_names(found[k]["code"])[0] for k in range(j) if k != i and decisions[k][0]] or [set()])
                bound_j, reads_j = _names(found[j]["code"])
                lost |= (mine & reads_j) - bound_j - others
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
    path3 = os.path.join(folder, "cort-names.jsonl")
    with open(path3, "w", encoding="utf-8") as f:
        for code in NAME_CODES:
            bound, reads = _names(code)
            f.write(json.dumps({"code": code, "bound": sorted(bound), "reads": sorted(reads)}) + "\n")
    print(f"{len(records)} traces -> {path}; {len(programs)} program texts -> {path2}; {len(NAME_CODES)} name cases -> {path3}")


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


# Blocks for the names analysis (bound at module level, read from globals), by symtable.
NAME_CODES = [
    "import math as m, os.path\nfrom sympy import symbols, Rational as R\nx, (y, z) = 1, (2, 3)\ntotal += 1",
    "for i, j in pairs:\n    print(i)\ndef f(a, b=c):\n    q = a\n    return q + w\nclass K(Base):\n    v = 1\n    u = v",
    "with open(p) as fh:\n    pass\nif (n := 10) > 3:\n    lst[0] = 5\n    obj.attr = 6\ntry:\n    pass\nexcept ValueError as err:\n    pass",
    "r: int = 5\ns = [k for k in range(3) if k > lim]\nlam = lambda t, *a, **kw: t + u\nprint(f(1, b=2))\na, *rest = xs",
    "def g():\n    global G\n    G = 1\n    local_thing = 2\n    return local_thing + H\ndel zz",
    "def outer():\n    v = 1\n    def inner():\n        return v + top\n    return inner\nres = outer()()",
    "total = sum(x * y for x in data for y in weights)\nsq = {k: k * k for k in keys}\nprint(total, sq)",
    "import sympy as sp\nx = sp.symbols('x')\nroots = sp.solve(x**2 - 5*x + 6, x)\nprint(roots)",
    "for i in range(3):\n    print(i)\ntotal = 0 + 1 + 2",
    "printed = 3\nvalue = printed * 2\nprint(value)",
    "def show(v):\n    print(v)\nk = 7\nshow(k)",
    "count = 0\nwhile count < limit:\n    count += step\nelse:\n    done = True",
]


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "fixtures":
        write_fixtures(sys.argv[2])
    elif len(sys.argv) >= 2 and sys.argv[1] == "program":
        sys.stdout.write(program(sys.stdin.read()))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
