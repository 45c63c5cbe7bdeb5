/**
 * The shipped trace profiles. Every fact was read in the project's own code; `sources` names
 * the file. Where the summary and the code disagree, the code wins and the note says so.
 */
import type { TraceProfile } from './types';

/** What CoRT's loop appends to the output of round max−2 (infer/inference_vllm_dp_mj.py). */
export const CORT_SYSTEM_NOTICE =
  '\n\n[SYSTEM]\nYou have exceeded the allowed number of code executions. You can no longer write or run code. Please continue solving the problem using your reasoning and analytical skills.';

const CORT = 'ChengpengLi1003/CoRT';
const TORL = 'GAIR-NLP/ToRL';
const SIMPLETIR = 'ltzheng/SimpleTIR';
const RETOOL = 'ReTool-RL/ReTool';
const RSTAR = 'microsoft/rStar';
const VERL = 'volcengine/verl';

const CODE_INTERPRETER = 'A tool for executing code.';

export const CORT_PROFILE: TraceProfile = {
  id: 'cort',
  name: 'CoRT',
  description: '```python … ``` code, ```output … ``` results, replayed program per call, answer after </think>.',
  syntax: { kind: 'fenced' },
  code: { kind: 'template', before: '```python\n', after: '\n```\n' },
  output: { before: '```output\n', after: '\n```\n' },
  continuation: { stop: ['`\n'], reappendStop: true, cutAfterFirstCode: false, maxRounds: null, lastRound: 'no-stop', finalNotice: CORT_SYSTEM_NOTICE, turnEnd: null },
  execution: { semantics: 'cort', program: 'own-block', runner: 'exec', prelude: null, lastExpression: 'ignored', emptyProgram: null, timeoutSeconds: 30 },
  result: {
    pick: 'stdout-else-error',
    error: 'traceback',
    lastLineIfContains: null,
    strip: true,
    truncation: { limit: 800, inclusive: false, head: 400, tail: 400, marker: '...' },
    timeout: 'Timeout Error',
    emptyResult: null,
    nothingPrinted: null,
    omitEmpty: false,
  },
  answer: { boundary: '</think>', extract: 'last-boxed', searchOutputs: false, boundaryRequired: true },
  mask: { trainedPrefix: null },
  tool: { name: 'code_interpreter', description: CODE_INTERPRETER, arguments: 'code' },
  continuesPrompt: true,
  sources: {
    stop: { repo: CORT, path: 'infer/inference_vllm_dp_mj.py', note: 'stop_tokens_mode normal_code_block_end: stop = ["`\\n"]; the stop string is re-appended' },
    output: { repo: CORT, path: 'infer/inference_vllm_dp_mj.py', note: 'exec_result = f"```output\\n{exec_result}\\n```\\n"' },
    syntax: { repo: CORT, path: 'infer/parser.py', note: 'a line whose strip() is ```python opens, ``` closes' },
    execution: { repo: CORT, path: 'infer/parser.py', note: 'extract_jupyter_like_program: replay rule (DESIGN.md §2a)' },
    result: { repo: CORT, path: 'infer/python_executor.py', note: 'stdout stripped else traceback; truncate(s, 800): 400 + "..." + 400; ("", "Timeout Error")' },
  },
};

