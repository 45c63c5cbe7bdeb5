import { useActions, useStudioState } from '../app/StudioContext';
import { CommandPalette } from './CommandPalette';
import { KeyboardHelp } from './KeyboardHelp';
import './palette.css';

/** The command palette and the keyboard help, over everything (opened by their commands). */
export function PaletteLayer() {
  const overlay = useStudioState((s) => s.overlay);
  const actions = useActions();
  const close = () => actions.closeOverlay.run('key');
  if (overlay === 'palette') return <CommandPalette onClose={close} />;
  if (overlay === 'help') return <KeyboardHelp onClose={close} />;
  return null;
}
