import { useState } from 'react';
import type { ProjectInfo, SessionInfo } from '../../core/sync';
import type { ServerApi } from '../../store/sync/api';
import { CreateProjectForm, ProjectList } from './ProjectList';
import '../login/login.css';
import './team.css';
import { errorText } from '../../core/util';

/**
 * After sign-in, before the studio: the user chooses which of the server's projects to work on
 * (asked when there are several and none was chosen in this browser, or the chosen one is
 * gone). Like the sign-in page it comes before the studio exists, so it talks to the API it is
 * handed and says what the server answered; inside the studio the picker is a command.
 */
export function ProjectPickerPage({ api, session, projects: initial, onChosen, onSignedOut }: { api: ServerApi; session: SessionInfo; projects: ProjectInfo[]; onChosen: (project: ProjectInfo) => void; onSignedOut: () => void }) {
  const [projects, setProjects] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const admin = session.user.role === 'admin';

  const attempt = async <T,>(what: string, work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(`${what}: ${errorText(err)}`);
      return null;
    } finally {
      setBusy(false);
    }
  };
  const create = async (name: string) => {
    const made = await attempt(`Could not create “${name.trim()}”`, () => api.createProject(name.trim()));
    if (made) setProjects((list) => [...list, made]);
    return !!made;
  };
  const signOut = async () => {
    if ((await attempt('Could not sign out', () => api.signOut())) !== null) onSignedOut();
  };

  return (
    <main className="login">
      <section className="login__card team-picker" data-testid="project-picker">
        <h1 className="login__title">
          Choose a project <small>{session.user.username}</small>
        </h1>
        <p className="login__help">
          {projects.length ? 'This server holds several projects. Your choice is remembered in this browser; switch any time from the status line.' : admin ? 'The server has no project yet: create the first.' : 'The server has no project yet: ask an admin to create one.'}
        </p>
        <ProjectList projects={projects} currentId={null} busy={busy} onChoose={(id) => onChosen(projects.find((p) => p.id === id)!)} />
        {admin && <CreateProjectForm busy={busy} onCreate={create} />}
        {error && (
          <p className="login__error" role="alert" data-testid="project-picker-error">
            {error}
          </p>
        )}
        <button className="btn btn--ghost" disabled={busy} onClick={() => void signOut()} data-testid="picker-sign-out">
          Sign out
        </button>
      </section>
    </main>
  );
}
