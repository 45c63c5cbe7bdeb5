/**
 * Settings → Trace profiles: the built-in profiles as the data they are (read-only): how a
 * code call and its output look, where generation stops, how the code runs under this
 * project's choice, where the answer is, and how many of this project's samples follow each;
 * then the project's own profiles, which can be added, edited and deleted (SettingsProfilesCustom).
 */
import { useMemo } from 'react';
import { PROJECT_SEMANTICS, PROJECT_SEMANTICS_LABEL, type ProjectSemantics } from '../../core/exec';
import { BUILTIN_PROFILES, isBuiltinProfileId } from '../../core/profiles';
import type { TraceProfile, TraceProfileId } from '../../core/profiles/types';
import { libraryItems } from '../../store/library/entries';
import { useStudioState } from '../app/StudioContext';
import { projectProfiles } from '../../store/settings/profiles';
import { SettingsProfilesCustom } from './SettingsProfilesCustom';
import { SettingsProfileFacts } from './SettingsProfileFacts';

function ProfileRow({ profile, semantics, samples }: { profile: TraceProfile; semantics: ProjectSemantics; samples: number }) {
  return (
    <li className="settings-profile card" data-testid="settings-profile" data-profile={profile.id}>
      <div className="settings-profile__head">
        <strong>{profile.name}</strong> <code>{profile.id}</code>
        <span className="chip">built-in · read-only</span>
        <span className="chip chip--accent" data-testid="settings-profile-count">
          {samples} sample{samples === 1 ? '' : 's'} here
        </span>
      </div>
      <p className="settings-profile__description">{profile.description}</p>
      <SettingsProfileFacts profile={profile} semantics={semantics} />
    </li>
  );
}

interface Props {
  semantics: ProjectSemantics;
  onSemantics: (s: ProjectSemantics) => void;
  traceProfile: TraceProfileId | undefined;
  onTraceProfile: (p: TraceProfileId) => void;
  /** The project's own profiles (the settings draft). */
  customProfiles: readonly TraceProfile[];
  onCustomProfiles: (custom: TraceProfile[]) => void;
}

export function SettingsProfiles({ semantics, onSemantics, traceProfile, onTraceProfile, customProfiles, onCustomProfiles }: Props) {
  const registry = useMemo(() => projectProfiles({ customProfiles: [...customProfiles] }), [customProfiles]);
  const samples = useStudioState((s) => s.samples);
  const entries = useStudioState((s) => s.entries);
  // Over every sample's library entry: traces need not be in memory.
  const counts = useMemo(() => {
    const byProfile: Record<string, number> = {};
    for (const { entry } of libraryItems({ entries, samples })) byProfile[entry.profile ?? 'cort'] = (byProfile[entry.profile ?? 'cort'] ?? 0) + 1;
    return byProfile;
  }, [samples, entries]);
  return (
    <>
      <h3 className="settings__section">Execution</h3>
      <label className="field">
        <span>How CoRT-syntax traces run in this project (cells, Run all, continuations, checks, export); other profiles run as their harness does</span>
        <select className="input" value={semantics} onChange={(e) => onSemantics(e.target.value as ProjectSemantics)} data-testid="setting-semantics">
          {PROJECT_SEMANTICS.map((p) => (
            <option key={p} value={p}>
              {PROJECT_SEMANTICS_LABEL[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>This project&apos;s trace profile: problems imported without a trace are written in it (Continue, hints, checks); traces keep the profile detected on import</span>
        <select className="input" value={traceProfile ?? 'cort'} onChange={(e) => onTraceProfile(e.target.value as TraceProfileId)} data-testid="setting-trace-profile">
          {registry.filter((p) => p.id !== 'chat').map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id})
            </option>
          ))}
        </select>
      </label>
      <details className="settings-profiles" data-testid="settings-profiles">
        <summary>
          Trace profiles ({BUILTIN_PROFILES.length} built in, {customProfiles.length} of this project; each sample&apos;s is detected on import and kept with it)
        </summary>
        <ul className="stack-list">
          {BUILTIN_PROFILES.map((p) => (
            <ProfileRow key={p.id} profile={p} semantics={semantics} samples={counts[p.id] ?? 0} />
          ))}
        </ul>
        <SettingsProfilesCustom
          custom={customProfiles}
          registry={registry}
          counts={counts}
          semantics={semantics}
          onChange={(next) => {
            onCustomProfiles(next);
            // The project's profile deleted or renamed: back to CoRT rather than an id nothing knows.
            if (traceProfile !== undefined && !isBuiltinProfileId(traceProfile) && !next.some((p) => p.id === traceProfile)) onTraceProfile('cort');
          }}
        />
      </details>
    </>
  );
}
