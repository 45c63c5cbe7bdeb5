/** Profiles as data are checked like any data: against schemas/trace-profile.schema.json (Settings will edit them). */
import Ajv from 'ajv';
import traceProfileSchema from '../../../schemas/trace-profile.schema.json' with { type: 'json' };

const validate = new Ajv({ allErrors: true }).compile(traceProfileSchema);

/** Problems of a profile as "field message" strings; empty when it is valid. */
export function traceProfileProblems(profile: unknown): string[] {
  if (validate(profile)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(profile)'} ${e.message ?? 'is invalid'}`);
}
