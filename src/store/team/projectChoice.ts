/**
 * Which of a server's projects a user works on: chosen once, remembered in this browser per
 * user (localStorage), so a reload opens the same project. A choice whose project is gone,
 * or none at all on a server with several projects, asks again.
 */
import type { ProjectInfo } from '../../core/sync';

/** The part of the Web Storage API the choice needs (localStorage in the browser). */
export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

const key = (username: string) => `hint-studio:server-project:${username}`;

export function rememberProject(storage: ChoiceStorage | null, username: string, projectId: number): void {
  try {
    storage?.setItem(key(username), String(projectId));
  } catch {
    // Storage refused (privacy modes): the picker asks again next time.
  }
}

export function rememberedProject(storage: ChoiceStorage | null, username: string): number | null {
  try {
    const value = Number(storage?.getItem(key(username)));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/** The project to open without asking: the remembered one, or the only one; null when the user must choose. */
export function projectToOpen(projects: ProjectInfo[], remembered: number | null): ProjectInfo | null {
  const chosen = projects.find((p) => p.id === remembered);
  if (chosen) return chosen;
  return projects.length === 1 ? projects[0]! : null;
}
