"""Reference traces for the trace profiles, written from each project's own definition.

For every profile the script plays a short scripted "model" against a real CPython run of its
code and joins the pieces the way that project's harness does (see the `sources` of each
profile in src/core/profiles/builtin.ts). Each piece is tagged with who wrote it, so the
fixture carries the exact bytes AND the exact interpreter spans, independent of the studio's
parser. Run with the machine's python3:

    python3 scripts/reference/profile_traces.py > src/core/profiles/fixtures/reference.json
"""
import json
import subprocess
import sys


def run(code, prelude=""):
    """One block alone in a fresh interpreter (ToRL, SimpleTIR, ReTool, rStar2's standard-io tool)."""
    p = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=30)
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
        # The model writes its block and then "```output" (the stop string, kept by the mask);
        # vLLM drops the stop string from the text, the harness adds "\n" if needed and OBS_START.
        response = prose + "```python\n" + code + "\n```"
        if not response.endswith("\n"):
            response += "\n"
        pieces.append(["model", response + "```output"])
        pieces.append(["interpreter", "\n" + torl_observation(code) + "\n```\n"])
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
def retool(turns):
    pieces = []
    for prose, code in turns:
        pieces.append(["model", prose])
        if code is None:
            continue
        pieces.append(["model", "<code>\n```python\n" + code + "\n```\n</code>"])
        rc, out, err = run(code)
        result = out.strip() if rc == 0 else err.strip().split("\n")[-1]
        pieces.append(["interpreter", f"\n\n<interpreter>\n{head_tail(result, 400, 200, 200, '...')}\n</interpreter>\n\n"])
    return pieces


# --- rStar2-Agent: rstar2_agent/config/rstar2_agent_trainer.yaml + tools/code_judge_utils.py ---
def rstar2_report(code):
    """code_judge_utils.run_tool_calls_on_server_async's report. The sandbox's own fields are not
    reproducible here: its failure reason string and its timing are stand-ins (the layout is exact)."""
    rc, out, err = run(code)
    parts = ["Tool call success" if rc == 0 else "Tool call failure"]
    if rc != 0:
        parts.append("reason: runtime_error")
    if out:
        parts.append(f"stdout: {out}")
    if err:
        parts.append(f"stderr: {err.strip().splitlines()[-1]}")
    parts.append("execution time: 0.01s")  # the sandbox's timing; fixed here
    text = "\n".join(parts)
    return head_tail(text, 256, 128, 128, "...(truncated)...")


def rstar2(turns):
    pieces = []
    for prose, code in turns:
        pieces.append(["model", prose])
        if code is None:
            continue
        call = json.dumps({"name": "python_code_with_standard_io", "arguments": {"code": code, "input": ""}}, ensure_ascii=False)
        pieces.append(["model", "<tool_call>\n" + call + "\n</tool_call><|im_end|>"])
        pieces.append(["interpreter", "<|im_start|>user\n<tool_response>\n" + rstar2_report(code) + "\n</tool_response><|im_end|>\n<|im_start|>assistant\n<reason>"])
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

BUILD = {"cort": cort, "torl": torl, "simpletir": simpletir, "retool": retool, "rstar2": rstar2}

if __name__ == "__main__":
    out = {
        name: {"pieces": BUILD[name](turns), "codes": [code for _, code in turns if code is not None]}
        for name, turns in TURNS.items()
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
