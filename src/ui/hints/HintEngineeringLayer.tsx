import { useStudioState } from '../app/StudioContext';
import { CompareDialog } from '../generate/CompareDialog';
import { ContinueCountDialog } from '../generate/ContinueCountDialog';
import { SettingsDialog } from '../settings/SettingsDialog';

/** Hint-Engineering's app-wide dialogs (their commands are in the store's registry). */
export function HintEngineeringLayer() {
  const settingsOpen = useStudioState((s) => s.settingsOpen);
  const asking = useStudioState((s) => s.askingContinueCount);
  const compare = useStudioState((s) => (s.generation?.mode === 'compare' ? s.generation : null));
  const compareSample = useStudioState((s) => (compare ? s.samples[compare.sampleId] : undefined));
  return (
    <>
      {settingsOpen && <SettingsDialog />}
      {asking && <ContinueCountDialog />}
      {compare && compareSample && <CompareDialog run={compare} sample={compareSample} />}
    </>
  );
}
