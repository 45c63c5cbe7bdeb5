import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ImportToolbar } from '../import/ImportToolbar';
import { SettingsButton } from '../settings/SettingsButton';
import { ImportReportPanel } from '../import/ImportReportPanel';
import { FileDropZone } from '../import/FileDropZone';
import { ExportButton } from '../export/ExportButton';
import { BackupToolbar } from '../backup/BackupToolbar';
import { RestoreReportPanel } from '../backup/RestoreReportPanel';
import { useServices, useStudioState } from '../app/StudioContext';
import { useTokenCounts } from '../tokens/tokenCounts';
import { LibraryFilterBar } from './LibraryFilterBar';
import { LibraryTable } from './LibraryTable';
import { useLibraryQueryStatus, useLibraryRows } from './useLibraryRows';
import { CurationNav } from '../review/CurationNav';
import { libraryItems } from '../../store/library/entries';
import './library.css';

export function LibraryView() {
  const { sort } = useStudioState(useShallow((s) => ({ sort: s.sort })));
  const services = useServices();
  // Deferred as the rows are (useLibraryRows): the filter bar's choices go over every entry.
  const entries = useDeferredValue(useStudioState((s) => s.entries));
  const samplesById = useDeferredValue(useStudioState((s) => s.samples));
  // Every sample's entry, for the filter bar's choices (traces need not be in memory).
  const samples = useMemo(() => libraryItems({ entries, samples: samplesById }).map((item) => item.entry), [entries, samplesById]);
  const counter = useTokenCounts();
  // Summaries, token counts and quick checks: the rows on screen first, the rest in idle time.
  const rows = useLibraryRows();
  const where = useLibraryQueryStatus();

  return (
    <FileDropZone>
      <header className="topbar">
        <div className="topbar__brand">
          Hint Studio<small>CoRT trace annotation</small>
        </div>
        <div className="topbar__spacer" />
        <CurationNav />
        <BackupToolbar />
        <ExportButton />
        <ImportToolbar />
        <SettingsButton />
      </header>
      <main className="library" data-testid="library">
        <ImportReportPanel />
        <RestoreReportPanel />
        <LibraryFilterBar samples={samples} shown={rows.length} where={where} />
        <LibraryTable rows={rows} counter={counter} sort={sort} onVisibleChange={services.library.setVisible} />
      </main>
    </FileDropZone>
  );
}
