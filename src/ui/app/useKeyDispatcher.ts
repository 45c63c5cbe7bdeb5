import { useEffect } from 'react';
import type { KeyTarget } from '../../store';
import { useStudio } from './StudioContext';

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'password', 'tel', '']);

const CONTROLS = 'button, a[href], summary, input, [role="button"], [role="option"]';

/**
 * What had the focus: a text field (Monaco included), a control reached with the keyboard
 * (Enter and Space activate it, as a Tab user expects), or nothing in particular — a button
 * that was just clicked keeps the focus, and must not swallow the next Enter meant for the studio.
 */
export function keyTarget(target: EventTarget | null, clicked: Element | null = null): KeyTarget {
  if (!(target instanceof Element)) return 'none';
  if (target.closest('.monaco-editor')) return 'text';
  const el = target as HTMLElement;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return 'text';
  if (el.tagName === 'INPUT' && TEXT_INPUTS.has((el as HTMLInputElement).type)) return 'text';
  const control = el.closest(CONTROLS);
  return control && control !== clicked ? 'control' : 'none';
}

/**
 * The studio's one key listener: every key press goes to the command registry, which picks
 * the command bound to it where the user is (the scope derived from the state). Widgets with
 * keys of their own (text fields, Monaco, a dialog's focus trap) handle them first and stop them.
 */
export function useKeyDispatcher(): void {
  const studio = useStudio();
  useEffect(() => {
    // The control the pointer last pressed: it has the focus, but not the keyboard user's.
    let clicked: Element | null = null;
    const onPointerDown = (event: PointerEvent) => {
      clicked = event.target instanceof Element ? event.target.closest(CONTROLS) : null;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.key === 'Tab') clicked = null;
      if (studio.keys.dispatch(event, keyTarget(event.target, clicked))) event.preventDefault();
    };
    window.addEventListener('pointerdown', onPointerDown, { capture: true });
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, { capture: true });
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [studio]);
}
