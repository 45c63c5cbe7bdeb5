/**
 * A pasted trace's twin — the sample already holding its prompt and response, into which the
 * paste merges (src/store/project/importing.ts, core/project's merge) — found from the library's
 * entries, without reading every trace: a sample's id is made of its prompt, its generation
 * index and its response (core/import sampleId), so a twin's id is one the pasted content takes
 * at one of the generation indexes the project holds.
 */
import { sampleId } from '../../core/import';
import type { Sample, SampleOrigin } from '../../core/sample/types';

export function pastedTwin(pasted: Pick<Sample, 'id' | 'prompt' | 'original'>, held: { entries: Record<string, { origin: SampleOrigin }>; samples: Record<string, { origin: SampleOrigin }> }): string | undefined {
  // The same id first (the same trace pasted again), then each generation index in the project.
  if (held.samples[pasted.id] || held.entries[pasted.id]) return pasted.id;
  const indexes = new Set<number>();
  for (const list of [held.entries, held.samples]) for (const id in list) if (list[id]!.origin.genIndex !== undefined) indexes.add(list[id]!.origin.genIndex!);
  for (const g of [...indexes].sort((a, b) => a - b)) {
    const id = sampleId(pasted.prompt, g, pasted.original);
    if (held.samples[id] || held.entries[id]) return id;
  }
  return undefined;
}
