import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './dialog.css';

export interface DialogProps {
  /** Shown as the heading and used as the dialog's accessible name. */
  title: ReactNode;
  testId: string;
  /** A click on the backdrop calls it (Escape is the studio's closeDialog command). */
  onClose?: () => void;
  /** Some dialogs (a running comparison) must not vanish on a stray click beside them. */
  closeOnBackdrop?: boolean;
  /** Size/layout modifiers next to `modal`, e.g. "modal--small" or "export-dialog". */
  className?: string;
  /** Chips, figures or a close button on the title's line. */
  headerExtras?: ReactNode;
  /** The buttons at the foot (Cancel, Save…). */
  actions?: ReactNode;
  /** The dialog's own widget keys (a list's arrows); commands are in the studio's registry. */
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  children?: ReactNode;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * The studio's one modal dialog: backdrop, titled panel, focus kept inside while open and
 * given back to where it was when it closes. Its keys go to the studio's key dispatcher like
 * any other: while a dialog is open the scope is the dialog's, so nothing behind it applies
 * (Escape closes it, the closeDialog command).
 */
export function Dialog({ title, testId, onClose, closeOnBackdrop = true, className, headerExtras, actions, onKeyDown, children }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  // Read while rendering, before any autoFocus field inside takes the focus.
  const [opener] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)));

  useEffect(() => {
    const node = panel.current;
    // A field with autoFocus already has the focus; otherwise the panel takes it, so keys land here.
    if (node && !node.contains(document.activeElement)) node.focus();
    return () => {
      // Only when the focus went down with the dialog: an action may have moved it on purpose.
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [opener]);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Tab') keepFocusInside(event);
    onKeyDown?.(event);
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => closeOnBackdrop && e.target === e.currentTarget && onClose?.()}>
      <div
        ref={panel}
        className={className ? `modal ${className}` : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={handleKeyDown}
      >
        <header className="modal__head">
          <h2 id={titleId} className="modal__title">
            {title}
          </h2>
          {headerExtras}
        </header>
        {children}
        {actions && <div className="modal__actions">{actions}</div>}
      </div>
    </div>
  );
}

/** Tab from the last control wraps to the first, Shift+Tab from the first to the last. */
function keepFocusInside(event: KeyboardEvent<HTMLDivElement>): void {
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  if (controls.length === 0) {
    event.preventDefault();
    return;
  }
  const first = controls[0];
  const last = controls[controls.length - 1];
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
