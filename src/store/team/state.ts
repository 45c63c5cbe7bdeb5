/** The team server's dialogs and lists as the UI sees them (team/commands.ts); part of the sync slice. */
import type { ProjectInfo, UserInfo } from '../../core/sync';

/** A team dialog on top of the studio. */
export type TeamDialog = 'projects' | 'leave' | 'assign' | 'refused';

/** Where the user asked to go while edits had not reached the server. */
export type LeaveTarget = { kind: 'sign-out' } | { kind: 'project'; projectId: number; name: string };

export interface TeamUi {
  dialog: TeamDialog | null;
  /** The server's projects, read when the picker opens (null: not read yet). */
  projects: ProjectInfo[] | null;
  /** The project open now (its id: a name may change on the server). */
  projectId: number | null;
  /** The team, read when the assignment dialog opens. */
  users: UserInfo[] | null;
  /** The leave confirmation: where to, and how many edits have not reached the server. */
  leave: (LeaveTarget & { waiting: number; conflicts: number }) | null;
  /** The sample whose assignment or refused edit the dialog shows. */
  sampleId: string | null;
  /** A request under way (its buttons wait). */
  busy: boolean;
  /** The last failure of a team action, in words (the server's own message). */
  error: string | null;
  /** A short confirmation (copied, assigned), shown until the next action. */
  notice: string | null;
}

export function initialTeamUi(): TeamUi {
  return { dialog: null, projects: null, projectId: null, users: null, leave: null, sampleId: null, busy: false, error: null, notice: null };
}
