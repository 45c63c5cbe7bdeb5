/**
 * The quick checks' message and the worker seam, as types only: StudioDeps names the seam, and
 * quickChecks.ts (which builds requests from the settings) would tie deps.ts into a cycle.
 */
import type { SampleChecks } from '../../core/checks';
import type { ProjectSemantics } from '../../core/exec';
import type { Sample } from '../../core/sample/types';
import type { ChatTemplate } from '../../core/template';
import type { TraceProfile } from '../../core/profiles/types';

export interface QuickCheckRequest {
  sample: Sample;
  /** The token counts of the rendered trace and of the imported original; none: uncounted checks. */
  counts?: { trace: number; original: number };
  semantics: ProjectSemantics;
  template?: ChatTemplate;
  /** The project's own trace profiles (the registry is rebuilt from them where the checks run). */
  customProfiles?: TraceProfile[];
}

/** Runs quick checks elsewhere (a worker); rejects with WorkerUnavailableError when it cannot (the caller runs them here then: workers/client.ts `orOnPage`). */
export type QuickChecksOffThread = (request: QuickCheckRequest) => Promise<SampleChecks>;
