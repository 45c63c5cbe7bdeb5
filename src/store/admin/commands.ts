/** The command that opens the admin page (palette: "Manage users…"), for a studio served by `hint-studio serve`. */
import { defineCommand } from '../commands/types';
import type { AdminService } from './admin';

/** `admin` is composed only for an admin signed in to a team server; elsewhere the command is not offered. */
export function adminCommands(admin: AdminService | undefined) {
  return {
    openAdmin: defineCommand({
      id: 'openAdmin',
      label: 'Manage users…',
      group: 'Studio',
      scope: 'global',
      capture: 'none',
      when: () => !!admin,
      perform: () => admin?.open(),
    }),
  };
}
