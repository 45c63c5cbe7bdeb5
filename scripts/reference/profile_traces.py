"""Reference traces for the trace profiles, written from each project's own definition.

For every profile the script plays a short scripted "model" against a real CPython run of its
code and joins the pieces the way that project's harness does (see the `sources` of each
profile in src/core/profiles/builtin.ts). Each piece is tagged with who wrote it, so the
fixture carries the exact bytes AND the exact interpreter spans, independent of the studio's
parser. Run with the machine's python3:

    /usr/bin/python3 scripts/reference/profile_traces.py > src/core/profiles/fixtures/reference.json
    /usr/bin/python3 scripts/reference/profile_traces.py execution > src/core/profiles/fixtures/execution.json

(Debian's python3: ReTool's executor imports the `regex` module, whose error text it records.)
A turn is (prose, code) or (prose, [code, ...]) for a turn that writes several blocks; rStar2's
code may be (code, stdin).
"""
import json
import os
import subprocess
import sys
import traceback

import regex

# A sandbox's python runs with the default buffering (the studio's own test environment sets
# PYTHONUNBUFFERED, which would keep what rStar2's os._exit(1) throws away).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def run(code, prelude="", stdin=""):
    """One block alone in a fresh interpreter (ToRL, SimpleTIR, ReTool, rStar2's standard-io tool)."""
    p = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=30, input=stdin, env=ENV)
    return p.returncode, p.stdout, p.stderr


def head_tail(s, limit, head, tail, marker, inclusive=False):
    if len(s) > limit or (inclusive and len(s) == limit):
        return s[:head] + marker + s[-tail:]
    return s


# --- CoRT: infer/inference_vllm_dp_mj.py + infer/python_executor.py ---------------------------
def cort_result(code):
    rc, out, err = run(code)
    res = out.strip() if rc == 0 else err.strip()
    return head_tail(res, 800, 400, 400, "...")


def cort(turns):
    pieces = []
    for prose, code in turns:
        pieces.append(["model", prose])
        if code is None:
            continue
        pieces.append(["model", "```python\n" + code + "\n```\n"])  # stop "`\n" re-appended
        pieces.append(["interpreter", "```output\n" + cort_result(code) + "\n```\n"])
    return pieces


# --- ToRL: verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py ------------------------------
def torl_observation(code):
    rc, out, err = run(code)
    observation = out if (rc == 0 or len(out) != 0) else err.strip()
    if "Error" in observation:
        observation = observation.strip().split("\n")[-1]
    if len(observation.strip()) == 0:
        observation = "timeout_decorator.timeout_decorator.TimeoutError: 'Timed Out'"
    observation = observation.strip()
    if len(observation) >= 256:
        observation = observation[:128] + "..." + observation[-128:]
    return observation


def torl(turns):
    pieces = []
    for prose, code in turns:
        if code is None:
            pieces.append(["model", prose])
            continue
        # The model writes its block(s) and then "```output" (the stop string, kept by the mask);
        # vLLM drops the stop string from the text, the harness adds "\n" if needed and OBS_START.
        # extract_program(last_only=True): only the turn's last block runs.
        blocks = code if isinstance(code, list) else [code]
        response = prose + "".join("```python\n" + b + "\n```\n" for b in blocks)
        if not response.endswith("\n"):
            response += "\n"
        pieces.append(["model", response + "```output"])
        pieces.append(["interpreter", "\n" + torl_observation(blocks[-1] + "\n") + "\n```\n"])
    return pieces


# --- SimpleTIR: recipe/simpletir/agent_utils.py ----------------------------------------------
PRELUDE = '\ndef final_answer(result):\n    print(f"\\\\boxed{{{result}}}")\n\n'


