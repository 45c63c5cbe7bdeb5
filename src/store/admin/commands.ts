/** The command that opens the admin page (palette: "Manage users…"), for a studio served by `hint-studio serve`. */
import { defineCommand } from '../commands/types';
import type { AdminService } from './admin';

export function adminCommands(admin: AdminService) {
  return {
    openAdmin: defineCommand({
      id: 'openAdmin',
      label: 'Manage users…',
      group: 'Studio',
      scope: 'global',
      capture: 'none',
      perform: () => admin.open(),
    }),
  };
}
