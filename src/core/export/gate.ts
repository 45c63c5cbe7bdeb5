/**
 * Which samples leave the studio, in this order of rules:
 * 1. the review (with 'approved', the default): a sample leaves only while a reviewer's
 *    approval covers exactly its current content (core/review `approvalGateReason`);
 * 2. the loss mask: a sample whose CoRT output mask does not cover exactly its interpreter
 *    outputs never leaves — no override, since such a sample trains on the wrong tokens;
 * 3. the checks: a sample whose checks fail is held back with the reasons, unless the user
 *    overrode it by id (the override is recorded in the manifest and in the record's `checks`).
 */
import { approvalGateReason } from '../review/approval';
import { problemExcerpt } from '../sample/summary';
import type { Sample } from '../sample/types';
import { lossMaskProblems } from './lossMask';
import { BUILTIN_REGISTRY, profileOfSample } from '../profiles/registry';
import type { ProfileRegistry } from '../profiles/types';
import type { ExportGate, GatedSample, HeldBackSample, HeldBackStage } from './types';

export interface GateDecision {
  exported: GatedSample[];
  heldBack: HeldBackSample[];
  /** Overrides that actually let a failing sample through (not every id the user listed). */
  overridden: string[];
}

/** How a held-back sample is named to people: its id and the start of its problem. */
export function heldBackEntry(sample: Sample, stage: HeldBackStage, reasons: string[]): HeldBackSample {
  return { sampleId: sample.id, problem: problemExcerpt(sample.problem, 80), stage, reasons };
}

export function gateSamples(
  samples: readonly Sample[],
  include: 'approved' | 'all',
  gate: ExportGate = {},
  overrides: readonly string[] = [],
  profiles: ProfileRegistry = BUILTIN_REGISTRY,
): GateDecision {
  const overrideIds = new Set(overrides);
  const decision: GateDecision = { exported: [], heldBack: [], overridden: [] };
  for (const sample of samples) {
    const unapproved = include === 'approved' ? approvalGateReason(sample) : null;
    if (unapproved) {
      decision.heldBack.push(heldBackEntry(sample, 'review', [unapproved]));
      continue;
    }
    const mask = lossMaskProblems(sample.trace, profileOfSample(sample, profiles));
    if (mask.length) {
      decision.heldBack.push(heldBackEntry(sample, 'loss-mask', mask.map((p) => `loss mask: ${p.message}`)));
      continue;
    }
    const result = gate.checks ? gate.checks(sample) : { ok: true, reasons: [] };
    if (result.ok) {
      decision.exported.push({ sample, checks: { ok: true, reasons: [...result.reasons], overridden: false } });
    } else if (overrideIds.has(sample.id)) {
      decision.exported.push({ sample, checks: { ok: false, reasons: [...result.reasons], overridden: true } });
      decision.overridden.push(sample.id);
    } else {
      decision.heldBack.push(heldBackEntry(sample, 'checks', result.reasons.length ? [...result.reasons] : ['checks failed']));
    }
  }
  return decision;
}
