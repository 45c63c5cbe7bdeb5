/** Reading the open sample out of the state. */
import type { Sample } from '../../core/sample/types';
import type { StudioState } from '../state';
import { stepsOf } from './steps';

export function openSampleOf(s: Pick<StudioState, 'openSampleId' | 'samples'>): Sample | undefined {
  return s.openSampleId ? s.samples[s.openSampleId] : undefined;
}

/** The sample in view (the sample view is showing), if any. */
export function sampleInView(s: Pick<StudioState, 'view' | 'openSampleId' | 'samples'>): Sample | undefined {
  return s.view === 'sample' ? openSampleOf(s) : undefined;
}

/** The step under the cursor of the sample in view. */
export function cursorStepOf(s: StudioState) {
  const sample = sampleInView(s);
  return sample ? stepsOf(sample.trace)[s.cursorStep] : undefined;
}
