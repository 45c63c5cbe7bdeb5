/**
 * Settings → Trace profiles: the built-in profiles as the data they are (read-only): how a
 * code call and its output look, where generation stops, how the code runs under this
 * project's choice, where the answer is, and how many of this project's samples follow each.
 */
import { useMemo } from 'react';
import { PROJECT_SEMANTICS, PROJECT_SEMANTICS_LABEL, type ProjectSemantics } from '../../core/exec';
import { semanticsFor } from '../../core/exec/semantics/profile';
import { BUILTIN_PROFILES, renderCode, renderOutput } from '../../core/profiles';
import type { TraceProfile, TraceProfileId } from '../../core/profiles/types';
import { useStudioState } from '../app/StudioContext';

const SEMANTICS_TEXT: Record<string, string> = {
  cort: "CoRT's replay (the program rebuilt at every call)",
  notebook: 'a live namespace per sample',
  fresh: 'each call alone in a fresh interpreter',
  none: 'not run in the studio (the tool is someone else’s)',
};

const visible = (text: string) => JSON.stringify(text).slice(1, -1);

function ProfileRow({ profile, semantics, samples }: { profile: TraceProfile; semantics: ProjectSemantics; samples: number }) {
  const runs = semanticsFor(profile, semantics);
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
      <dl className="settings-profile__facts">
        <dt>code call</dt>
        <dd>
          <code data-testid="settings-profile-code">{visible(renderCode('print(1)', profile))}</code>
        </dd>
        <dt>output</dt>
        <dd>
          <code data-testid="settings-profile-output">{visible(renderOutput('1', profile))}</code>
        </dd>
        <dt>stop</dt>
        <dd>{profile.continuation.stop.length ? profile.continuation.stop.map((s) => <code key={s}>{visible(s)}</code>) : 'none (end of turn)'}</dd>
        <dt>runs</dt>
        <dd data-testid="settings-profile-semantics">
          {SEMANTICS_TEXT[runs] ?? runs}
          {profile.execution.semantics === 'cort' && ' — the project’s choice below'}
        </dd>
        <dt>answer</dt>
        <dd>{profile.answer.boundary ? <>after <code>{visible(profile.answer.boundary)}</code>, last \boxed</> : 'the last \\boxed'}</dd>
      </dl>
    </li>
  );
}

interface Props {
  semantics: ProjectSemantics;
  onSemantics: (s: ProjectSemantics) => void;
  traceProfile: TraceProfileId | undefined;
  onTraceProfile: (p: TraceProfileId) => void;
}

export function SettingsProfiles({ semantics, onSemantics, traceProfile, onTraceProfile }: Props) {
  const samples = useStudioState((s) => s.samples);
  const counts = useMemo(() => {
    const byProfile: Record<string, number> = {};
    for (const s of Object.values(samples)) byProfile[s.profile ?? 'cort'] = (byProfile[s.profile ?? 'cort'] ?? 0) + 1;
    return byProfile;
  }, [samples]);
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
          {BUILTIN_PROFILES.filter((p) => p.id !== 'chat').map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id})
            </option>
          ))}
        </select>
      </label>
      <details className="settings-profiles" data-testid="settings-profiles">
        <summary>
          Trace profiles ({BUILTIN_PROFILES.length} built in; each sample&apos;s is detected on import and kept with it)
        </summary>
        <ul className="stack-list">
          {BUILTIN_PROFILES.map((p) => (
            <ProfileRow key={p.id} profile={p} semantics={semantics} samples={counts[p.id] ?? 0} />
          ))}
        </ul>
      </details>
    </>
  );
}
