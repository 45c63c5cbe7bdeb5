/** Public API of the trace core: the segment model, parse/render, steps and cut points. */
export type { Trace, Segment, SegmentKind, Origin, HintType, RawSegment } from './types';
export { parseTrace, scanSegments, scanWithSyntax, withIdentity, THINK_END } from './parse';
export { FENCED, boundaryOf, type TraceSyntax, type TaggedSyntax, type InlineFenceSyntax, type FencedSyntax, type TagBlock } from './syntax';
export { renderTrace, segmentOffsets } from './render';
export {
  codeBody,
  codeBlockText,
  outputBlockText,
  makeCodeSegment,
  makeOutputSegment,
  freshSegmentId,
  nextSegmentId,
  segmentIdMinter,
  thinkEndIndex,
  countThinkEnds,
  type SegmentInit,
} from './segment';
export { reparseTrace } from './reparse';
export { buildSteps, cutPoints, stepAt, type Step, type StepKind } from './steps';
export { sentenceBoundaries } from './sentences';
