/** Samples for the server's tests: a draft imported from a CoRT inference file, around what each test varies. */
import type { Sample } from '../../core/sample/types';

export function draftFixture(fields: Pick<Sample, 'id' | 'problem' | 'origin' | 'trace'> & Partial<Sample>): Sample {
  return {
    prompt: fields.problem,
    record: {},
    original: '',
    branches: [],
    status: 'draft',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-02T00:00:00.000Z',
    ...fields,
  };
}
