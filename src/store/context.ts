/**
 * What every feature's commands are built with: the state, the studio's dependencies, the
 * save queue, the undo stacks and the studio's services (plumbing shared between features).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Call, CallSource, Capture } from './commands/types';
import type { Clock, StudioDeps } from './deps';
import type { SaveQueue } from './session/saveQueue';
import type { SampleHistory } from './session/undo';
import type { SampleLoader } from './sample/loading';
import type { LocalSettingsPersistence } from './settings/localSettings';
import type { StudioState } from './state';

export interface StudioContext {
  store: StoreApi<StudioState>;
  get: () => StudioState;
  set: (patch: Partial<StudioState>) => void;
  deps: StudioDeps;
  clock: Clock;
  local: LocalSettingsPersistence;
  saves: SaveQueue;
  history: SampleHistory;
  /** Samples read from storage when they are opened or whole-project work needs them. */
  loader: SampleLoader;
  /** A call outside any command (a service writing a sample): its writes follow `capture`. */
  call(capture: Capture, source?: CallSource): Call;
}
