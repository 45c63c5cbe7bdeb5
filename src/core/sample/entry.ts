/**
 * A sample's library entry: what a row, a filter, a sort, the search and the review queue need
 * of a sample without its trace. The studio stores one beside every sample (IndexedDB) and the
 * team server one in every sample's row, so a reload of either reads entries, not traces.
 */
import type { ProfileRegistry } from '../profiles/types';
import { approvalState } from '../review';
import { contentKey } from '../import/makeSample';
import { contentRevision } from './revision';
import { summarizeSample, type SampleSummary } from './summary';
import type { ReviewStatus, Sample, SampleOrigin } from './types';

export interface SampleEntry {
  id: string;
  problem: string;
  gtAnswer?: string;
  source?: string;
  status: ReviewStatus;
  origin: SampleOrigin;
  createdAt: string;
  updatedAt: string;
  /** The trace profile (absent: 'cort'). */
  profile?: string;
  /** An approved sample whose content changed since its approval (it waits in the review queue). */
  approvalChanged?: boolean;
  /**
   * The trace's facts (code blocks, answer, verdict without an interpreter), computed when the
   * entry was stored. Absent on an entry derived from a sample in memory: the library then
   * summarizes the sample itself, as it always did.
   */
  summary?: SampleSummary;
  /**
   * The content revision (core/sample/revision.ts) of the sample this entry was stored from:
   * the facts below count only while they name the same one.
   */
  revision?: string;
  /** The rendered trace's token count, with the tokenizer that counted it (`TokenCounter.id`). */
  tokens?: EntryTokens;
  /** The checks' failures, with the definition they ran under (store/checks `checksDefinition`). */
  checks?: EntryChecks;
  /**
   * What makes the sample the same training example as another (core/import contentKey: its
   * prompt and response as imported), so a paste finds its twin from the entries whatever id
   * the twin is stored under. Absent on entries stored before the field.
   */
  contentKey?: string;
}

/** A token count kept with the entry: valid for this content revision and this tokenizer only. */
export interface EntryTokens {
  revision: string;
  tokenizer: string;
  count: number;
}

/** Checks kept with the entry: valid for this content revision and this definition of the checks only. */
export interface EntryChecks {
  revision: string;
  definition: string;
  /** Ids of the failing checks (empty: none fails). */
  failing: string[];
  /**
   * 'full': the code was re-run in an interpreter (reproduction); else (absent) the quick checks
   * only. A quick result never replaces a full one of the same content and definition: another
   * browser's quick look must not erase what an interpreter found.
   */
  level?: 'full';
}

/** Facts computed for a sample after it was stored (off its trace), to keep in its entry. */
export interface EntryFacts {
  tokens?: EntryTokens;
  checks?: EntryChecks;
}

/** The entry without the trace's facts (cheap: no trace work). */
export function sampleEntry(sample: Sample): SampleEntry {
  const entry: SampleEntry = {
    id: sample.id,
    problem: sample.problem,
    status: sample.status,
    origin: sample.origin,
    createdAt: sample.createdAt,
    updatedAt: sample.updatedAt,
  };
  if (sample.gtAnswer !== undefined) entry.gtAnswer = sample.gtAnswer;
  if (sample.source !== undefined) entry.source = sample.source;
  if (sample.profile !== undefined) entry.profile = sample.profile;
  if (sample.status === 'approved' && approvalState(sample).status !== 'approved') entry.approvalChanged = true;
  return entry;
}

/**
 * The entry as stored beside the sample: with the trace's facts, so a reload needs no trace;
 * and with the token count and checks known for its content (`facts`), those of another
 * content revision left out.
 */
export function storedSampleEntry(sample: Sample, profiles?: ProfileRegistry, facts?: EntryFacts): SampleEntry {
  const revision = contentRevision(sample);
  const entry: SampleEntry = { ...sampleEntry(sample), summary: summarizeSample(sample, undefined, profiles), revision, contentKey: contentKey(sample) };
  return facts ? withEntryFacts(entry, facts) : entry;
}

/** The entry with these facts, those that describe its content (an entry without a revision takes none). */
export function withEntryFacts(entry: SampleEntry, facts: EntryFacts): SampleEntry {
  const next = { ...entry };
  if (facts.tokens && entry.revision !== undefined && facts.tokens.revision === entry.revision) next.tokens = facts.tokens;
  if (facts.checks && entry.revision !== undefined && facts.checks.revision === entry.revision && !fullerChecks(entry.checks, facts.checks)) next.checks = facts.checks;
  return next;
}

/** Whether `kept` is a full result of the content and definition a quick result `incoming` describes. */
function fullerChecks(kept: EntryChecks | undefined, incoming: EntryChecks): boolean {
  return !!kept && kept.level === 'full' && incoming.level !== 'full' && kept.revision === incoming.revision && kept.definition === incoming.definition;
}

/** The entry's token count when it was counted by `tokenizer` for the content `revision` (default: the entry's own). */
export function currentEntryTokens(entry: Pick<SampleEntry, 'revision' | 'tokens'>, tokenizer: string, revision = entry.revision): number | undefined {
  const t = entry.tokens;
  return t && revision !== undefined && t.revision === revision && t.tokenizer === tokenizer ? t.count : undefined;
}

/** The entry's failing checks when they ran under `definition` for the content `revision` (default: the entry's own). */
export function currentEntryChecks(entry: Pick<SampleEntry, 'revision' | 'checks'>, definition: string, revision = entry.revision): string[] | undefined {
  const c = entry.checks;
  return c && revision !== undefined && c.revision === revision && c.definition === definition ? c.failing : undefined;
}
