import { compareOutputs } from '../../core/exec';
import type { Sample } from '../../core/sample/types';
import { codeBody, type Segment } from '../../core/trace';
import { blockKey } from '../../store/python/state';
import { useActions, useStudioState } from '../app/StudioContext';
import { OutputDiff } from './OutputDiff';
import './runall.css';

/**
 * What Run all found for one recorded output block: nothing (not checked, or the block has
 * changed since), a "reproduced" mark, or the difference with Accept / Keep.
 */
export function OutputCheck({ sample, segment }: { sample: Sample; segment: Segment }) {
  const actions = useActions();
  const state = useStudioState((s) => s.python.runAll[sample.id]);
  const block = state?.blocks.find((b) => b.outputSegmentId === segment.id && !b.skipped);
  if (!state || !block) return null;
  const key = blockKey(block);
  const decision = state.decisions[key];
  // The block was re-run or edited since Run all: that check no longer describes it.
  if (block.recorded !== codeBody(segment) && decision !== 'accepted') return null;
  if (block.matches) {
    const how = compareOutputs(block.recorded ?? '', block.reproduced);
    return (
      <div className="output-check output-check--ok" data-testid="output-check" data-verdict="reproduced">
        ✓ reproduced by Run all{how.equal && how.how === 'final-exception-line' ? ' (same exception; traceback frames differ)' : ''}
      </div>
    );
  }
  if (decision) {
    return (
      <div className="output-check" data-testid="output-check" data-verdict={decision}>
        {decision === 'accepted' ? 'Reproduced output accepted' : 'Recorded output kept although Run all reproduced something else'}
      </div>
    );
  }
  return (
    <div className="output-check output-check--differs" data-testid="output-check" data-verdict="differs">
      <div className="output-check__head" onMouseDown={(event) => event.stopPropagation()}>
        <span className="chip chip--bad">differs from Run all</span>
        <span className="output-check__legend">
          <del>recorded</del> <ins>reproduced</ins>
        </span>
        <span className="output-check__spacer" />
        <button type="button" className="btn btn--primary output-check__button" onClick={() => actions.acceptReproduced.run('button', sample.id, key)} data-testid="accept-reproduced">
          Accept reproduced
        </button>
        <button type="button" className="btn output-check__button" onClick={() => actions.keepRecorded.run('button', sample.id, key)} data-testid="keep-recorded">
          Keep recorded
        </button>
      </div>
      <OutputDiff recorded={block.recorded ?? ''} reproduced={block.reproduced} />
    </div>
  );
}