export const TORL_PROFILE: TraceProfile = {
  id: 'torl',
  name: 'ToRL',
  description: "CoRT's fences; generation stops at ```output; each block runs alone; 256+ character results cut to 128 + ... + 128.",
  syntax: { kind: 'fenced' },
  code: { kind: 'template', before: '```python\n', after: '\n```\n' },
  output: { before: '```output\n', after: '\n```\n' },
  continuation: { stop: ['```output'], reappendStop: false, cutAfterFirstCode: false, maxRounds: 2, lastRound: 'no-stop', finalNotice: null, turnEnd: '<|endoftext|>' },
  execution: { semantics: 'fresh', program: 'last-block', runner: 'script', prelude: null, lastExpression: 'ignored', emptyProgram: null, timeoutSeconds: 10 },
  result: {
    pick: 'stdout-if-any-else-error',
    error: 'traceback',
    lastLineIfContains: 'Error',
    strip: true,
    truncation: { limit: 256, inclusive: true, head: 128, tail: 128, marker: '...' },
    timeout: 'UnknownError',
    emptyResult: "timeout_decorator.timeout_decorator.TimeoutError: 'Timed Out'",
    nothingPrinted: null,
    omitEmpty: false,
  },
  answer: { boundary: '</think>', extract: 'last-boxed', searchOutputs: true, boundaryRequired: false },
  mask: { trainedPrefix: '```output' },
  tool: { name: 'code_interpreter', description: CODE_INTERPRETER, arguments: 'code' },
  continuesPrompt: true,
  sources: {
    stop: { repo: TORL, path: 'verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py', note: 'sampling_params.stop=["```output"]; the harness adds "\\n" when the turn does not end with one, then OBS_START + "\\n" + obs + OBS_END ("\\n```\\n")' },
    mask: { repo: TORL, path: 'verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py', note: "mask=[len(response) + len('```output'), len(response_w_res)]: the ```output the model generated is trained" },
    execution: { repo: TORL, path: 'verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py', note: 'extract_program(last_only=True) sends only the last block of the turn to the sandbox: no state between blocks' },
    result: { repo: TORL, path: 'verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py', note: 'postproc: stdout when return_code 0 or stdout non-empty, else stderr; "Error" in obs -> last line; empty -> timeout_decorator text; strip; len >= 256 -> [:128] + "..." + [-128:]; a failed request becomes "UnknownError"' },
    maxRounds: { repo: TORL, path: 'scripts/torl_1.5b.sh', note: 'numcall=1 (num_llm_calls_available): the loop runs while it is >= 0, so 2 rounds, the last without stop strings' },
    program: { repo: TORL, path: 'verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py', note: 'extract_program(turn, last_only=True): a line starting or ending with ```python opens, a line starting with ``` closes, lines kept with "\\n"; an unclosed last block gives no program; a stop with no program appends no output and the loop goes on' },
    runner: { repo: TORL, path: 'verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py', note: "send_request posts {'code', 'language': 'python'} to a sandbox (run_result: stdout, stderr, return_code): a fresh python process" },
    turnEnd: { repo: TORL, path: 'verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py', note: "the tokenizer's eos_token (Qwen2.5-Math: <|endoftext|>) is appended when generation did not stop for length" },
    answer: { repo: TORL, path: 'verl/utils/reward_score/math_verifier.py', note: 'the last \\boxed{} anywhere in the response' },
  },
};

