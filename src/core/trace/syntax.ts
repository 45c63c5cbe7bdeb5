/**
 * How a trace's text marks code, interpreter output and the answer boundary: the part of a
 * trace profile (src/core/profiles) the parser needs. Plain data, so profiles stay data.
 *
 * - 'fenced': CoRT's line fences (```python … ``` / ```output … ```), parsed by the scanner in
 *   parse.ts exactly as before; the boundary is `</think>`.
 * - 'tagged': literal open/close tags found anywhere in the text (ReTool's <code>/<interpreter>,
 *   rStar2's <tool_call>/<tool_response>, the chat profile). `lead`/`trail` are the glue the
 *   harness writes around a block (ReTool's "\n\n" around <interpreter>, rStar2's chat-template
 *   turn tokens); present glue belongs to the block, so a mask over the block covers it.
 * - 'inline-fence': SimpleTIR's code regex ```(py|python)?\n…\n``` (anywhere, not only at a line
 *   start) followed directly by "\nCode execution result: …" output.
 */

export interface TagBlock {
  open: string;
  close: string;
  /** Alternatives written right before `open` by the same writer; the first that matches is absorbed. */
  lead?: readonly string[];
  /** Alternatives written right after `close` by the same writer; the first that matches is absorbed. */
  trail?: readonly string[];
}

export interface FencedSyntax {
  kind: 'fenced';
}

export interface TaggedSyntax {
  kind: 'tagged';
  code: TagBlock;
  output: TagBlock;
  /** The token that ends the reasoning and opens the answer region, or null. */
  boundary: string | null;
}

export interface InlineFenceSyntax {
  kind: 'inline-fence';
  /** Text that starts an output block directly after a code block. */
  outputStart: string;
  boundary: string | null;
}

export type TraceSyntax = FencedSyntax | TaggedSyntax | InlineFenceSyntax;

/** CoRT's syntax: the default everywhere a syntax is optional. */
export const FENCED: FencedSyntax = { kind: 'fenced' };

/** The answer-boundary token of a syntax (`</think>` for the fenced syntax). */
export function boundaryOf(syntax: TraceSyntax): string | null {
  return syntax.kind === 'fenced' ? '</think>' : syntax.boundary;
}
