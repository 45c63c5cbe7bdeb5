/** Test helper: a sample made from a response, the way most tests start. */
import { parseTrace } from '../../trace';
import type { Sample } from '../types';

/**
 * A pasted draft whose trace is `response` parsed as CoRT's (and whose original is the same
 * text); `extra` sets any other field.
 */
export function sampleOf(response: string, extra: Partial<Sample> = {}): Sample {
  return {
    id: 's',
    problem: 'p',
    prompt: 'p',
    record: {},
    origin: { format: 'pasted', file: 'x' },
    original: response,
    trace: parseTrace(response),
    branches: [],
    status: 'draft',
    createdAt: '',
    updatedAt: '',
    ...extra,
  };
}
