import { acceleratorParts } from './keys';

/** A keyboard shortcut as the person's platform writes it (⌘⇧S on macOS, Ctrl+Shift+S elsewhere), spoken in words. */
export function Kbd({ accelerator }: { accelerator: string }) {
  const parts = acceleratorParts(accelerator);
  return (
    <span className="kbd-group">
      <span className="kbd-keys" aria-hidden="true">
        {parts.keys.map((key) => (
          <kbd key={key} className="kbd">
            {key}
          </kbd>
        ))}
      </span>
      <span className="sr-only">{parts.spoken}</span>
    </span>
  );
}
