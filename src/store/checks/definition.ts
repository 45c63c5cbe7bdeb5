/**
 * What a check result depends on besides the sample's content: the checks' own code (a
 * version bumped when a check changes what it reports), the project's execution settings and
 * profiles (projectExecution), and — for counted checks, whose efficiency rows use token
 * counts — the tokenizer. Failures kept with a sample's entry count only under the same
 * definition, so a stale verdict is never shown as current.
 */
import { hashHex } from '../../core/util';
import { projectExecution } from '../settings/execution';
import type { StudioSettings } from '../settings/state';

/**
 * Bump when a check's rules change: every stored failure list is then stale. 2: a result whose
 * answer verdict was pending with nothing failing is no longer kept (it was kept as passing).
 */
export const CHECKS_VERSION = 2;

const memo = new WeakMap<object, Map<string, string>>();
const NO_SETTINGS = {};

/** The definition the checks ran under: with the counter's id when token counts took part, else uncounted. */
export function checksDefinition(settings: StudioSettings | undefined, tokenizerId: string | null): string {
  const key = settings ?? NO_SETTINGS;
  let byTokenizer = memo.get(key);
  if (!byTokenizer) memo.set(key, (byTokenizer = new Map()));
  const counter = tokenizerId ?? 'uncounted';
  let definition = byTokenizer.get(counter);
  if (definition === undefined) {
    const { semantics, template, profiles } = projectExecution(settings);
    definition = hashHex(JSON.stringify([CHECKS_VERSION, semantics, template ?? null, profiles, counter]));
    byTokenizer.set(counter, definition);
  }
  return definition;
}
