/**
 * The studio's link to a team server beyond the sync itself: who is signed in, on which
 * project, and what leaves the studio (another project, signing out). The composition root
 * builds it (`teamConnection`) and hands it to the studio as `deps.team`; the team commands
 * (team/commands.ts) are its only users.
 */
import type { TraceProfile } from '../../core/profiles/types';
import type { ProjectInfo, UserInfo } from '../../core/sync';
import type { ServerApi } from '../sync/api';
import type { ServerPersistence } from '../sync/serverSync';
import { rememberProject, type ChoiceStorage } from './projectChoice';

export interface TeamConnection {
  user: UserInfo;
  project: { id: number; name: string };
  /** The server's projects as read when the studio started (the picker reads them again). */
  projects: ProjectInfo[];
  api: Pick<ServerApi, 'projects' | 'createProject' | 'users' | 'assign'>;
  sync: Pick<ServerPersistence, 'pending' | 'sendNow' | 'noteServerSample' | 'forgetRefused' | 'profilesShared'>;
  /** Leaves this project for another: remembered for the next start, then the studio opens on that project's working copy. */
  openProject(projectId: number): void;
  /**
   * Ends the session on the server (its cookie cleared), then shows the sign-in page. The
   * browser's copy and its outbox stay: the same user's next sign-in sends what waits.
   * Rejects when the server refused or could not be reached (the session is still open).
   */
  signOut(): Promise<void>;
  /** The session ended elsewhere: the sign-in page (the browser's copy and its outbox stay). */
  signInAgain(): void;
  /** Puts text on the clipboard; false when the browser does not allow it (then the user selects it by hand). */
  copyText(text: string): Promise<boolean>;
  /** Gives the project the studio's own trace profiles (the server summarizes their samples with them). */
  shareProfiles?(profiles: readonly TraceProfile[]): Promise<void>;
}

export interface TeamConnectionOptions {
  api: ServerApi;
  user: UserInfo;
  project: { id: number; name: string };
  projects?: ProjectInfo[];
  sync: ServerPersistence;
  /** Where the project choice is remembered (localStorage). */
  choices: ChoiceStorage | null;
  /** Starts the page again on the remembered project, or on the sign-in page once signed out. */
  restart(): void;
  /** Forgets what this user's session kept in the tab (undo stacks) when they sign out. */
  forgetSession?(): void;
  clipboard?: { writeText(text: string): Promise<void> };
}

export function teamConnection(o: TeamConnectionOptions): TeamConnection {
  return {
    user: o.user,
    project: o.project,
    projects: o.projects ?? [],
    api: o.api,
    sync: o.sync,
    openProject(projectId) {
      rememberProject(o.choices, o.user.username, projectId);
      o.sync.stop();
      o.restart();
    },
    async signOut() {
      await o.api.signOut();
      o.sync.stop();
      o.forgetSession?.();
      o.restart();
    },
    signInAgain() {
      o.sync.stop();
      o.restart();
    },
    async shareProfiles(profiles) {
      await o.api.addProfiles(o.project.id, profiles);
      // Edits refused before the server knew these profiles go now.
      await o.sync.profilesShared(profiles.map((p) => p.id));
    },
    async copyText(text) {
      if (!o.clipboard) return false;
      try {
        await o.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },
  };
}
