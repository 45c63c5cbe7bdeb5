/**
 * What the host-side executor (host.ts) is built from and reports: the interpreter process it
 * drives (the browser's sandboxed worker, the CLI's sandbox process) and the runtime status
 * the UI shows.
 */
import type { Executor } from '../core/exec/types';
import type { RuntimeStatus } from '../core/exec/runtime';
import type { HostMessage, InterpreterMessage, InterruptSignal } from './protocol';

/** A running interpreter as the host sees it (the browser's sandboxed worker, the CLI's sandbox process). */
export interface InterpreterProcess {
  post(message: HostMessage): void;
  /**
   * Writes `signal` (default SIGINT) into the shared interrupt buffer: SIGINT raises
   * KeyboardInterrupt at the next bytecode; SIGALRM (a 'cort' run's time limit) runs the
   * runner's alarm handler, which raises CoRT's time-out exception. Where `interruptEnds`
   * (the CLI's sandbox process has no second thread to write the buffer), it ends the
   * interpreter instead and the executor starts a new one.
   */
  interrupt(signal?: InterruptSignal): void;
  readonly interruptEnds?: boolean;
  /** Clears a pending interrupt that arrived after its cell had already finished. */
  clearInterrupt(): void;
  terminate(): void;
}

export interface InterpreterEvents {
  message(message: InterpreterMessage): void;
  /** The interpreter died (worker error, frame gone). */
  exit(reason: string): void;
  /** Something from the interpreter was dropped (forged, malformed, oversized); shown, never trusted. */
  notice?(text: string): void;
}

export type SpawnInterpreter = (events: InterpreterEvents) => InterpreterProcess;

export interface ExecutorOptions {
  /** Default per-cell limit (CoRT: 30 s). */
  timeoutMs?: number;
  /** How long an interrupt may take before the interpreter is replaced. */
  interruptGraceMs?: number;
  /** Told when a message from the interpreter is refused (it is never acted on). */
  onNotice?: (text: string) => void;
  /** How long the interpreter may take to start before it is given up (default 120 s). */
  bootTimeoutMs?: number;
}

/** An executor that also reports what the runtime is doing, for the UI. */
export interface ObservableExecutor extends Executor {
  onStatus(listener: (status: RuntimeStatus) => void): () => void;
  readonly status: RuntimeStatus;
}
