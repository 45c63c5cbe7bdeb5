/**
 * A user command (Excalidraw's actions, tldraw's UI actions): one object per thing a person
 * can do, reached from its key, the command palette and its button alike, so behaviour,
 * label and keys never drift apart. Plumbing (loading settings, running checks, queries) is
 * not a command: it lives in the studio's services.
 */
import type { HistoryEventType } from '../../core/review';
import type { Sample } from '../../core/sample/types';
import type { StudioState } from '../state';
import type { KeyChord } from './keys';
import type { Scope } from './scope';

/** Where a call came from. */
export type CallSource = 'key' | 'palette' | 'button' | 'pointer' | 'api';

/** How commands are grouped in the palette, the help and the README's key table. */
export type CommandGroup = 'Studio' | 'Library' | 'Project' | 'Sample' | 'Hints' | 'Editing' | 'Python' | 'Model' | 'Review';

/**
 * What a command's sample writes do to the history (Excalidraw's captureUpdate): `none`
 * writes no sample (or must not be undone: navigation, dialogs); otherwise every write of one
 * call is one undo step named `undo`, and `event` is the kind of change the sample's review
 * history records for it (absent when the command records its own event, as reviews do).
 */
export type Capture = 'none' | { undo: string; event?: HistoryEventType };

/** The one way a command changes a sample: undo step and history event as the command declared. */
export type SampleWrite = (sampleId: string, change: (sample: Sample) => Sample, options?: { label?: string }) => boolean;

/** One call of a command: where it came from, and its sample writer. */
export interface Call {
  source: CallSource;
  /** Unique per call: the writes of one call share it, so they undo together. */
  id: string;
  write: SampleWrite;
}

/** A command with arguments offered in the palette or bound to a key of its own. */
export interface CommandEntry<Args extends unknown[] = unknown[]> {
  label: string;
  args: Args;
  keys?: KeyChord[];
  /** Stable id for the list (command id + argument). */
  key: string;
}

export interface CommandSpec<Args extends unknown[] = any[], Result = unknown> {
  id: string;
  label: string;
  group: CommandGroup;
  scope: Scope;
  /** Argument-free keys (the command runs with no arguments). */
  keys?: KeyChord[];
  /** Among commands of one scope on one key, the higher wins (default 0). */
  priority?: number;
  /** Beyond the scope: whether the command applies now (keys and palette skip it otherwise). */
  when?: (state: StudioState) => boolean;
  /**
   * The palette: `true` lists the command itself (argument-free), `false` hides it, a
   * function lists entries with arguments (one per hint, branch, sample…). Default: listed
   * when it has keys or takes no arguments (`takesArgs` false).
   */
  palette?: boolean | ((state: StudioState, query: string) => CommandEntry<Args>[]);
  /** Keys bound with arguments, from the state (the hint palette's keys). */
  bindings?: (state: StudioState) => CommandEntry<Args>[];
  /** True when `perform` needs arguments, so it is neither listed nor bound without them. */
  takesArgs?: boolean;
  /** Its keys work in a text field too (the palette's Mod+K, Enter in the library search). */
  fields?: boolean;
  capture: Capture;
  perform: (call: Call, ...args: Args) => Result;
}

/** A registered command, bound to its studio. */
export interface Command<Args extends unknown[] = any[], Result = unknown> extends Omit<CommandSpec<Args, Result>, 'perform'> {
  /** Runs the command as the program asks (`source` 'api'). */
  perform(...args: Args): Result;
  /** Runs the command, saying where the call came from. */
  run(source: CallSource, ...args: Args): Result;
}

/** Keeps each command's argument and result types. */
export function defineCommand<Args extends unknown[], Result>(spec: CommandSpec<Args, Result>): CommandSpec<Args, Result> {
  return spec;
}
