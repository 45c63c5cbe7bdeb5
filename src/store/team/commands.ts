/**
 * A team server's commands beyond the sync: choose another project (an admin may create one),
 * sign out, assign a sample to an annotator and a reviewer, show my queue, and get back the
 * text of an edit the server refused. Each asks `deps.team` (team/connection.ts), composed only
 * when the studio works with a server; elsewhere none is offered.
 *
 * Leaving (another project, signing out) never drops an edit: the save queue is written to the
 * browser's copy first, the outbox is sent if the server takes it, and when edits still wait
 * the user is told how many and that they stay in this browser for their next sign-in.
 */
import { can } from '../../core/sync';
import type { Role } from '../../core/sync';
import { problemExcerpt } from '../../core/sample/summary';
import { renderTrace } from '../../core/trace';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import type { StudioState } from '../state';
import type { AssignedFilter } from './assignment';
import type { LeaveTarget, TeamUi } from './state';
import { errorText } from '../../core/util';

/** Names in palette labels: one line, cut near 60 characters. */
const excerpt = (text: string) => problemExcerpt(text, 60);
const role = (s: StudioState): Role | null => s.sync.server?.role ?? null;

/** Who may be given a sample as its annotator (may edit) or its reviewer (may review). */
export const ASSIGNABLE: Record<'annotator' | 'reviewer', (role: Role) => boolean> = {
  annotator: (r) => can(r, 'edit'),
  reviewer: (r) => can(r, 'review'),
};

