/**
 * The command registry: binds command specs to a studio (each call gets its source and its
 * sample writer), and answers the three questions the UI asks — which command does this key
 * press run here, what does the palette offer here, and what does the help list.
 */
import type { StudioState } from '../state';
import { chordOf, normalizeChord, type KeyChord, type KeyPress } from './keys';
import { inScope, scopeChain, SCOPE_ORDER, type Scope } from './scope';
import type { Call, CallSource, Command, CommandEntry, CommandGroup, CommandSpec } from './types';

type SpecMap = Record<string, CommandSpec<any[], any>>;

export type BoundCommands<M extends SpecMap> = {
  [K in keyof M]: M[K] extends CommandSpec<infer A, infer R> ? Command<A, R> : never;
};

/** Makes the Call object for one call of a command. */
export type CallFactory = (spec: CommandSpec<any[], any>, source: CallSource) => Call;

export function bindCommands<M extends SpecMap>(specs: M, makeCall: CallFactory): BoundCommands<M> {
  const bound: Record<string, Command> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.id !== name) throw new Error(`Command "${name}" is registered under another id ("${spec.id}")`);
    const keys = spec.keys?.map(normalizeChord);
    const run = (source: CallSource, ...args: unknown[]) => spec.perform(makeCall(spec, source), ...args);
    bound[name] = { ...spec, keys, run, perform: (...args: unknown[]) => run('api', ...args) };
  }
  return bound as BoundCommands<M>;
}

/** A key binding as the registry sees it: for the dispatcher, the key test and the key table. */
export interface Binding {
  command: Command;
  chord: KeyChord;
  scope: Scope;
  priority: number;
  args: unknown[];
  label: string;
}

/** Every argument-free binding (static keys) of the registry. */
export function staticBindings(commands: Record<string, Command>): Binding[] {
  const bindings: Binding[] = [];
  for (const command of Object.values(commands)) {
    for (const chord of command.keys ?? []) {
      bindings.push({ command, chord, scope: command.scope, priority: command.priority ?? 0, args: [], label: command.label });
    }
  }
  return bindings;
}

/** The bindings in force in `state`: static keys plus those computed from the state (hint keys). */
export function liveBindings(commands: Record<string, Command>, state: StudioState): Binding[] {
  const bindings = staticBindings(commands);
  for (const command of Object.values(commands)) {
    for (const entry of safely(() => command.bindings?.(state)) ?? []) {
      for (const chord of entry.keys ?? []) {
        bindings.push({ command, chord: normalizeChord(chord), scope: command.scope, priority: command.priority ?? 0, args: entry.args, label: entry.label });
      }
    }
  }
  return bindings;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Whether a command applies in `state` (its own `when`; a throwing one does not). */
export function applies(command: Pick<Command, 'when'>, state: StudioState): boolean {
  return !command.when || safely(() => command.when!(state)) === true;
}

export interface KeyResolution {
  command: Command;
  args: unknown[];
}

/**
 * What had the focus when the key was pressed: a text field (its keys are typing, except for
 * commands marked `fields`), a control (a button or link: Enter and Space activate it), or
 * nothing in particular.
 */
export type KeyTarget = 'text' | 'control' | 'none';

/**
 * The command a key press runs in `state`: among bindings of this chord whose scope is in the
 * chain and whose command applies, the narrowest scope wins, then the highest priority.
 */
export function resolveKey(commands: Record<string, Command>, press: KeyPress, state: StudioState, target: KeyTarget = 'none'): KeyResolution | undefined {
  const chord = chordOf(press);
  if (target === 'control' && (chord === 'Enter' || chord === ' ')) return undefined;
  const chain = scopeChain(state);
  let best: Binding | undefined;
  let bestDepth = -1;
  for (const b of liveBindings(commands, state)) {
    if (b.chord !== chord || !inScope(chain, b.scope) || !applies(b.command, state)) continue;
    if (target === 'text' && !b.command.fields) continue;
    const depth = chain.indexOf(b.scope);
    if (depth > bestDepth || (depth === bestDepth && b.priority > (best?.priority ?? -Infinity))) {
      best = b;
      bestDepth = depth;
    }
  }
  return best && { command: best.command, args: best.args };
}

/** One line of the palette or the help. */
export interface ListedCommand {
  key: string;
  command: Command;
  label: string;
  args: unknown[];
  keys: KeyChord[];
  group: CommandGroup;
  scope: Scope;
}

function entriesOf(command: Command, state: StudioState, query: string): ListedCommand[] {
  const base = { command, group: command.group, scope: command.scope };
  if (typeof command.palette === 'function') {
    return (safely(() => (command.palette as (s: StudioState, q: string) => CommandEntry[])(state, query)) ?? []).map((e) => ({
      ...base,
      key: e.key,
      label: e.label,
      args: e.args,
      keys: e.keys ?? [],
    }));
  }
  const listed = command.palette ?? !command.takesArgs;
  return listed ? [{ ...base, key: command.id, label: command.label, args: [], keys: command.keys ?? [] }] : [];
}

/** What the palette offers in `state` (the state behind the palette): every command that applies. */
export function paletteEntries(commands: Record<string, Command>, state: StudioState, query = ''): ListedCommand[] {
  const chain = scopeChain(state);
  const listed: ListedCommand[] = [];
  for (const command of Object.values(commands)) {
    if (!inScope(chain, command.scope) || !applies(command, state)) continue;
    listed.push(...entriesOf(command, state, query));
  }
  return listed;
}

export interface HelpSection {
  scope: Scope;
  title: string;
  entries: ListedCommand[];
}

export const SCOPE_TITLES: Record<string, string> = {
  global: 'Everywhere',
  library: 'Library',
  dashboard: 'Dashboard',
  sample: 'Sample',
  code: 'On a code cell',
  running: 'While a cell runs',
  generating: 'While the model writes',
  editing: 'While editing text',
  dialog: 'In dialogs',
};

/**
 * Every command with a key, by scope, for the `?` help and the README: static keys as bound,
 * plus the keys computed from `state` (the hint palette's).
 */
export function helpSections(commands: Record<string, Command>, state: StudioState): HelpSection[] {
  const sections = new Map<Scope, ListedCommand[]>();
  const add = (scope: Scope, entry: ListedCommand) => sections.set(scope, [...(sections.get(scope) ?? []), entry]);
  for (const command of Object.values(commands)) {
    const base = { command, group: command.group, scope: command.scope, args: [] as unknown[] };
    if (command.keys?.length) add(command.scope, { ...base, key: command.id, label: command.label, keys: command.keys });
    for (const entry of safely(() => command.bindings?.(state)) ?? []) {
      if (entry.keys?.length) add(command.scope, { ...base, key: entry.key, label: entry.label, args: entry.args, keys: entry.keys.map(normalizeChord) });
    }
  }
  const scopeOf = (s: Scope): Scope => (s.startsWith('dialog') ? 'dialog' : s);
  const merged = new Map<Scope, ListedCommand[]>();
  for (const [scope, entries] of sections) merged.set(scopeOf(scope), [...(merged.get(scopeOf(scope)) ?? []), ...entries]);
  return SCOPE_ORDER.filter((s) => merged.has(s)).map((scope) => ({ scope, title: SCOPE_TITLES[scope] ?? scope, entries: merged.get(scope)! }));
}