export const SIMPLETIR_PROFILE: TraceProfile = {
  id: 'simpletir',
  name: 'SimpleTIR',
  description: '```py / ```python / bare ``` code anywhere, "\\nCode execution result: …\\n" results capped at 512 characters.',
  syntax: { kind: 'inline-fence', outputStart: '\nCode execution result: ', boundary: '</think>' },
  code: { kind: 'template', before: '```python\n', after: '\n```' },
  output: { before: '\nCode execution result: ', after: '\n' },
  continuation: { stop: [], reappendStop: false, cutAfterFirstCode: true, maxRounds: 5, lastRound: 'no-call', finalNotice: null, turnEnd: null },
  execution: {
    semantics: 'fresh',
    program: 'own-block-stripped',
    runner: 'script',
    prelude: '\ndef final_answer(result):\n    print(f"\\\\boxed{{{result}}}")\n\n',
    lastExpression: 'ignored',
    emptyProgram: null,
    timeoutSeconds: 3,
  },
  result: {
    pick: 'error-over-stdout',
    error: 'last-line',
    lastLineIfContains: null,
    strip: false,
    truncation: {
      limit: 512,
      inclusive: false,
      head: 256,
      tail: 256,
      marker: '\n..._This content has been truncated to stay below 512 characters_...\n',
    },
    timeout: null,
    emptyResult: null,
    nothingPrinted: null,
    omitEmpty: true,
  },
  answer: { boundary: '</think>', extract: 'last-boxed', searchOutputs: true, boundaryRequired: false },
  mask: { trainedPrefix: null },
  tool: { name: 'code_interpreter', description: CODE_INTERPRETER, arguments: 'code' },
  continuesPrompt: true,
  sources: {
    syntax: { repo: SIMPLETIR, path: 'recipe/simpletir/agent_utils.py', note: 'pattern r"```(?:py|python)?\\n(.*?)\\n```" (a bare ``` block counts), searched anywhere in the turn' },
    continuation: { repo: SIMPLETIR, path: 'recipe/simpletir/agent_utils.py', note: '_postprocess_responses keeps preceding_text.strip() + code_block.strip(): the turn ends at the first block, with no newline before it' },
    output: { repo: SIMPLETIR, path: 'recipe/simpletir/agent_utils.py', note: 'obs = f"\\nCode execution result: {truncated}\\n"; stderr (its last line, error_n_line = 1) replaces stdout; nothing is appended when both are empty' },
    truncation: { repo: SIMPLETIR, path: 'recipe/simpletir/agent_utils.py', note: 'truncate_content(max_length=512): [:256] + "\\n..._This content has been truncated to stay below 512 characters_...\\n" + [-256:] when longer than 512' },
    execution: { repo: SIMPLETIR, path: 'recipe/simpletir/agent_utils.py', note: 'each block alone in the sandbox, after a final_answer() definition that prints \\boxed{result}' },
    timeout: { repo: SIMPLETIR, path: 'sandbox/local_sandbox.py', note: 'run_timeout 3.0 s' },
    maxRounds: { repo: SIMPLETIR, path: 'recipe/simpletir/config/simpletir_trainer.yaml', note: 'agent.max_turns: 5; the last turn gets no observation (run_llm_loop)' },
    finalNotice: { repo: SIMPLETIR, path: 'recipe/simpletir/agent_utils.py', note: 'final_prompt "\\n" is added to a non-empty observation at turn max_turns - 2, and no_tool_prompt "\\n" after a turn with neither code nor \\boxed: the studio writes neither (a result ending in a blank line cannot say where it ends), see docs/trace-profiles.md' },
    answer: { repo: SIMPLETIR, path: 'recipe/simpletir/utils/reward_score/hf_math_verify.py', note: 'last \\boxed{} of the whole output, interpreter results included' },
  },
};

export const RETOOL_PROFILE: TraceProfile = {
  id: 'retool',
  name: 'ReTool',
  description: '<code>```python … ```</code> calls (generation stops at </code>), <interpreter> results, answer in <answer>.',
  syntax: {
    kind: 'tagged',
    code: { open: '<code>', close: '</code>' },
    output: { open: '<interpreter>', close: '</interpreter>', lead: ['\n\n', '\n'], trail: ['\n\n'] },
    boundary: '<answer>',
  },
  code: { kind: 'template', before: '<code>\n```python\n', after: '\n```\n</code>' },
  output: { before: '\n\n<interpreter>\n', after: '\n</interpreter>\n\n' },
  continuation: { stop: ['</code>'], reappendStop: true, cutAfterFirstCode: false, maxRounds: null, lastRound: 'no-stop', finalNotice: null, turnEnd: null },
  execution: { semantics: 'fresh', program: 'after-last-fence', runner: 'exec', prelude: null, lastExpression: 'ignored', emptyProgram: 'None', timeoutSeconds: 5 },
  result: {
    pick: 'stdout-else-error',
    error: 'last-line',
    lastLineIfContains: null,
    strip: true,
    truncation: { limit: 400, inclusive: false, head: 200, tail: 200, marker: '...' },
    timeout: 'Timeout Error',
    emptyResult: null,
    nothingPrinted: 'TypeError: expected string or buffer',
    omitEmpty: false,
  },
  answer: { boundary: '<answer>', extract: 'last-boxed', searchOutputs: false, boundaryRequired: true },
  mask: { trainedPrefix: null },
  tool: { name: 'code_interpreter', description: CODE_INTERPRETER, arguments: 'code' },
  continuesPrompt: true,
  sources: {
    stop: { repo: RETOOL, path: 'evaluation/eval.py', note: 'stop_words.append("</code>")' },
    output: {
      repo: 'THUDM/slime',
      path: 'examples/retool/generate_with_retool.py',
      note: 'next_obs = f"\\n\\n<interpreter>\\n{result}\\n</interpreter>\\n\\n" (the form of the ReTool-SFT data). ReTool\'s own evaluation/eval.py writes "</code>\\n<interpreter>\\n" + result + "</interpreter>\\n\\n" instead; the parser accepts both',
    },
    code: { repo: VERL, path: 'recipe/retool/retool_sft_preprocess.py (git history, before the recipes moved)', note: 'code between <code> and </code>, inside ```python … ```' },
    tool: { repo: VERL, path: 'recipe/retool/sandbox_fusion_tool_config.yaml (git history)', note: 'tool name code_interpreter, parameter code' },
    result: {
      repo: RETOOL,
      path: 'evaluation/executor.py',
      note: 'stdout; an error gives the traceback\'s last line (format_exc().split("\\n")[-2]); both stripped and truncate(s, 400): 200 + "..." + 200. When stdout is "", execute() means to evaluate the last line but calls exec_code(code[:-1]) with a list of lines: "TypeError: expected string or buffer" (regex) for every code that prints nothing. A time-out inside gives timeout_decorator\'s last line, the pool\'s gives "Timeout Error"',
    },
    program: { repo: RETOOL, path: 'evaluation/eval.py', note: 'pred.split("```python")[-1].replace("```", "").strip() of the turn before </code>; an empty program appends "None" without running' },
    runner: { repo: RETOOL, path: 'evaluation/executor.py', note: 'GenericRuntime.exec_code: input( / os.system( refused with RuntimeError, exec(code, {}) under timeout(5) (PythonExecutor() defaults)' },
    answer: { repo: RETOOL, path: 'evaluation/prompt_template.json', note: '<answer>\\n\\boxed{...}\\n</answer> as the last part' },
  },
};