def truncate_content(content, max_length=512):
    if len(content) <= max_length:
        return content
    return content[: max_length // 2] + f"\n..._This content has been truncated to stay below {max_length} characters_...\n" + content[-max_length // 2 :]


def simpletir(turns):
    pieces = []
    for prose, code in turns:
        if code is None:
            pieces.append(["model", prose])
            continue
        # _postprocess_responses: preceding_text.strip() + code_block.strip()
        pieces.append(["model", prose.strip() + ("```py\n" + code + "\n```").strip()])
        _, out, err = run(code.strip(), PRELUDE)
        obs = ""
        if len(out) > 0:
            obs = f"\nCode execution result: {truncate_content(out, 512)}\n"
        if len(err) > 0:
            obs = f"\nCode execution result: {truncate_content(chr(10).join(err.splitlines()[-1:]), 512)}\n"
        if obs:
            pieces.append(["interpreter", obs])
    return pieces


# --- ReTool: the ReTool-SFT form (THUDM/slime examples/retool/generate_with_retool.py) ---------
def run_exec(code):
    """GenericRuntime.exec_code: `input(` / `os.system(` refused with RuntimeError, else
    exec(code, {}) in a worker (so __name__ is "builtins")."""
    if regex.search(r"(\s|^)?input\(", code) or regex.search(r"(\s|^)?os.system\(", code):
        return 1, "", "Traceback (most recent call last):\nRuntimeError\n"
    p = subprocess.run([sys.executable, "-c", "import sys\nexec(sys.argv[1], {})", code], capture_output=True, text=True, timeout=30, env=ENV)
    return p.returncode, p.stdout, p.stderr


def retool_result(code):
    """evaluation/executor.py on one program: stdout, or the traceback's last line; when stdout is
    "" it hands exec_code the list code[:-1] (meaning to evaluate the last line), and regex.search
    on a list raises TypeError; both stripped and truncated to 200 + "..." + 200."""
    rc, out, err = run_exec(code)
    if rc != 0:
        res, report = "", err.strip().split("\n")[-1]
    elif out == "":
        try:
            regex.search(r"(\s|^)?input\(", code.split("\n")[:-1])
            raise AssertionError("regex.search accepted a list")
        except TypeError:
            res, report = "", traceback.format_exc().split("\n")[-2]
    else:
        res, report = out, "Done"
    res, report = head_tail(res.strip(), 400, 200, 200, "..."), head_tail(report.strip(), 400, 200, 200, "...")
    return res if report == "Done" else report


def retool(turns):
    pieces = []
    for prose, code in turns:
        pieces.append(["model", prose])
        if code is None:
            continue
        turn = prose + "<code>\n```python\n" + code + "\n```\n"
        pieces.append(["model", "<code>\n```python\n" + code + "\n```\n</code>"])
        # evaluation/eval.py: pred.split("```python")[-1].replace("```", "").strip()
        program = turn.split("```python")[-1].replace("```", "").strip()
        result = "None" if program == "" else retool_result(program)
        pieces.append(["interpreter", f"\n\n<interpreter>\n{result}\n</interpreter>\n\n"])
    return pieces


# --- rStar2-Agent: rstar2_agent/config/rstar2_agent_trainer.yaml + tools/code_judge_utils.py ---
RSTAR2_DRIVER = r"""
import ast, io, sys
code = sys.argv[1]
scope = {"__name__": "__main__", "__file__": "<string>", "__builtins__": __builtins__}

def message(exc, text, offset=0):
    # CodeExecutionError: "{type} at line {n}: {msg}\n  {line}", the line from the error itself
    # or the innermost traceback frame, shifted for the last expression; else "{type}: {msg}".
    if hasattr(exc, "lineno"):
        n = exc.lineno
    else:
        tb = exc.__traceback__
        while tb and tb.tb_next:
            tb = tb.tb_next
        n = tb.tb_lineno if tb else -1
    if n != -1:
        n += offset
        lines = text.splitlines()
        if 0 <= n - 1 < len(lines):
            return f"{type(exc).__name__} at line {n}: {exc}\n  {lines[n - 1]}"
    return f"{type(exc).__name__}: {exc}"

def fail(text):
    # print to stderr, then os._exit(1): stdout is never flushed
    sys.stderr.write(text + "\n")
    sys.stderr.flush()
    import os
    os._exit(1)

try:
    tree = ast.parse(code)
except SyntaxError as exc:
    fail(message(exc, code))
main, last = code, None
if tree.body and isinstance(tree.body[-1], ast.Expr):
    lines = code.splitlines()
    node = tree.body[-1]
    main, last = "\n".join(lines[: node.lineno - 1]), "\n".join(lines[node.lineno - 1 : node.end_lineno])
if main:
    try:
        exec(compile(main, "<string>", "exec"), scope)
    except Exception as exc:
        fail(message(exc, main))
if last:
    try:
        value = eval(compile(last, "<string>", "eval"), scope)
        if value is not None:
            print(repr(value))
    except Exception:
        try:
            exec(compile(last, "<string>", "exec"), scope)
        except Exception as exc:
            fail(message(exc, last, len(main.splitlines()) if main else 0))
"""


def rstar2_report(code, stdin=""):
    """rstar2_agent/tools/code_judge_utils.py: the tool runs the code through its executor (the
    last expression's repr printed; an error as "{type} at line {n}: ..." on stderr and exit 1),
    and reports it. The sandbox's own fields cannot be reproduced: a failure's reason and the
    time are stand-ins (the studio compares them as present, not by value)."""
    p = subprocess.run([sys.executable, "-c", RSTAR2_DRIVER, code], capture_output=True, text=True, timeout=30, input=stdin, env=ENV)
    ok = p.returncode == 0
    parts = ["Tool call success" if ok else "Tool call failure"]
    if not ok:
        parts.append("reason: runtime_error")
    if p.stdout:
        parts.append(f"stdout: {p.stdout}")
    if p.stderr:
        parts.append(f"stderr: {p.stderr}")
    parts.append("execution time: 0.01s")
    # verl's ToolAgentLoop: max_tool_response_length 256, truncated in the middle
    return head_tail("\n".join(parts), 256, 128, 128, "...(truncated)...")


def rstar2(turns):
    pieces = []
    for prose, code in turns:
        pieces.append(["model", prose])
        if code is None:
            continue
        code, stdin = code if isinstance(code, tuple) else (code, "")
        call = json.dumps({"name": "python_code_with_standard_io", "arguments": {"code": code, "input": stdin}}, ensure_ascii=False)
        pieces.append(["model", "<tool_call>\n" + call + "\n</tool_call><|im_end|>"])
        pieces.append(["interpreter", "<|im_start|>user\n<tool_response>\n" + rstar2_report(code, stdin) + "\n</tool_response><|im_end|>\n<|im_start|>assistant\n<reason>"])
    return pieces


TURNS = {
    "cort": [
        ("Okay, let's try to solve this problem step by step using multiple python code calls.\nWe need 7 squared.\n", "print(7**2)"),
        ("So it is 49. Now a long list:\n", "print(list(range(300)))"),
        ("And an error:\n", "print(1/0)"),
        ("Fine.\n</think>\n\nThe answer is \\boxed{49}.", None),
    ],
    "torl": [
        ("Let's compute.\n", "print(2**10)"),
        ("Now something long:\n", "print('x' * 300)"),
        ("And an error:\n", "import math\nprint(math.sqrt(-1))"),
        ("So the answer is $\\boxed{1024}$.", None),
    ],
    "simpletir": [
        ("Let me compute the sum.\n", "print(sum(range(101)))"),
        ("Next, a failing call.\n", "print(undefined_name)"),
        ("Then a long one.\n", "print('y' * 600)"),
        ("Finally:\n", "final_answer(5050)"),
        ("The answer is \\boxed{5050}.", None),
    ],
    "retool": [
        ("Let me compute 3 factorial.\n\n", "import math\nprint(math.factorial(3))"),
        ("The code returns 6. Now the error case:\n\n", "print(1/0)"),
        ("So it is 6.\n\n<answer>\n\\boxed{6}\n</answer>", None),
    ],
    "rstar2": [
        ("I will compute the product.\n", "print(6*7)"),
        ("Now an error.\n", "raise ValueError('bad')"),
        ("Thus the result is 42.</reason>\n<answer>\\boxed{42}</answer><|im_end|>", None),
    ],
}

# More of what each harness does: several blocks in a turn, silent code, ReTool's quirks,
# rStar2's last expression, standard input and lost prints (src/core/profiles/fixtures/execution.json).
EXECUTION_TURNS = {
    "cort": [
        ("Okay, let's try to solve this problem step by step using multiple python code calls.\nWe need 7 squared.\n", "print(7**2)"),
        ("So it is 49. Now a long list:\n", "print(list(range(300)))"),
        ("And an error:\n", "print(1/0)"),
        ("Fine.\n</think>\n\nThe answer is \\boxed{49}.", None),
    ],
    "torl": [
        ("Let's compute.\n", "print(2**10)"),
        ("Now something long:\n", "print('x' * 300)"),
        ("And an error:\n", "import math\nprint(math.sqrt(-1))"),
        ("Two blocks, only the last runs:\n", ["y = 3", "print(__name__)"]),
        ("A silent one:\n", "z = 1"),
        ("So the answer is $\\boxed{1024}$.", None),
    ],
    "simpletir": [
        ("Let me compute the sum.\n", "print(sum(range(101)))"),
        ("Next, a failing call.\n", "print(undefined_name)"),
        ("Then a long one.\n", "print('y' * 600)"),
        ("A silent one.\n", "s = 5050"),
        ("Finally:\n", "final_answer(5050)"),
        ("The answer is \\boxed{5050}.", None),
    ],
    "retool": [
        ("Let me compute 3 factorial.\n\n", "import math\nprint(math.factorial(3))"),
        ("The code returns 6. Now the error case:\n\n", "print(1/0)"),
        ("A bare expression prints nothing here:\n\n", "math_value = 6\nmath_value"),
        ("Input is refused:\n\n", "x = input()"),
        ("So it is 6.\n\n<answer>\n\\boxed{6}\n</answer>", None),
    ],
    "rstar2": [
        ("I will compute the product.\n", "print(6*7)"),
        ("Now an error.\n", "raise ValueError('bad')"),
        ("A bare expression is printed:\n", "x = 6\nx * 7"),
        ("Standard input:\n", ("n = int(input())\nprint(n * 2)", "21")),
        ("An error after printing loses the print:\n", "print('lost')\n1 / 0"),
        ("Thus the result is 42.</reason>\n<answer>\\boxed{42}</answer><|im_end|>", None),
    ],
}

BUILD = {"cort": cort, "torl": torl, "simpletir": simpletir, "retool": retool, "rstar2": rstar2}

if __name__ == "__main__":
    turns_of = EXECUTION_TURNS if sys.argv[1:] == ["execution"] else TURNS
    out = {
        name: {"pieces": BUILD[name](turns), "codes": [c for _, code in turns if code is not None for c in (code if isinstance(code, list) else [code[0]] if isinstance(code, tuple) else [code])]}
        for name, turns in turns_of.items()
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
