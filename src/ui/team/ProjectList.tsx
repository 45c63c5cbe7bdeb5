import { useState, type FormEvent } from 'react';
import type { ProjectInfo } from '../../core/sync';
import './team.css';

/** The server's projects to choose from; the one open now is marked. */
export function ProjectList({ projects, currentId, busy, onChoose }: { projects: ProjectInfo[]; currentId: number | null; busy: boolean; onChoose: (id: number) => void }) {
  if (projects.length === 0) return <p className="faint">The server has no project yet.</p>;
  return (
    <ul className="team-projects" data-testid="project-list">
      {projects.map((p) => (
        <li key={p.id}>
          <button
            className={`team-projects__item${p.id === currentId ? ' team-projects__item--current' : ''}`}
            disabled={busy}
            aria-current={p.id === currentId ? 'true' : undefined}
            onClick={() => onChoose(p.id)}
            data-testid="project-choice"
            data-project-name={p.name}
          >
            <span className="team-projects__name">{p.name}</span>
            <span className="faint">
              {p.sampleCount.toLocaleString('en-US')} sample{p.sampleCount === 1 ? '' : 's'}
              {p.requireIndependentApproval ? ' · independent approval' : ''}
              {p.id === currentId ? ' · open now' : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** An admin's new project: a name; the server checks it and says why not. */
export function CreateProjectForm({ busy, onCreate }: { busy: boolean; onCreate: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onCreate(name)) setName('');
  };
  return (
    <form className="team-create" onSubmit={(e) => void submit(e)} data-testid="project-create">
      <input className="input" placeholder="New project name" aria-label="New project name" value={name} onChange={(e) => setName(e.target.value)} data-testid="project-create-name" required />
      <button className="btn" type="submit" disabled={busy || !name.trim()} data-testid="project-create-submit">
        Create project
      </button>
    </form>
  );
}
