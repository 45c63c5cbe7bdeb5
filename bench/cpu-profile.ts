/** Reading a CPU profile (CDP Profiler.stop) for the developer tools of bench/ (not figures). */

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
export interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }

/**
 * The profile's longest busy stretches (samples without idle between them: about one task
 * each, or tasks back to back), each with the functions inside it (inclusive), longest first.
 * Stretches, not the Long Tasks API's entries: the profile's clock is not the page's.
 */
export function stretches(profile: Profile, count = 4, n = 18): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const idle = (id: number) => ['(idle)', '(program)'].includes(byId.get(id)!.callFrame.functionName);
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
    const total = new Map<string, number>();
    for (let i = s.from; i <= s.to; i++) {
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        if (seen.has(key)) continue;
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      }
    }
    lines.push(`busy ${s.ms.toFixed(0)} ms at ${s.at.toFixed(0)} ms of the profile:`);
    lines.push(...[...total].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${t.toFixed(0).padStart(7)} ms  ${k}`));
  }
  return lines;
}

