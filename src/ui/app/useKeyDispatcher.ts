import { useEffect } from 'react';
import type { KeyTarget } from '../../store';
import { useStudio } from './StudioContext';

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'password', 'tel', '']);

/** What had the focus: a text field (Monaco included), a control (Enter and Space are its own), or nothing. */
export function keyTarget(target: EventTarget | null): KeyTarget {
  if (!(target instanceof Element)) return 'none';
  if (target.closest('.monaco-editor')) return 'text';
  const el = target as HTMLElement;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return 'text';
  if (el.tagName === 'INPUT') return TEXT_INPUTS.has((el as HTMLInputElement).type) ? 'text' : 'control';
  return el.closest('button, a[href], summary, [role="button"], [role="option"]') ? 'control' : 'none';
}

/**
 * The studio's one key listener: every key press goes to the command registry, which picks
 * the command bound to it where the user is (the scope derived from the state). Widgets with
 * keys of their own (text fields, Monaco, a dialog's focus trap) handle them first and stop them.
 */
export function useKeyDispatcher(): void {
  const studio = useStudio();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (studio.keys.dispatch(event, keyTarget(event.target))) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [studio]);
}
