/** Continue by model: the run under way and its notice (generation.ts drives them). */
import type { GenerationSummary } from '../../core/generate';
import type { Trace } from '../../core/trace/types';

export interface ContinuationView {
  /** Single run: text streamed since the last trace update. Compare: everything streamed. */
  text: string;
  /** Compare: the continuation's trace so far (base + what it wrote and ran). */
  trace?: Trace;
  summary?: GenerationSummary;
  /** A code block waits for (or is in) the interpreter. */
  runningCode: boolean;
}

export interface GenerationRun {
  id: string;
  sampleId: string;
  mode: 'continue' | 'compare';
  base: Trace;
  status: 'running' | 'done';
  endpointName: string;
  continuations: ContinuationView[];
}

export interface GenerationNotice {
  kind: 'info' | 'error';
  text: string;
}

export interface GenerationSlice {
  generation: GenerationRun | null;
  generationNotice: GenerationNotice | null;
  /** The "how many continuations?" prompt of Continue ×N is open. */
  askingContinueCount: boolean;
}

export function initialGenerationSlice(): GenerationSlice {
  return { generation: null, generationNotice: null, askingContinueCount: false };
}

export const isGenerating = (s: Pick<GenerationSlice, 'generation'>) => s.generation?.status === 'running';
