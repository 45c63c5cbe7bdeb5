/** The checks cache's shape (checks.ts fills it). */
import type { SampleChecks } from '../../core/checks';

export type CheckLevel = 'quick' | 'full';

export interface CheckEntry {
  /** `checkRevision(sample)` the result belongs to. */
  revision: string;
  level: CheckLevel;
  result: SampleChecks;
  /** Whether a token counter took part (the efficiency rows are skipped without one). */
  counted: boolean;
  /** True while the interpreter run for this revision is under way. */
  checking: boolean;
  /** Why the interpreter run failed (the quick result stays). */
  error?: string;
}

/** Sample id → latest checks. In memory only: re-deriving is cheaper than keeping it in sync on disk. */
export type ChecksCache = Record<string, CheckEntry>;
