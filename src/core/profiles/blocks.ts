/**
 * Code and output blocks under a profile: what a block holds (the code, the result) and the
 * exact text a profile writes for a new one. `canonical` says whether the block's text is the
 * one the profile would write for that content, i.e. whether re-rendering gives the same bytes.
 */
import type { Segment } from '../trace/types';
import { codeBody } from '../trace/segment';
import { closeCodeBlock } from '../trace/cellText';
import type { TraceProfile } from './types';
import { pyJsonDumps } from './pyjson';

export interface CodeContent {
  code: string;
  /** rStar2's stdin argument; null for profiles without one. */
  input: string | null;
  /** The tool a JSON tool call names (chat traces keep their own tool's name); null for other profiles. */
  tool: string | null;
  canonical: boolean;
}

export interface OutputContent {
  result: string;
  canonical: boolean;
}

/** The text between an opening and a closing tag (to the end when unclosed). */
function between(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  const from = start < 0 ? 0 : start + open.length;
  const end = text.indexOf(close, from);
  return text.slice(from, end < 0 ? text.length : end);
}

/** The code inside a ```python fence within a tag (ReTool), else the tag's inner text. */
function fencedInner(inner: string): string {
  const m = /```(?:python|py)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/.exec(inner);
  return m ? m[1] : inner.replace(/^\n/, '').replace(/\n$/, '');
}

type Call = { code: string; input: string | null; tool: string | null };

function toolCallArguments(inner: string): Call | null {
  try {
    const call = JSON.parse(inner.trim()) as { name?: unknown; arguments?: unknown };
    let args = call?.arguments;
    if (typeof args === 'string') args = JSON.parse(args);
    if (args === null || typeof args !== 'object') return null;
    const { code, input } = args as { code?: unknown; input?: unknown };
    if (typeof code !== 'string') return null;
    return { code, input: typeof input === 'string' ? input : null, tool: typeof call.name === 'string' ? call.name : null };
  } catch {
    return null;
  }
}

/** The call a code segment makes, or null when its code cannot be read (a malformed tool call). */
export function codeContent(segment: Segment, profile: TraceProfile): CodeContent | null {
  const { syntax, code: format } = profile;
  let found: Call | null;
  if (syntax.kind === 'fenced') found = { code: codeBody(segment), input: null, tool: null };
  else if (syntax.kind === 'inline-fence') {
    const m = /^```(?:py|python)?\n([\s\S]*?)(?:\n```)?$/.exec(segment.text);
    found = { code: m ? m[1] : segment.text, input: null, tool: null };
  } else {
    const inner = between(segment.text, syntax.code.open, syntax.code.close);
    found = format.kind === 'tool-call' ? toolCallArguments(inner) : { code: fencedInner(inner), input: null, tool: null };
  }
  if (!found) return null;
  const canonical = segment.closed !== false && renderCode(found.code, profile, found.input, found.tool) === segment.text;
  return { ...found, canonical };
}

/** The result an output segment shows. */
export function outputContent(segment: Segment, profile: TraceProfile): OutputContent {
  const { syntax, output } = profile;
  let result: string;
  if (syntax.kind === 'fenced') result = codeBody(segment);
  else if (syntax.kind === 'inline-fence') {
    const body = segment.text.startsWith(syntax.outputStart) ? segment.text.slice(syntax.outputStart.length) : segment.text;
    result = body.endsWith('\n') ? body.slice(0, -1) : body;
  } else {
    result = between(segment.text, syntax.output.open, syntax.output.close).replace(/^\n/, '').replace(/\n$/, '');
  }
  const canonical = segment.closed !== false && output.before + result + output.after === segment.text;
  return { result, canonical };
}

/** The text the profile writes for a code call; `tool` overrides the profile's tool name in a JSON call. */
export function renderCode(code: string, profile: TraceProfile, input: string | null = null, tool: string | null = null): string {
  const format = profile.code;
  if (format.kind === 'template') return format.before + code + format.after;
  const args: Record<string, string> = { code };
  if (format.arguments === 'code+input') args.input = input ?? '';
  return format.before + pyJsonDumps({ name: tool ?? format.tool, arguments: args }) + format.after;
}

/** The text the profile writes for an interpreter result. */
export function renderOutput(result: string, profile: TraceProfile): string {
  return profile.output.before + result + profile.output.after;
}

/** The code-block opener a Hint-1 leaves for the continuation to fill. */
export function codeOpener(profile: TraceProfile): string {
  const format = profile.code;
  return format.kind === 'template' ? format.before : format.before + '{"name": "' + format.tool + '", "arguments": {"code": "';
}

/**
 * An unclosed code block closed, as running it makes it a finished call: CoRT's fences get
 * their closing line; other profiles' blocks are written in the profile's own form. A block
 * whose code cannot be read (a tool call cut mid-JSON) stays as it is.
 */
export function closedCodeSegment(segment: Segment, profile: TraceProfile): Segment {
  if (segment.closed !== false) return segment;
  if (profile.syntax.kind === 'fenced') return closeCodeBlock(segment);
  const content = codeContent(segment, profile);
  return content ? { ...segment, text: renderCode(content.code, profile, content.input, content.tool), closed: true } : segment;
}
