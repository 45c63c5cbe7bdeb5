/** Test helper: a sample made from a response, the way most tests start. */
import { getProfile } from '../../profiles/registry';
import { parseWithProfile } from '../../profiles/parse';
import type { Sample } from '../types';

/**
 * A pasted draft whose trace is `response` parsed under its trace profile (`extra.profile`,
 * CoRT's by default), and whose original is the same text; `extra` sets any other field.
 */
export function sampleOf(response: string, extra: Partial<Sample> = {}): Sample {
  return {
    id: 's',
    problem: 'p',
    prompt: 'p',
    record: {},
    origin: { format: 'pasted', file: 'x' },
    original: response,
    trace: parseWithProfile(response, getProfile(extra.profile ?? 'cort')),
    branches: [],
    status: 'draft',
    createdAt: '',
    updatedAt: '',
    ...extra,
  };
}
