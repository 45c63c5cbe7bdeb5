/**
 * Text the studio writes into a trace (hints, the annotator's prose and code) takes the
 * trace's own line-ending convention, so a CRLF trace does not become a mix of CRLF and LF
 * lines. Model continuations are not converted: they are kept exactly as the model generated
 * them, since training on converted text would teach bytes the model never produced. Output blocks are the exception: the interpreter writes
 * them in CoRT's fixed format ("```output\n" + result + "\n```\n"), which is also the only
 * form CoRT's loss-mask regex matches, so they are never converted and do not vote.
 */
import type { Trace } from '../trace/types';

export type LineEnding = '\n' | '\r\n';

/** The convention of a trace: CRLF when most of its line breaks (outside output blocks) are CRLF. */
export function lineEndingOf(trace: Trace): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (const seg of trace.segments) {
    if (seg.kind === 'output') continue;
    const text = seg.text;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (i > 0 && text[i - 1] === '\r') crlf++;
      else lf++;
    }
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * `text` with every line break written as `eol`. `afterCr`: the trace so far ends in "\r",
 * so a leading "\n" completes that CRLF rather than starting a new line.
 */
export function withLineEnding(text: string, eol: LineEnding, afterCr = false): string {
  const lf = text.replace(/\r\n/g, '\n');
  if (eol === '\n') return lf;
  const converted = lf.replace(/\n/g, '\r\n');
  return afterCr && lf.startsWith('\n') ? converted.slice(1) : converted;
}

/** `text` in the convention of `trace`, to be appended at its end. */
export function conformToTrace(trace: Trace, text: string): string {
  return withLineEnding(text, lineEndingOf(trace), trace.segments.at(-1)?.text.endsWith('\r') ?? false);
}
