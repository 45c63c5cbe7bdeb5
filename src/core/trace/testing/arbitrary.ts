/**
 * fast-check arbitraries for realistic, messy model responses (test-only). Exported so
 * other modules' property tests (hints, exporters) can reuse them.
 */
import fc from 'fast-check';

/** Pieces real traces are made of, including the malformed ones DESIGN.md §2 warns about. */
const FRAGMENTS = [
  '```python\n', '```py\n', '```python3\n', '```python\r\n', '```output\n', '```output\r\n',
  '```\n', '```', '```\r\n', '``` \n', '````\n', '````python\n', '   ```python\n', '    ```python\n',
  '```text\n', '```latex\n', 'x = ```python\n', '</think>', '</think>\n\n', '<think>',
  '\n', '\n', '\n\n', '\r\n', '\r\n\r\n', ' ', '\t', '\r',
  'print(1)\n', 'import sympy as sp\n', '1\n', 'Traceback (most recent call last):\n',
  'Okay, let me solve this.', 'So 3.14 is e.g. close. ', 'Wait. ', 'Hmm', 'Let me check: ',
  '$x. Y$', '$$\na. B\n$$', '\\(a. B\\)', '\\[x\\]', '`code. Span`', '1. First\n2. Second\n',
  '\\boxed{5}', '\\boxed{\\frac{1}{2}}', '\\boxed 7', '\\boxed{', '}', '{', '\\{', '$',
];

const fragment = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('`', '\n', '\r', ' ', 'p', 'y', '<', '/', '>', '.', 'A', 'a') , maxLength: 8 }) },
);

/** A response assembled from trace fragments. */
export const traceText: fc.Arbitrary<string> = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

/** Any string, plus realistic traces: what the parser must survive. */
export const anyResponse: fc.Arbitrary<string> = fc.oneof(
  traceText,
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
);
