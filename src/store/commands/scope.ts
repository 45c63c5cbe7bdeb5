/**
 * Where the user is, derived from the state in one place: every command names the scope it
 * belongs to, and a key or a palette entry applies when its scope is in the current chain.
 *
 * The chain runs from the widest scope to the narrowest, e.g.
 *   ['global', 'sample', 'code', 'running']    the cursor on a code cell while a cell runs
 *   ['global', 'library']
 *   ['dialog', 'dialog:settings']               a modal owns the keyboard: nothing behind it applies
 * A key goes to the narrowest scope that binds it (Escape interrupts a running cell before it
 * leaves the sample); within one scope a higher `priority` wins, and the key test forbids two
 * commands of equal priority on one key in one scope.
 */
import type { StudioState } from '../state';
import { stepsOf } from '../sample/steps';
import type { TeamDialog } from '../team/state';

export type Scope =
  | 'global'
  | 'library'
  | 'dashboard'
  | 'sample'
  /** The step cursor is on a code cell. */
  | 'code'
  /** A cell (or Run all) of the open sample is running. */
  | 'running'
  /** A continuation is streaming into the open sample. */
  | 'generating'
  /** A prose editor or the composer is open (its text field has the keys). */
  | 'editing'
  | 'dialog'
  | `dialog:${DialogName}`;

export type DialogName =
  | 'palette'
  | 'help'
  | 'settings'
  | 'paste'
  | 'export'
  | 'continue-count'
  | 'compare'
  | 'override'
  | 'comment'
  | 'reviewer'
  | 'diff'
  | 'conflict'
  | TeamDialog;

/** Scopes in the order the help and the README list them. */
export const SCOPE_ORDER: Scope[] = ['global', 'library', 'dashboard', 'sample', 'code', 'running', 'generating', 'editing', 'dialog'];

/** The modal on top, if any (the palette and the help above everything else). */
export function openDialog(s: StudioState): DialogName | null {
  if (s.overlay) return s.overlay;
  if (s.settingsOpen) return 'settings';
  if (s.pasteDialogOpen) return 'paste';
  if (s.exportDialogOpen) return 'export';
  if (s.askingContinueCount) return 'continue-count';
  if (s.generation?.mode === 'compare') return 'compare';
  if (s.review.override) return 'override';
  if (s.review.commentDraft) return 'comment';
  if (s.review.askReviewer) return 'reviewer';
  if (s.review.diffOpen) return 'diff';
  if (s.sync.conflictOpen) return 'conflict';
  if (s.sync.team.dialog) return s.sync.team.dialog;
  return null;
}

/** A cell or Run all of this sample is executing in its interpreter. */
export function sampleRunning(s: StudioState, sampleId: string): boolean {
  const status = s.python.kernels[sampleId];
  return !!status?.running || s.python.runAll[sampleId]?.phase === 'running';
}

/** The current scope chain, widest first. */
export function scopeChain(s: StudioState): Scope[] {
  if (!s.ready) return [];
  const dialog = openDialog(s);
  if (dialog) return ['dialog', `dialog:${dialog}`];
  if (s.view === 'dashboard') return ['global', 'dashboard'];
  const sample = s.view === 'sample' && s.openSampleId ? s.samples[s.openSampleId] : undefined;
  if (!sample) return ['global', 'library'];
  const chain: Scope[] = ['global', 'sample'];
  const step = stepsOf(sample.trace)[s.cursorStep];
  if (step?.kind === 'code') chain.push('code');
  if (sampleRunning(s, sample.id)) chain.push('running');
  if (s.generation?.status === 'running') chain.push('generating');
  if (s.editingStepId !== null || s.composer !== null) chain.push('editing');
  return chain;
}

/** Whether `scope` is in the chain (a `dialog:x` scope also matches plain 'dialog'). */
export function inScope(chain: readonly Scope[], scope: Scope): boolean {
  return chain.includes(scope);
}
