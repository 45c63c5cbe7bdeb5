/** A project's own profile for tests ("CoRT with a 512-char cap") and a sample that follows it. */
import type { Sample } from '../../sample/types';
import { CORT_PROFILE } from '../builtin';
import { parseWithProfile } from '../parse';
import { copyProfile } from '../registry';
import type { TraceProfile } from '../types';

export const CORT_512: TraceProfile = {
  ...copyProfile(CORT_PROFILE, 'cort-512', 'CoRT with a 512-char cap'),
  result: { ...CORT_PROFILE.result, truncation: { limit: 512, inclusive: false, head: 256, tail: 256, marker: '...' } },
};

export const CORT_512_TEXT = 'I add.\n```python\nprint(2 + 3)\n```\n```output\n5\n```\nSo 5.\n</think>\n\nThe answer is \\boxed{5}.';

/** An approved sample in CORT_512, its code's recorded output right. */
export const CORT_512_SAMPLE: Sample = {
  id: 'custom-1',
  problem: 'What is 2 + 3?',
  gtAnswer: '5',
  prompt: 'What is 2 + 3?',
  record: {},
  origin: { format: 'pasted', file: 'x.txt' },
  original: CORT_512_TEXT,
  trace: parseWithProfile(CORT_512_TEXT, CORT_512),
  branches: [],
  status: 'approved',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  profile: 'cort-512',
};
