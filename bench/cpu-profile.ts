/** Reading a CPU profile (CDP Profiler.stop) for the developer tools of bench/ (not figures). */

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
export interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }

/**
 * The profile's longest busy stretches (samples without idle between them: about one task
 * each, or tasks back to back), each with the functions inside it (inclusive), longest first.
 * Stretches, not the Long Tasks API's entries: the profile's clock is not the page's.
 */
export function stretches(profile: Profile, count = 4, n = 18): string[] {
  const idle = idleOf(profile);
  const found: { from: number; to: number; ms: number; at: number }[] = [];
  let from = 0;
  let ms = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    at += dt;
    if (idle(id)) {
      if (ms > 0) found.push({ from, to: i - 1, ms, at: at - ms });
      from = i + 1;
      ms = 0;
      return;
    }
    ms += dt;
  });
  const lines: string[] = [];
  for (const s of found.sort((a, b) => b.ms - a.ms).slice(0, count)) {
    lines.push(`busy ${s.ms.toFixed(0)} ms at ${s.at.toFixed(0)} ms of the profile:`);
    lines.push(...inclusive(profile, (i) => i >= s.from && i <= s.to, n));
  }
  return lines;
}

/** The profile's longest busy stretch alone (see stretches). */
export function longestStretch(profile: Profile, n = 30): string[] {
  const idle = idleOf(profile);
  let best = { from: 0, to: -1, ms: 0 };
  let from = 0;
  let ms = 0;
  profile.samples.forEach((id, i) => {
    if (idle(id)) {
      from = i + 1;
      ms = 0;
      return;
    }
    ms += (profile.timeDeltas[i] ?? 0) / 1000;
    if (ms > best.ms) best = { from, to: i, ms };
  });
  return [`longest busy stretch: ${best.ms.toFixed(0)} ms`, ...inclusive(profile, (i) => i >= best.from && i <= best.to, n)];
}

/**
 * Time per function over the samples `take` chooses (by index and by time since the profile's
 * start, ms), inclusive: a function counts once per sample however deep it recurses.
 */
export function inclusive(profile: Profile, take: (index: number, at: number) => boolean, n = 30): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const total = new Map<string, number>();
  let at = 0;
  profile.samples.forEach((sample, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    at += dt;
    if (!take(i, at)) return;
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const key = frameKey(byId.get(id)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  return ranked(total, n);
}

/** Time per function over the whole profile, self time only. */
export function selfTimes(profile: Profile, n = 25): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = frameKey(byId.get(id)!);
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return ranked(self, n);
}

function frameKey(node: ProfileNode): string {
  const f = node.callFrame;
  return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
}

function idleOf(profile: Profile): (id: number) => boolean {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  return (id) => ['(idle)', '(program)'].includes(byId.get(id)!.callFrame.functionName);
}

function ranked(times: Map<string, number>, n: number): string[] {
  return [...times].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${t.toFixed(0).padStart(7)} ms  ${k}`);
}
