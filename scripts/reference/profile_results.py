"""Reference results: how each project turns one execution into the text of its output block.

Each case runs a snippet with the machine's CPython (stdout, stderr, exit status) and applies
the project's own formatting, written here from its code (sources in
src/core/profiles/builtin.ts). The studio's formatResult must give the same text.

    /usr/bin/python3 scripts/reference/profile_results.py > src/core/profiles/fixtures/results.json

(Debian's python3: ReTool's executor imports the `regex` module, whose error text it records.)
"""
import json
import subprocess
import sys
import traceback

import regex

SNIPPETS = [
    "print(7 * 6)",
    "print('x' * 900)",
    "print('y' * 300)",
    "print('z' * 255)",
    "print('w' * 600)",
    "x = 1",
    "print('before')\nprint(1 / 0)",
    "import math\nmath.sqrt(-1)",
    "print('Error: not really')\nprint('ok')",
    "import warnings\nwarnings.warn('careful')\nprint(5)",
    "print('  padded  \\n\\n')",
    "raise ValueError('a' * 700)",
    "x = 2\nx",
    "print('')",
    "print('\U0001d4b3' * 500)",
]


def head_tail(s, limit, head, tail, marker, inclusive=False):
    if len(s) > limit or (inclusive and len(s) == limit):
        return s[:head] + marker + s[-tail:]
    return s


def cort(rc, out, err, code):
    # infer/python_executor.py: stdout stripped, else the traceback; truncate(s, 800)
    res = out.strip() if rc == 0 else err.strip()
    return head_tail(res, 800, 400, 400, "...")


def torl(rc, out, err, code):
    # verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py: code_interpreter_batch_call + postproc_observation
    if rc == 0 or len(out) != 0:
        observation = out
    else:
        observation = err.strip()
    if "Error" in observation:
        observation = observation.strip().split("\n")[-1]
    if len(observation.strip()) == 0:
        observation = "timeout_decorator.timeout_decorator.TimeoutError: 'Timed Out'"
    observation = observation.strip()
    if len(observation) >= 256:
        observation = observation[:128] + "..." + observation[-128:]
    return observation


def truncate_content(content, max_length=512):
    if len(content) <= max_length:
        return content
    return content[: max_length // 2] + f"\n..._This content has been truncated to stay below {max_length} characters_...\n" + content[-max_length // 2 :]


def simpletir(rc, out, err, code):
    # recipe/simpletir/agent_utils.py execute_predictions (the result between the marker and "\n")
    obs = None
    if len(out) > 0:
        obs = truncate_content(out, 512)
    if len(err) > 0:
        obs = truncate_content("\n".join(err.splitlines()[-1:]), 512)
    return obs


def retool_silent_report(code):
    """evaluation/executor.py execute(): when stdout is "", it means to evaluate the last line but
    hands exec_code the list code[:-1]; exec_code's regex.search on a list raises TypeError."""
    lines = code.split("\n")
    try:
        regex.search(r"(\s|^)?input\(", lines[:-1])
    except TypeError:
        return traceback.format_exc().split("\n")[-2]
    raise AssertionError("regex.search accepted a list")


def retool(rc, out, err, code):
    # evaluation/executor.py: (stdout, "Done") or ("", last traceback line); strip; truncate(s, 400)
    if rc != 0:
        res, report = "", err.strip().split("\n")[-1]
    elif out == "":
        res, report = "", retool_silent_report(code)
    else:
        res, report = out, "Done"
    res, report = head_tail(res.strip(), 400, 200, 200, "..."), head_tail(report.strip(), 400, 200, 200, "...")
    return res if report == "Done" else report


FORMATS = {"cort": cort, "torl": torl, "simpletir": simpletir, "retool": retool}

if __name__ == "__main__":
    cases = []
    for code in SNIPPETS:
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
        run = {"stdout": p.stdout, "stderr": p.stderr, "failed": p.returncode != 0, "timedOut": False}
        cases.append({"code": code, "run": run, "expected": {name: f(p.returncode, p.stdout, p.stderr, code) for name, f in FORMATS.items()}})
    json.dump(cases, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
