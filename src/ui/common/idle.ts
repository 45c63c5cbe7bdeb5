/** requestIdleCallback where the browser has it (with a time-out, so a busy page still progresses), else a short timer. */
export interface IdleDeadline {
  timeRemaining(): number;
}

export const whenIdle: (run: (deadline: IdleDeadline) => void, timeoutMs?: number) => number =
  typeof requestIdleCallback === 'function'
    ? (run, timeoutMs = 500) => requestIdleCallback(run, { timeout: timeoutMs })
    : (run) => window.setTimeout(() => run({ timeRemaining: () => 8 }), 16);

export const cancelIdle = (id: number): void => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(id) : clearTimeout(id));
