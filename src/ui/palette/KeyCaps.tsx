import { chordParts } from '../../store';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The first key a command answers to, as a button shows it (from the registry, so they never drift). */
export function KeyHint({ action }: { action: { keys?: readonly string[] } }) {
  const key = action.keys?.[0];
  return key ? <KeyCaps keys={[key]} /> : null;
}

/** Key bindings as key caps: "Mod+Shift+Z" → Ctrl + Shift + Z (⌘ on macOS), alternatives separated by "or". */
export function KeyCaps({ keys }: { keys: readonly string[] }) {
  return (
    <span className="key-caps">
      {keys.map((key, i) => (
        <span key={key} className="key-caps__binding">
          {i > 0 && <span className="key-caps__or">or</span>}
          {chordParts(key, mac).map((part, j) => (
            <kbd key={j} className="kbd">
              {part}
            </kbd>
          ))}
        </span>
      ))}
    </span>
  );
}
