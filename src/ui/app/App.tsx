import { LibraryView } from '../library/LibraryView';
import { SampleView } from '../sample/SampleView';
import { DashboardView } from '../dashboard/DashboardView';
import { PasteTraceDialog } from '../import/PasteTraceDialog';
import { HintEngineeringLayer } from '../hints/HintEngineeringLayer';
import { PaletteLayer } from '../palette/PaletteLayer';
import { StatusBanners } from './StatusBanners';
import { SyncBanner } from '../sync/SyncBanner';
import { useStudioState } from './StudioContext';
import { useKeyDispatcher } from './useKeyDispatcher';
import './app.css';

export function App() {
  useKeyDispatcher();
  const ready = useStudioState((s) => s.ready);
  const view = useStudioState((s) => s.view);
  const openSample = useStudioState((s) => (s.openSampleId ? s.samples[s.openSampleId] : undefined));
  const pasteOpen = useStudioState((s) => s.pasteDialogOpen);

  return (
    <div className="app" data-testid="app" data-ready={ready}>
      <StatusBanners />
      <SyncBanner />
      {!ready ? (
        <div className="app__loading" role="status">
          Opening studio…
        </div>
      ) : view === 'sample' && openSample ? (
        <SampleView sample={openSample} />
      ) : view === 'dashboard' ? (
        <DashboardView />
      ) : (
        <LibraryView />
      )}
      {pasteOpen && <PasteTraceDialog />}
      <HintEngineeringLayer />
      <PaletteLayer />
    </div>
  );
}
