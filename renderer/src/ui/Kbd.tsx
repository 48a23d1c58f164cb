import { acceleratorParts } from './keys';

/** A keyboard shortcut as the person's platform writes it (⌘⇧S on macOS, Ctrl+Shift+S elsewhere). */
export function Kbd({ accelerator }: { accelerator: string }) {
  const parts = acceleratorParts(accelerator);
  return (
    <span className="kbd-group" aria-label={parts.spoken}>
      {parts.keys.map((key) => (
        <kbd key={key} className="kbd" aria-hidden="true">
          {key}
        </kbd>
      ))}
    </span>
  );
}
