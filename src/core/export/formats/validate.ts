/**
 * Every record of the training formats is checked against the JSON schema of the field names
 * its framework documents (schemas/, shipped for consumers too) before a byte is written; a
 * failure is a bug in the writer and names the sample and the field.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import chatMessages from '../../../../schemas/chat-messages.schema.json' with { type: 'json' };
import verlMultiturn from '../../../../schemas/verl-multiturn.schema.json' with { type: 'json' };
import trlTools from '../../../../schemas/trl-tools.schema.json' with { type: 'json' };
import openrlhf from '../../../../schemas/openrlhf.schema.json' with { type: 'json' };
import axolotl from '../../../../schemas/axolotl-chat-template.schema.json' with { type: 'json' };
import llamafactory from '../../../../schemas/llamafactory-sharegpt-tools.schema.json' with { type: 'json' };
import trlDpo from '../../../../schemas/trl-dpo.schema.json' with { type: 'json' };
import trlStepwise from '../../../../schemas/trl-stepwise.schema.json' with { type: 'json' };

export const TRAINING_SCHEMAS = { verlMultiturn, trlTools, openrlhf, axolotl, llamafactory, trlDpo, trlStepwise } as const;
export type TrainingSchema = keyof typeof TRAINING_SCHEMAS;

// Made at first use, not when the module loads: Ajv's meta-schema alone is tens of ms of the studio's start.
let ajv: Ajv | undefined;
const compiled = new Map<TrainingSchema, ValidateFunction>();

function validatorOf(name: TrainingSchema): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true });
      ajv.addSchema(chatMessages);
    }
    validate = ajv.compile(TRAINING_SCHEMAS[name]);
    compiled.set(name, validate);
  }
  return validate;
}

export class TrainingRecordInvalidError extends Error {
  constructor(
    readonly schema: TrainingSchema,
    readonly sampleId: string,
    readonly problems: string[],
  ) {
    super(`${schema} record for sample ${sampleId} is invalid: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
    this.name = 'TrainingRecordInvalidError';
  }
}

/** Problems of `record` under the schema, as "field message" strings; empty when valid. */
export function trainingRecordProblems(name: TrainingSchema, record: unknown): string[] {
  const validate = validatorOf(name);
  if (validate(record)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(record)'} ${e.message ?? 'is invalid'}`);
}

export function assertTrainingRecord(name: TrainingSchema, record: unknown, sampleId: string): void {
  const problems = trainingRecordProblems(name, record);
  if (problems.length > 0) throw new TrainingRecordInvalidError(name, sampleId, problems);
}
