/**
 * The reference fixtures (src/core/exec/fixtures), written by scripts/reference/cort_reference.py
 * with CPython — never by the studio. Tests read them through these types.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FixtureCall {
  /** Offset in `response` where the output block starts (the call point). */
  at: number;
  program: string;
  output: string;
  round: number;
}

export interface TraceFixture {
  name: string;
  prompt: string;
  /** The chat-templated prompt (DeepSeek-R1-Distill-Qwen) the response follows. */
  context: string;
  rounds: string[];
  maxRounds: number;
  timeoutSeconds: number;
  response: string;
  calls: FixtureCall[];
  replay: { start: number; replayed: boolean; reason?: string; missing?: string[] }[];
}

export interface ProgramFixture {
  text: string;
  program: string;
  blocks: { code: string; output: string; has_output: boolean; start: number; end: number }[];
}

function readJsonl<T>(file: string): T[] {
  const path = fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url));
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as T);
}

export const traceFixtures = (): TraceFixture[] => readJsonl<TraceFixture>('cort-traces.jsonl');
export const programFixtures = (): ProgramFixture[] => readJsonl<ProgramFixture>('cort-programs.jsonl');
export const traceFixture = (name: string): TraceFixture => {
  const found = traceFixtures().find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
};
