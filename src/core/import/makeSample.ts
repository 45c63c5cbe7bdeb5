import type { Sample } from '../sample/types';
import { parseTrace } from '../trace';
import { stableId } from '../util/hash';
import { detectProfile, getProfile } from '../profiles';

/**
 * What an importer knows about one sample (`original` is '' for a problem without a
 * generation); the rest is derived the same way for every format.
 */
export type ImportedSampleFields = Pick<Sample, 'problem' | 'gtAnswer' | 'source' | 'prompt' | 'record' | 'origin' | 'original'>;

/**
 * The id depends only on content (prompt, which generation, response), never on the file
 * name or position, so importing the same data twice — or from a renamed file — dedupes.
 */
export function sampleId(prompt: string, genIndex: number | undefined, original: string): string {
  return stableId(prompt, String(genIndex ?? ''), original);
}

/**
 * What makes two samples the same training example: the prompt and the response as imported.
 * Two identical generations of one record (or of two files) are one sample, merged on import.
 */
export function contentKey(sample: Pick<Sample, 'prompt' | 'original'>): string {
  // Hashing whole responses is the costliest part of a big merge: once per sample object.
  let key = contentKeys.get(sample);
  if (key === undefined) contentKeys.set(sample, (key = stableId(sample.prompt, sample.original)));
  return key;
}

const contentKeys = new WeakMap<object, string>();

/**
 * Gives a copy of a sample the content key contentKey computed for the original elsewhere (the
 * import worker: a structured clone keeps every text, so the key is the same), so the page
 * does not hash every response again.
 */
export function adoptContentKey(sample: Pick<Sample, 'prompt' | 'original'>, key: string): void {
  contentKeys.set(sample, key);
}

export function makeImportedSample(fields: ImportedSampleFields, now: string): Sample {
  // The trace is read with the markers it carries (ReTool, rStar2, SimpleTIR, ...); CoRT by default.
  const profile = detectProfile(fields.original, fields.record);
  const sample: Sample = {
    id: sampleId(fields.prompt, fields.origin.genIndex, fields.original),
    problem: fields.problem,
    prompt: fields.prompt,
    record: fields.record,
    origin: fields.origin,
    original: fields.original,
    trace: fields.original === '' ? { segments: [] } : parseTrace(fields.original, 'imported', getProfile(profile).syntax),
    branches: [],
    status: 'draft',
    // Equal timestamps mark a sample nobody has edited yet (see mergeSamples).
    createdAt: now,
    updatedAt: now,
  };
  if (fields.gtAnswer !== undefined) sample.gtAnswer = fields.gtAnswer;
  if (fields.source !== undefined) sample.source = fields.source;
  if (profile !== 'cort') sample.profile = profile;
  return sample;
}
