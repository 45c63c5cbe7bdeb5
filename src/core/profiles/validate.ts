/** Profiles as data are checked like any data: against schemas/trace-profile.schema.json (Settings will edit them). */
import Ajv, { type ValidateFunction } from 'ajv';
import traceProfileSchema from '../../../schemas/trace-profile.schema.json' with { type: 'json' };

// Compiled at first use, not when the module loads: compiling (with Ajv's meta-schema) took
// ~100 ms of the studio's start, where no profile is checked (bench/profile-reload.ts).
let compiled: ValidateFunction | undefined;

/** Problems of a profile as "field message" strings; empty when it is valid. */
export function traceProfileProblems(profile: unknown): string[] {
  const validate = (compiled ??= new Ajv({ allErrors: true }).compile(traceProfileSchema));
  if (validate(profile)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(profile)'} ${e.message ?? 'is invalid'}`);
}
