/**
 * Settings → Trace profiles → this project's own: add a copy of a profile under a new id,
 * edit its fields (the profile as JSON, the same data `hint-studio --profiles` reads), delete
 * it. Every problem names the profile and the field (the core's schema check); a profile that
 * samples still follow cannot be deleted. Changes go into the settings draft (saved with Save).
 */
import { useState } from 'react';
import { addProfileCopy, replaceProfile } from '../../core/profiles';
import type { ProfileRegistry, TraceProfile } from '../../core/profiles/types';
import type { ProjectSemantics } from '../../core/exec';
import { SettingsProfileFacts } from './SettingsProfileFacts';

interface Props {
  custom: readonly TraceProfile[];
  semantics: ProjectSemantics;
  registry: ProfileRegistry;
  counts: Record<string, number>;
  onChange: (custom: TraceProfile[]) => void;
}

const pretty = (p: TraceProfile) => JSON.stringify(p, null, 2);

function CustomProfileEditor({
  profile,
  index,
  custom,
  samples,
  semantics,
  onChange,
}: {
  profile: TraceProfile;
  index: number;
  custom: readonly TraceProfile[];
  samples: number;
  semantics: ProjectSemantics;
  onChange: (custom: TraceProfile[]) => void;
}) {
  const [text, setText] = useState(() => pretty(profile));
  const [problems, setProblems] = useState<string[]>([]);
  const apply = () => {
    const edit = replaceProfile(custom, index, text);
    setProblems(edit.problems);
    if (edit.profiles) onChange(edit.profiles);
  };
  const remove = () => onChange(custom.filter((_, i) => i !== index));
  return (
    <li className="settings-profile card" data-testid="settings-custom-profile" data-profile={profile.id}>
      <div className="settings-profile__head">
        <strong>{profile.name}</strong> <code>{profile.id}</code>
        <span className="chip chip--ok">this project&apos;s own</span>
        <span className="chip chip--accent" data-testid="settings-profile-count">
          {samples} sample{samples === 1 ? '' : 's'} here
        </span>
        <span className="settings-profile__actions">
          <button className="btn btn--small" onClick={apply} data-testid="settings-custom-apply">
            Apply edits
          </button>
          <button
            className="btn btn--small"
            onClick={remove}
            disabled={samples > 0}
            title={samples > 0 ? 'Samples follow this profile: move them to another first' : 'Delete this profile'}
            data-testid="settings-custom-delete"
          >
            Delete
          </button>
        </span>
      </div>
      <p className="settings-profile__description">{profile.description}</p>
      <SettingsProfileFacts profile={profile} semantics={semantics} />
      <label className="field">
        <span>Fields (markers, stop strings, result rule, answer…), as JSON</span>
        <textarea
          className="input settings-profile__json"
          spellCheck={false}
          rows={12}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={`Fields of ${profile.id}`}
          data-testid="settings-custom-json"
        />
      </label>
      {problems.length > 0 && (
        <ul className="modal__error" role="alert" data-testid="settings-custom-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function SettingsProfilesCustom({ custom, registry, counts, semantics, onChange }: Props) {
  const [base, setBase] = useState('cort');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const add = () => {
    const from = registry.find((p) => p.id === base);
    if (!from) return;
    const edit = addProfileCopy(custom, from, id, name);
    setProblems(edit.problems);
    if (!edit.profiles) return;
    onChange(edit.profiles);
    setId('');
    setName('');
  };
  return (
    <section className="settings-custom-profiles" data-testid="settings-custom-profiles">
      <h4>This project&apos;s own profiles</h4>
      <div className="settings-custom-profiles__add">
        <label className="field">
          <span>Copy of</span>
          <select className="input" value={base} onChange={(e) => setBase(e.target.value)} data-testid="settings-custom-base">
            {registry.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.id})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>New id</span>
          <input className="input" value={id} onChange={(e) => setId(e.target.value)} placeholder="cort-512" data-testid="settings-custom-id" />
        </label>
        <label className="field">
          <span>Name</span>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="CoRT with a 512-char cap" data-testid="settings-custom-name" />
        </label>
        <button className="btn" onClick={add} disabled={!id.trim()} data-testid="settings-custom-add">
          Add profile
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="modal__error" role="alert" data-testid="settings-custom-add-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {custom.length === 0 ? (
        <p className="settings-custom-profiles__empty">None yet: add a copy of a built-in and change what your harness does differently.</p>
      ) : (
        <ul className="stack-list">
          {custom.map((p, i) => (
            // Keyed by position and id: a renamed id gets a fresh editor with the applied text.
            <CustomProfileEditor key={`${i}:${p.id}`} profile={p} index={i} custom={custom} samples={counts[p.id] ?? 0} semantics={semantics} onChange={onChange} />
          ))}
        </ul>
      )}
    </section>
  );
}
