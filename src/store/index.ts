/** The headless studio: create it with its dependencies, read its state, run its commands. */
export { createStudio, type Studio, type StudioCommands, type StudioServices } from './studio';
export type { StudioDeps, Clock, StudioLocation, StudioFiles, ModelClientFactory } from './deps';
export type { PythonRuntimes, RuntimeStatus } from '../core/exec/runtime';
export { systemClock } from './deps';
export { indexedDbPersistence, memoryPersistence, type StudioPersistence } from './session/persistence';
export { indexedDbLocalSettings, memoryLocalSettings, type LocalSettingsPersistence } from './settings/localSettings';
export type { NamedFile, PastedTraceInput } from './project/state';
export { stepsOf } from './sample/steps';
export { chordOf, chordParts, formatChord, normalizeChord, type KeyChord, type KeyPress } from './commands/keys';
export { scopeChain, openDialog, type Scope } from './commands/scope';
export type { Command, CommandSpec, CallSource, Capture, CommandGroup } from './commands/types';
export type { ListedCommand, HelpSection, KeyTarget } from './commands/registry';
export * from './state';
