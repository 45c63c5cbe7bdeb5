/**
 * The trace profiles a file brings with it: an export's manifest (`customProfiles`, written for
 * the profiles its records name) or a backup (`settings.customProfiles`). Read before the file's
 * records, so a re-import knows the profiles its records name.
 */
import { isProjectDocument } from '../project/projectFile';

export interface CarriedProfiles {
  /** The profiles as the file has them: validated by whoever adopts them. */
  custom: unknown;
  /** The file and field, for messages. */
  where: string;
  /** An export manifest: no samples in it, so it is not imported as data. */
  manifest: boolean;
}

/** An export's manifest.json: what core/export writes beside the data files. */
function isExportManifest(value: Record<string, unknown>): boolean {
  return typeof value.exportedAt === 'string' && value.offsetUnit === 'codepoint' && typeof value.counts === 'object' && Array.isArray(value.files);
}

/** The profiles a `.json` file carries, or null (any other file, or one that carries none). */
export function carriedProfiles(fileName: string, bytes: Uint8Array): CarriedProfiles | null {
  if (!/\.json$/i.test(fileName)) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const document = value as Record<string, unknown>;
  if (isExportManifest(document)) return { custom: document.customProfiles, where: `${fileName} customProfiles`, manifest: true };
  if (isProjectDocument(document)) {
    const settings = document.settings as { customProfiles?: unknown } | undefined;
    return settings && typeof settings === 'object' && settings.customProfiles !== undefined ? { custom: settings.customProfiles, where: `${fileName} settings.customProfiles`, manifest: false } : null;
  }
  return null;
}
