/**
 * What runs inside the renderer's long tasks, from a Chrome trace (developer tool, not a figure):
 * a task with no JS stack in a CPU profile (a structured clone, an IndexedDB commit, a GC, a
 * layout) shows here by its trace event names. Used by bench/profile-import.ts (TRACE=1).
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** Trace categories that name what a main-thread task did. */
export const TIMELINE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'IndexedDB', 'ipc', 'toplevel', 'disabled-by-default-v8.gc'];

/**
 * The renderer main thread's tasks longer than `minMs`, each with the events inside it summed
 * by name (inclusive; nested events of one name counted once), longest first.
 */
export function longTasksFromTrace(json: string, minMs = 50, n = 20): string[] {
  const parsed = JSON.parse(json) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return ['no renderer main thread in the trace'];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const tasks = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur! / 1000 >= minMs);
  const lines: string[] = [];
  for (const task of tasks.sort((a, b) => b.dur! - a.dur!).slice(0, 5)) {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
    const byName = new Map<string, number>();
    for (const e of inside) {
      const detail = e.args?.data ? String(e.args.data.functionName ?? e.args.data.url ?? e.args.data.type ?? '').slice(-60) : '';
      const key = detail ? `${e.name} (${detail})` : e.name;
      byName.set(key, Math.max(byName.get(key) ?? 0, 0) + e.dur! / 1000);
    }
    lines.push(`task ${(task.dur! / 1000).toFixed(0)} ms at ts ${(task.ts / 1000).toFixed(0)}:`);
    for (const [k, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, n)) lines.push(`  ${ms.toFixed(0).padStart(7)} ms  ${k}`);
  }
  return lines.length ? lines : [`no task over ${minMs} ms`];
}
