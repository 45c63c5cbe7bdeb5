import type { UserInfo } from '../../core/sync';
import { ASSIGNABLE, refusedText } from '../../store/team';
import { useActions, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { CreateProjectForm, ProjectList } from './ProjectList';
import './team.css';

/** The team server's dialogs (one at a time): projects, leaving with edits waiting, assignment, a refused edit. */
export function TeamDialogs() {
  const dialog = useStudioState((s) => s.sync.team.dialog);
  switch (dialog) {
    case 'projects':
      return <ProjectsDialog />;
    case 'leave':
      return <LeaveDialog />;
    case 'assign':
      return <AssignDialog />;
    case 'refused':
      return <RefusedDialog />;
    default:
      return null;
  }
}

function Messages() {
  const error = useStudioState((s) => s.sync.team.error);
  const notice = useStudioState((s) => s.sync.team.notice);
  return (
    <>
      {error && (
        <p className="team-error" role="alert" data-testid="team-error">
          {error}
        </p>
      )}
      {notice && (
        <p className="team-notice" role="status" data-testid="team-notice">
          {notice}
        </p>
      )}
    </>
  );
}

function CloseButton() {
  const actions = useActions();
  return (
    <button className="btn" onClick={() => actions.closeTeamDialog.run('button')} data-testid="team-dialog-close">
      Close <span className="kbd">Esc</span>
    </button>
  );
}

function ProjectsDialog() {
  const actions = useActions();
  const projects = useStudioState((s) => s.sync.team.projects);
  const server = useStudioState((s) => s.sync.server);
  const busy = useStudioState((s) => s.sync.team.busy);
  const current = useStudioState((s) => s.sync.team.projectId);
  return (
    <Dialog title="Projects on this server" testId="projects-dialog" className="team-dialog" onClose={() => actions.closeTeamDialog.run('button')} actions={<CloseButton />}>
      <p className="modal__hint">Each project has its own working copy in this browser. Edits of the project you leave stay here and are sent when you open it again.</p>
      <Messages />
      {projects === null ? (
        <p className="faint">Reading the projects…</p>
      ) : (
        <ProjectList projects={projects} currentId={current} busy={busy} onChoose={(id) => void actions.chooseProject.run('button', id)} />
      )}
      {server?.role === 'admin' && <CreateProjectForm busy={busy} onCreate={(name) => actions.createProject.run('button', name)} />}
    </Dialog>
  );
}

function LeaveDialog() {
  const actions = useActions();
  const leave = useStudioState((s) => s.sync.team.leave);
  const user = useStudioState((s) => s.sync.server?.user ?? '');
  const project = useStudioState((s) => s.sync.server?.project ?? '');
  const busy = useStudioState((s) => s.sync.team.busy);
  if (!leave) return null;
  const edits = (n: number) => `${n} edit${n === 1 ? '' : 's'}`;
  const what = [leave.waiting ? `${edits(leave.waiting)} not yet on the server` : '', leave.conflicts ? `${edits(leave.conflicts)} in a conflict you have not resolved` : '']
    .filter(Boolean)
    .join(' and ');
  const signOut = leave.kind === 'sign-out';
  return (
    <Dialog
      title={signOut ? 'Sign out with edits waiting?' : `Open “${leave.name}” with edits waiting?`}
      testId="leave-dialog"
      className="team-dialog"
      onClose={() => actions.cancelLeave.run('button')}
      actions={
        <>
          <button className="btn" onClick={() => actions.cancelLeave.run('button')} data-testid="leave-cancel" autoFocus>
            {actions.cancelLeave.label} <span className="kbd">Esc</span>
          </button>
          <button className="btn btn--primary" disabled={busy} onClick={() => void actions.confirmLeave.run('button')} data-testid="leave-confirm">
            {signOut ? 'Sign out anyway' : `Open “${leave.name}” anyway`}
          </button>
        </>
      }
    >
      <p data-testid="leave-waiting">
        You have {what} in “{project}”.
      </p>
      <p className="modal__hint">
        {signOut
          ? `They stay in this browser and are sent the next time ${user} signs in here. Nobody else sees them until then.`
          : `They stay in this browser and are sent when you open “${project}” again.`}
      </p>
      <Messages />
    </Dialog>
  );
}

function UserSelect({ label, testId, value, users, busy, onChange }: { label: string; testId: string; value: string | null; users: UserInfo[]; busy: boolean; onChange: (name: string | null) => void }) {
  // Someone assigned earlier who no longer qualifies stays visible as the current choice.
  const names = users.map((u) => u.username);
  if (value && !names.includes(value)) names.push(value);
  return (
    <label className="field">
      <span>{label}</span>
      <select className="select" value={value ?? ''} disabled={busy} data-testid={testId} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">nobody</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

function AssignDialog() {
  const actions = useActions();
  const sampleId = useStudioState((s) => s.sync.team.sampleId);
  const users = useStudioState((s) => s.sync.team.users);
  const busy = useStudioState((s) => s.sync.team.busy);
  const who = useStudioState((s) => (sampleId ? s.sync.server?.assignment[sampleId] : undefined));
  const problem = useStudioState((s) => (sampleId ? (s.samples[sampleId]?.problem ?? sampleId) : ''));
  if (!sampleId) return null;
  const assign = (patch: { annotator?: string | null; reviewer?: string | null }) => void actions.assignSample.run('button', sampleId, patch);
  return (
    <Dialog title="Who works on this sample" testId="assign-dialog" className="team-dialog" onClose={() => actions.closeTeamDialog.run('button')} actions={<CloseButton />}>
      <p className="modal__hint team-dialog__problem">{problem}</p>
      <Messages />
      {users === null ? (
        <p className="faint">Reading the team…</p>
      ) : (
        <div className="team-assign">
          <UserSelect label="Annotator (writes the hints)" testId="assign-annotator" value={who?.annotator ?? null} users={users.filter((u) => ASSIGNABLE.annotator(u.role))} busy={busy} onChange={(annotator) => assign({ annotator })} />
          <UserSelect label="Reviewer (approves)" testId="assign-reviewer" value={who?.reviewer ?? null} users={users.filter((u) => ASSIGNABLE.reviewer(u.role))} busy={busy} onChange={(reviewer) => assign({ reviewer })} />
        </div>
      )}
      <p className="modal__hint">Everyone on the project sees the change in the library within a few seconds.</p>
    </Dialog>
  );
}

function RefusedDialog() {
  const actions = useActions();
  const sampleId = useStudioState((s) => s.sync.team.sampleId);
  const kept = useStudioState((s) => (sampleId ? s.sync.server?.refused[sampleId] : undefined));
  if (!sampleId || !kept) return null;
  return (
    <Dialog
      title="Your edit the server did not take"
      testId="refused-dialog"
      className="team-dialog team-dialog--wide"
      onClose={() => actions.closeTeamDialog.run('button')}
      actions={
        <>
          <button className="btn btn--ghost" onClick={() => void actions.forgetRefusedEdit.run('button', sampleId)} data-testid="refused-dialog-forget">
            {actions.forgetRefusedEdit.label}
          </button>
          <span className="topbar__spacer" />
          <CloseButton />
          <button className="btn btn--primary" onClick={() => void actions.copyRefusedEdit.run('button', sampleId)} data-testid="refused-dialog-copy">
            {actions.copyRefusedEdit.label}
          </button>
        </>
      }
    >
      <p className="modal__hint">
        The server said: {kept.reason}. The sample shows the server's copy; this is the text you wrote ({new Date(kept.at).toLocaleString()}).
      </p>
      <Messages />
      <textarea className="input team-refused__text" readOnly value={refusedText(kept.mine)} data-testid="refused-text" onFocus={(e) => e.currentTarget.select()} />
    </Dialog>
  );
}

