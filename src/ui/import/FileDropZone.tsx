import { useRef, useState, type ReactNode } from 'react';
import { useActions } from '../app/StudioContext';

/** Accepts files dropped anywhere on its area, with a full-area hint while dragging. */
export function FileDropZone({ children }: { children: ReactNode }) {
  const actions = useActions();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child element; a counter tells when the pointer really left.
  const depth = useRef(0);
  const hasFiles = (e: React.DragEvent) => e.dataTransfer.types.includes('Files');

  return (
    <div
      className="drop-zone"
      data-testid="drop-zone"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={async (e) => {
        e.preventDefault();
        depth.current = 0;
        setDragging(false);
        if (e.dataTransfer.files.length) await actions.importFiles.run('button', [...e.dataTransfer.files]);
      }}
    >
      {children}
      {dragging && (
        <div className="drop-zone__overlay" data-testid="drop-overlay">
          <div className="drop-zone__hint">Drop JSONL, JSON or parquet files to import</div>
        </div>
      )}
    </div>
  );
}
