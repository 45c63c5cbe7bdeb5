/**
 * JSON Schema of a sample as stored in a project file (mirrors src/core/sample/types.ts and
 * src/core/trace/types.ts). Extra properties are allowed so files written by a newer studio
 * that added optional fields still load.
 */

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const obj = { type: 'object' } as const;

const segment = {
  type: 'object',
  required: ['id', 'kind', 'text', 'origin'],
  properties: {
    id: str,
    kind: { enum: ['prose', 'code', 'output', 'think-end', 'answer'] },
    text: str,
    origin: { enum: ['imported', 'model', 'annotator', 'interpreter', 'hint'] },
    lang: str,
    closed: { type: 'boolean' },
    hintType: { enum: ['prompt-hint', 'hint-1', 'hint-2', 'custom'] },
    meta: obj,
  },
} as const;

const branch = {
  type: 'object',
  required: ['id', 'at', 'segments', 'reason', 'createdAt'],
  properties: {
    id: str,
    at: int,
    segments: { type: 'array', items: segment },
    reason: { enum: ['cut', 'continuation', 'edit'] },
    createdAt: str,
    label: str,
  },
} as const;

export const sampleSchema = {
  type: 'object',
  required: ['id', 'problem', 'prompt', 'record', 'origin', 'original', 'trace', 'branches', 'status', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string', minLength: 1 },
    problem: str,
    gtAnswer: str,
    source: str,
    prompt: str,
    record: obj,
    origin: {
      type: 'object',
      required: ['format', 'file'],
      properties: {
        format: { enum: ['cort-problems', 'cort-inference', 'verl-parquet', 'pasted', 'project', 'cort-export', 'chat-messages'] },
        file: str,
        line: int,
        genIndex: int,
      },
    },
    original: str,
    trace: {
      type: 'object',
      required: ['segments'],
      properties: { segments: { type: 'array', items: segment } },
    },
    branches: { type: 'array', items: branch },
    status: { enum: ['draft', 'ready', 'approved', 'changes-requested', 'rejected'] },
    createdAt: str,
    updatedAt: str,
    // Added with trace profiles (issue 12): optional, so older files load unchanged.
    // Built-in or the project's own (custom profiles): resolved against the project's registry on use.
    profile: { type: 'string', minLength: 1 },
    stepLabels: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['rating', 'at'],
        properties: { rating: { enum: [1, 0, -1] }, by: str, at: str },
      },
    },
  },
} as const;
