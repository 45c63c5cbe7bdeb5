/** fast-check arbitraries: messy traces made of every profile's markers (test-only). */
import fc from 'fast-check';
import { traceText } from '../../trace/testing/arbitrary';

/** Markers of all profiles, whole and broken, mixed with CoRT's messy fragments. */
const MARKERS = [
  '<code>', '</code>', '<code>\n```python\n', '\n```\n</code>', '<interpreter>', '</interpreter>', '\n\n<interpreter>\n',
  '\n</interpreter>\n\n', '<answer>', '</answer>', '<tool_call>', '</tool_call>', '<tool_call>\n{"name": "python_code_with_standard_io", "arguments": {"code": "print(1)", "input": ""}}\n</tool_call>',
  '<tool_response>', '</tool_response>', '<|im_end|>', '<|im_start|>user\n', '<|im_end|>\n<|im_start|>assistant\n<reason>', '<reason>', '</reason>',
  '```py\n', '```python\n', '\n```', '```\n', '\nCode execution result: ', 'NameError: x\n', '5\n\n', '```output', '</think>',
  '{"name": "code_interpreter", "arguments": {"code": "x"}}', '\n', '\r\n', ' ', 'print(1)', 'text. ',
];

export const profileTraceText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...MARKERS) }, { weight: 1, arbitrary: traceText }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }), {
    maxLength: 30,
  })
  .map((parts) => parts.join(''));
