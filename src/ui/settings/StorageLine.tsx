import { useStudioState } from '../app/StudioContext';

/** Whether the browser promised to keep this studio's database under storage pressure. */
export function StorageLine() {
  const persisted = useStudioState((s) => s.storagePersisted);
  if (persisted === null) return null;
  return (
    <p className="modal__hint" data-testid="storage-persisted" data-granted={persisted}>
      {persisted ? (
        <>
          <span className="chip chip--ok">persistent storage</span> The browser keeps this studio's database even when the disk runs low.
        </>
      ) : (
        <>
          <span className="chip chip--warn">best-effort storage</span> The browser did not grant persistent storage: it may clear this
          studio's database when the disk runs low. Download backups.
        </>
      )}
    </p>
  );
}