export function teamCommands(ctx: StudioContext) {
  const { get } = ctx;
  const team = ctx.deps.team;
  const ui = () => get().sync.team;
  const setTeam = (patch: Partial<TeamUi>) => ctx.set({ sync: { ...get().sync, team: { ...get().sync.team, ...patch } } });
  const onServer = () => !!team;

  async function loadProjects(): Promise<void> {
    if (!team) return;
    try {
      setTeam({ projects: await team.api.projects() });
    } catch (err) {
      setTeam({ error: `Could not read the projects: ${errorText(err)}` });
    }
  }

  /** Every edit written to the browser's copy and offered to the server; what has still not reached it. */
  async function pending(): Promise<{ waiting: number; conflicts: number }> {
    await ctx.saves.flush();
    await team!.sync.sendNow();
    return team!.sync.pending();
  }

  async function go(target: LeaveTarget): Promise<void> {
    if (!team) return;
    if (target.kind === 'project') return team.openProject(target.projectId);
    setTeam({ busy: true, error: null });
    try {
      await team.signOut();
    } catch (err) {
      // Said in the leave dialog when it is open, else in the studio's banner.
      setTeam({ busy: false, dialog: ui().leave ? 'leave' : null, error: `Could not sign out: ${errorText(err)}. You are still signed in; nothing was lost.` });
    }
  }

  /** Leaves now when everything is on the server; else asks first, saying what waits. */
  async function leave(target: LeaveTarget): Promise<void> {
    setTeam({ busy: true, error: null, notice: null });
    const left = await pending();
    setTeam({ busy: false });
    if (left.waiting + left.conflicts === 0) return go(target);
    setTeam({ dialog: 'leave', leave: { ...target, ...left } });
  }

  return {
    openProjects: defineCommand({
      id: 'openProjects',
      label: 'Switch project…',
      group: 'Project',
      scope: 'global',
      when: onServer,
      capture: 'none',
      perform: async () => {
        setTeam({ dialog: 'projects', projectId: team?.project.id ?? null, error: null, notice: null });
        await loadProjects();
      },
    }),
    chooseProject: defineCommand({
      id: 'chooseProject',
      label: 'Open a project',
      group: 'Project',
      scope: 'global',
      takesArgs: true,
      when: onServer,
      // The projects read at start or when the picker last opened (the picker lists them all).
      palette: (s) =>
        (s.sync.team.projects ?? team?.projects ?? [])
          .filter((p) => p.id !== team?.project.id)
          .map((p) => ({ key: `chooseProject:${p.id}`, label: `Open project “${excerpt(p.name)}”`, args: [p.id] as [number] })),
      capture: 'none',
      perform: async (_call, projectId: number) => {
        if (!team) return;
        if (projectId === team.project.id) return setTeam({ dialog: null });
        const name = ui().projects?.find((p) => p.id === projectId)?.name ?? `project ${projectId}`;
        await leave({ kind: 'project', projectId, name });
      },
    }),
    createProject: defineCommand({
      id: 'createProject',
      label: 'Create a project',
      group: 'Project',
      scope: 'dialog:projects',
      takesArgs: true,
      palette: false,
      when: (s) => onServer() && role(s) === 'admin',
      capture: 'none',
      perform: async (_call, name: string): Promise<boolean> => {
        if (!team) return false;
        setTeam({ busy: true, error: null, notice: null });
        try {
          const made = await team.api.createProject(name.trim());
          setTeam({ busy: false, projects: [...(ui().projects ?? []).filter((p) => p.id !== made.id), made], notice: `Project “${made.name}” created.` });
          return true;
        } catch (err) {
          setTeam({ busy: false, error: `Could not create “${name.trim()}”: ${errorText(err)}` });
          return false;
        }
      },
    }),
    signOut: defineCommand({
      id: 'signOut',
      label: 'Sign out',
      group: 'Studio',
      scope: 'global',
      when: onServer,
      capture: 'none',
      perform: () => leave({ kind: 'sign-out' }),
    }),
    signInAgain: defineCommand({
      id: 'signInAgain',
      label: 'Sign in again',
      group: 'Studio',
      scope: 'global',
      when: (s) => onServer() && !!s.sync.server?.signedOut,
      capture: 'none',
      perform: async () => {
        // Whatever is still in memory goes to the browser's copy first; it is sent after the sign-in.
        await ctx.saves.flush();
        team?.signInAgain();
      },
    }),
    confirmLeave: defineCommand({
      id: 'confirmLeave',
      label: 'Leave anyway (the edits stay in this browser)',
      group: 'Studio',
      scope: 'dialog:leave',
      when: (s) => !!s.sync.team.leave && !s.sync.team.busy,
      capture: 'none',
      perform: async () => {
        const target = ui().leave;
        if (target) await go(target);
      },
    }),
    cancelLeave: defineCommand({
      id: 'cancelLeave',
      label: 'Stay',
      group: 'Studio',
      scope: 'dialog:leave',
      // Escape is the studio's closeDialog, which does the same.
      palette: false,
      capture: 'none',
      perform: () => setTeam({ dialog: null, leave: null, error: null }),
    }),
    openAssignment: defineCommand({
      id: 'openAssignment',
      label: 'Assign this sample…',
      group: 'Review',
      scope: 'sample',
      keys: ['Shift+W'],
      when: (s) => onServer() && !!role(s) && can(role(s)!, 'assign') && !!s.openSampleId,
      capture: 'none',
      perform: async () => {
        const sampleId = get().openSampleId;
        if (!team || !sampleId) return;
        setTeam({ dialog: 'assign', sampleId, error: null, notice: null });
        try {
          setTeam({ users: (await team.api.users()).filter((u) => !u.disabled) });
        } catch (err) {
          setTeam({ error: `Could not read the team: ${errorText(err)}` });
        }
      },
    }),
    assignSample: defineCommand({
      id: 'assignSample',
      label: 'Assign a sample',
      group: 'Review',
      scope: 'global',
      takesArgs: true,
      palette: false,
      when: (s) => onServer() && !!role(s) && can(role(s)!, 'assign'),
      capture: 'none',
      /** `who`: a user name, null for nobody; a side left out stays as it is. */
      perform: async (_call, sampleId: string, who: { annotator?: string | null; reviewer?: string | null }): Promise<boolean> => {
        if (!team) return false;
        setTeam({ busy: true, error: null, notice: null });
        try {
          const stored = await team.api.assign(team.project.id, sampleId, who);
          team.sync.noteServerSample(stored);
          const said = [stored.annotator ? `✎ ${stored.annotator}` : '✎ nobody', stored.reviewer ? `✓ ${stored.reviewer}` : '✓ nobody'].join(' · ');
          setTeam({ busy: false, notice: `Assigned: ${said}` });
          return true;
        } catch (err) {
          setTeam({ busy: false, error: `Could not assign: ${errorText(err)}` });
          return false;
        }
      },
    }),
    showMyQueue: defineCommand({
      id: 'showMyQueue',
      label: 'Show my queue (what waits for me)',
      group: 'Library',
      scope: 'global',
      when: (s) => onServer() && !!s.sync.server,
      capture: 'none',
      perform: () => {
        const assigned: AssignedFilter = 'queue';
        ctx.set({ view: 'library', filters: { ...get().filters, assigned }, libraryCursor: null });
      },
    }),
    showRefusedEdit: defineCommand({
      id: 'showRefusedEdit',
      label: 'Show an edit the server refused',
      group: 'Sample',
      scope: 'global',
      takesArgs: true,
      palette: (s) =>
        Object.keys(s.sync.server?.refused ?? {}).map((id) => ({
          key: `showRefusedEdit:${id}`,
          label: `Show my refused edit of “${excerpt(s.samples[id]?.problem ?? id)}”`,
          args: [id] as [string],
        })),
      capture: 'none',
      perform: (_call, sampleId: string) => {
        if (get().sync.server?.refused[sampleId]) setTeam({ dialog: 'refused', sampleId, error: null, notice: null });
      },
    }),
    copyRefusedEdit: defineCommand({
      id: 'copyRefusedEdit',
      label: 'Copy the refused text',
      group: 'Sample',
      scope: 'global',
      takesArgs: true,
      palette: (s) =>
        Object.keys(s.sync.server?.refused ?? {}).map((id) => ({
          key: `copyRefusedEdit:${id}`,
          label: `Copy my refused text of “${excerpt(s.samples[id]?.problem ?? id)}”`,
          args: [id] as [string],
        })),
      capture: 'none',
      perform: async (_call, sampleId: string): Promise<boolean> => {
        const kept = get().sync.server?.refused[sampleId];
        if (!team || !kept) return false;
        const copied = await team.copyText(refusedText(kept.mine));
        setTeam(
          copied
            ? { notice: 'The refused text is on the clipboard.', error: null }
            : { dialog: 'refused', sampleId, error: 'The browser did not allow copying: select the text below and copy it.' },
        );
        return copied;
      },
    }),
    forgetRefusedEdit: defineCommand({
      id: 'forgetRefusedEdit',
      label: 'Let the refused edit go',
      group: 'Sample',
      scope: 'global',
      takesArgs: true,
      palette: false,
      capture: 'none',
      perform: async (_call, sampleId: string) => {
        if (!team) return;
        await team.sync.forgetRefused(sampleId);
        if (ui().dialog === 'refused' && ui().sampleId === sampleId) setTeam({ dialog: null, sampleId: null });
      },
    }),
    closeTeamDialog: defineCommand({
      id: 'closeTeamDialog',
      label: 'Close',
      group: 'Studio',
      scope: 'dialog',
      // Escape is the studio's closeDialog, which does the same.
      palette: false,
      capture: 'none',
      perform: () => setTeam({ dialog: null, leave: null, error: null, notice: null }),
    }),
  };
}

/** The text a refused edit is copied as: the trace as the studio writes it (what merge by hand edits). */
export function refusedText(sample: { trace: Parameters<typeof renderTrace>[0] }): string {
  return renderTrace(sample.trace);
}