export const RSTAR2_PROFILE: TraceProfile = {
  id: 'rstar2',
  name: 'rStar2-Agent',
  description: '<tool_call>{"name": "python_code_with_standard_io", …}</tool_call> calls, <tool_response> results in a user turn.',
  syntax: {
    kind: 'tagged',
    code: { open: '<tool_call>', close: '</tool_call>', trail: ['<|im_end|>'] },
    output: {
      open: '<tool_response>',
      close: '</tool_response>',
      lead: ['<|im_start|>user\n'],
      trail: ['<|im_end|>\n<|im_start|>assistant\n<reason>', '<|im_end|>\n<|im_start|>assistant\n', '<|im_end|>\n'],
    },
    boundary: '<answer>',
  },
  code: { kind: 'tool-call', tool: 'python_code_with_standard_io', arguments: 'code+input', before: '<tool_call>\n', after: '\n</tool_call><|im_end|>' },
  output: { before: '<|im_start|>user\n<tool_response>\n', after: '\n</tool_response><|im_end|>\n<|im_start|>assistant\n<reason>' },
  continuation: { stop: [], reappendStop: false, cutAfterFirstCode: false, maxRounds: 5, lastRound: 'no-call', finalNotice: null, turnEnd: '<|im_end|>' },
  execution: { semantics: 'fresh', program: 'own-block', runner: 'script', prelude: null, lastExpression: 'printed-repr', emptyProgram: null, timeoutSeconds: null },
  result: {
    pick: 'tool-report',
    error: 'tool-report',
    lastLineIfContains: null,
    strip: false,
    truncation: { limit: 256, inclusive: false, head: 128, tail: 128, marker: '...(truncated)...' },
    timeout: null,
    emptyResult: null,
    nothingPrinted: null,
    omitEmpty: false,
  },
  answer: { boundary: '<answer>', extract: 'last-boxed', searchOutputs: false, boundaryRequired: true },
  mask: { trainedPrefix: null },
  tool: {
    name: 'python_code_with_standard_io',
    description:
      'Execute Python code with standard input and capture standard output. This function takes a Python code string and an input string, provides the input string through standard input (stdin) to the code, and captures and returns any output produced through standard output (stdout). If the executed code raises an exception, the error message will be captured and returned instead.',
    arguments: 'code+input',
  },
  continuesPrompt: true,
  sources: {
    tool: { repo: RSTAR, path: 'rstar2_agent/config/tool_config/python_tool_config.yaml', note: 'name "python_code_with_standard_io" (not "execute_python_code_with_standard_io"), required ["code", "input"]' },
    syntax: { repo: RSTAR, path: 'rstar2_agent/config/rstar2_agent_trainer.yaml', note: 'custom_chat_template: "\\n<tool_call>\\n{\\"name\\": …, \\"arguments\\": " + tojson + "}\\n</tool_call>"; tool turns "<|im_start|>user\\n<tool_response>\\n" + content + "\\n</tool_response><|im_end|>\\n"; generation prompt "<|im_start|>assistant\\n<reason>"' },
    parser: { repo: RSTAR, path: 'rstar2_agent/tools/tool_parser.py', note: 'r"<tool_call>(.*?)</tool_call>" then json.loads; a decode error becomes the tool response' },
    continuation: { repo: RSTAR, path: 'rstar2_agent/rollout/rstar2_agent_loop.py', note: 'a turn ends at EOS; tool response ids = template(tool messages)[len(system_prompt):], response_mask 0' },
    maxRounds: { repo: RSTAR, path: 'rstar2_agent/config/rstar2_agent_trainer.yaml', note: 'multi_turn.max_assistant_turns: 5; the loop ends after the last assistant turn, before its tool calls run' },
    result: { repo: RSTAR, path: 'rstar2_agent/tools/code_judge_utils.py', note: '"Tool call success" / "Tool call failure\\nreason: …", then "stdout: …", "stderr: …", "execution time: X.XXs"; the last expression is printed with repr' },
    truncation: { repo: VERL, path: 'verl/trainer/config/rollout/rollout.yaml', note: 'max_tool_response_length 256, tool_response_truncate_side middle: [:128] + "...(truncated)..." + [-128:] (rollout_loop in ToolAgentLoop)' },
    answer: { repo: RSTAR, path: 'rstar2_agent/down_sample/roc.py', note: 'answers in <answer>…</answer>, graded by the last \\boxed{} (reward/compute_score.py)' },
  },
};

