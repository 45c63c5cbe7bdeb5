/**
 * The command palette and the keyboard help (overlays over everything, opened from anywhere),
 * and Escape in any dialog: it closes the dialog on top, the way that dialog closes.
 */
import { openDialog } from '../commands/scope';
import { defineCommand, type Command } from '../commands/types';
import type { StudioContext } from '../context';

export function appCommands(ctx: StudioContext, commands: () => Record<string, Command>) {
  const { get, set } = ctx;
  const review = (patch: Partial<ReturnType<typeof get>['review']>) => set({ review: { ...get().review, ...patch } });
  return {
    openPalette: defineCommand({
      id: 'openPalette',
      label: 'Command palette',
      group: 'Studio',
      scope: 'global',
      keys: ['Mod+k', 'Mod+Shift+P'],
      // As in editors: also from a text field.
      fields: true,
      palette: false,
      capture: 'none',
      perform: () => set({ overlay: 'palette' }),
    }),
    openHelp: defineCommand({
      id: 'openHelp',
      label: 'Keyboard shortcuts',
      group: 'Studio',
      scope: 'global',
      keys: ['?'],
      capture: 'none',
      perform: () => set({ overlay: 'help' }),
    }),
    closeOverlay: defineCommand({
      id: 'closeOverlay',
      label: 'Close',
      group: 'Studio',
      scope: 'dialog',
      palette: false,
      capture: 'none',
      perform: () => set({ overlay: null }),
    }),
    closeDialog: defineCommand({
      id: 'closeDialog',
      label: 'Close the dialog',
      group: 'Studio',
      scope: 'dialog',
      keys: ['Escape'],
      // Escape in a dialog's text field closes the dialog too.
      fields: true,
      palette: false,
      capture: 'none',
      perform: () => {
        switch (openDialog(get())) {
          case 'palette':
          case 'help':
            return set({ overlay: null });
          case 'settings':
            return set({ settingsOpen: false });
          case 'paste':
            return set({ pasteDialogOpen: false });
          case 'export':
            return set({ exportDialogOpen: false });
          case 'continue-count':
            return set({ askingContinueCount: false });
          case 'compare':
            // A running comparison stops; a finished one waits for the choice (or "keep none").
            if (get().generation?.status === 'running') void commands().cancelGeneration!.perform();
            return;
          case 'override':
            return review({ override: null });
          case 'comment':
            return review({ commentDraft: null });
          case 'reviewer':
            return review({ askReviewer: null });
          case 'diff':
            return review({ diffOpen: false });
          case 'conflict':
            return set({ sync: { ...get().sync, conflictOpen: null, mergeDraft: null } });
          case 'projects':
          case 'leave':
          case 'assign':
          case 'refused':
            return void commands().closeTeamDialog!.perform();
          default:
            return;
        }
      },
    }),
  };
}
