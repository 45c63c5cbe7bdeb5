import { memo } from 'react';
import type { Sample } from '../../core/sample/types';
import type { Segment, Step } from '../../core/trace';
import type { TokenCounts } from '../../core/tokens';
import { formatTokens, useTextTokens } from '../tokens/tokenCounts';
import { CodeStep } from './CodeStep';
import { OutputStep } from './OutputStep';
import { InsertionLine } from '../hints/InsertionLine';
import { ProseStep } from '../hints/ProseStep';
import { StepAnnotations } from '../review/StepAnnotations';
import { StepLabelBar, StepLabelMark } from './StepLabel';

const KIND_LABEL: Record<Step['kind'], string> = {
  paragraph: 'prose',
  code: 'code',
  output: 'output',
  'think-end': 'boundary',
  answer: 'answer',
};

interface Props {
  sample: Sample;
  step: Step;
  segment: Segment;
  isCursor: boolean;
  counter: TokenCounts | null;
  onSelect: (index: number) => void;
}

function StepContent({ sample, step, segment, isCursor }: Pick<Props, 'sample' | 'step' | 'segment' | 'isCursor'>) {
  switch (step.kind) {
    case 'code':
      return <CodeStep sample={sample} step={step} segment={segment} isCursor={isCursor} />;
    case 'output':
      return <OutputStep sample={sample} segment={segment} />;
    case 'think-end':
      return (
        <div className="think-end" data-testid="think-end">
          <span className="think-end__line" />
          <code className="think-end__token">&lt;/think&gt;</code>
          <span className="think-end__text">end of thinking · final answer below</span>
          <span className="think-end__line" />
        </div>
      );
    default:
      // Paragraphs and the final answer: insertion points, caret and in-place editing (src/ui/hints).
      return <ProseStep sample={sample} step={step} isCursor={isCursor} />;
  }
}

/** One step of the trace with its gutter (number, kind, tokens); clicking puts the cursor on it. */
export const StepRow = memo(function StepRow({ sample, step, segment, isCursor, counter, onSelect }: Props) {
  return (
    <div
      className={`step step--${step.kind}${isCursor ? ' step--cursor' : ''}`}
      data-testid="step"
      data-step-index={step.index}
      data-step-kind={step.kind}
      data-cursor={isCursor || undefined}
      data-label={sample.stepLabels?.[step.id]?.rating}
      aria-current={isCursor ? 'step' : undefined}
      onMouseDown={() => onSelect(step.index)}
    >
      <div className="step__gutter">
        <span className="step__number">{step.index + 1}</span>
        <span className="step__kind">{KIND_LABEL[step.kind]}</span>
        {counter && <StepTokens text={step.text} counter={counter} />}
        {segment.meta?.incomplete === true && (
          <span className="chip chip--warn" data-testid="step-incomplete" title="Generation stopped before this text was finished">
            incomplete
          </span>
        )}
        <StepLabelMark sample={sample} step={step} />
      </div>
      <div className="step__content">
        <InsertionLine sample={sample} step={step} edge="before" isCursor={isCursor} />
        <StepContent sample={sample} step={step} segment={segment} isCursor={isCursor} />
        <InsertionLine sample={sample} step={step} edge="after" isCursor={isCursor} />
        <StepAnnotations sample={sample} step={step} />
        {isCursor && <StepLabelBar sample={sample} step={step} />}
      </div>
    </div>
  );
});

/** A step's token count, counted off the page's thread ("…" until it arrives). */
function StepTokens({ text, counter }: { text: string; counter: TokenCounts }) {
  const tokens = useTextTokens(text);
  return (
    <span className="step__tokens" title={`${counter.name}: tokens of this step`}>
      {tokens === undefined ? '…' : formatTokens(tokens, counter)}
    </span>
  );
}