export const CHAT_PROFILE: TraceProfile = {
  id: 'chat',
  name: 'Chat messages',
  description: 'OpenAI tool_calls / role "tool" and Anthropic tool_use / tool_result messages, held as <tool_call>/<tool_response> text.',
  syntax: {
    kind: 'tagged',
    code: { open: '<tool_call>', close: '</tool_call>', trail: ['\n'] },
    output: { open: '<tool_response>', close: '</tool_response>', trail: ['\n'] },
    boundary: '</think>',
  },
  code: { kind: 'tool-call', tool: 'code_interpreter', arguments: 'code', before: '<tool_call>\n', after: '\n</tool_call>\n' },
  output: { before: '<tool_response>\n', after: '\n</tool_response>\n' },
  continuation: { stop: [], reappendStop: false, cutAfterFirstCode: false, maxRounds: null, lastRound: 'no-call', finalNotice: null, turnEnd: null },
  execution: { semantics: 'none', program: 'own-block', runner: 'script', prelude: null, lastExpression: 'ignored', emptyProgram: null, timeoutSeconds: null },
  result: {
    pick: 'as-given',
    error: 'tool-report',
    lastLineIfContains: null,
    strip: false,
    truncation: null,
    timeout: null,
    emptyResult: null,
    nothingPrinted: null,
    omitEmpty: false,
  },
  answer: { boundary: '</think>', extract: 'last-boxed', searchOutputs: false, boundaryRequired: false },
  mask: { trainedPrefix: null },
  tool: { name: 'code_interpreter', description: CODE_INTERPRETER, arguments: 'code' },
  continuesPrompt: false,
  sources: {
    openai: { repo: 'huggingface/trl', path: 'docs/source/dataset_formats.md', note: 'Tool Calling: assistant "tool_calls" [{type: "function", function: {name, arguments}}], {"role": "tool", "name", "content"}' },
    text: { repo: 'microsoft/rStar', path: 'rstar2_agent/config/rstar2_agent_trainer.yaml', note: 'the Hermes <tool_call>/<tool_response> rendering Qwen templates use; the studio holds chat traces in it' },
  },
};

export const BUILTIN_PROFILES: readonly TraceProfile[] = [CORT_PROFILE, RETOOL_PROFILE, RSTAR2_PROFILE, TORL_PROFILE, SIMPLETIR_PROFILE, CHAT_PROFILE];
