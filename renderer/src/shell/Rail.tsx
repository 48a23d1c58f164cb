import { Tooltip } from 'radix-ui';
import { commands, isCommandId } from '../../../shared/shell/commands';
import { features } from '../features/registry';
import { Kbd } from '../ui/Kbd';
import { RailIcon } from './icons';
import { goTo, useActivePanel } from './navigation';

/** The narrow tool rail: one named button per panel, Settings at the bottom; the tooltip shows its shortcut. */
export function Rail() {
  const active = useActivePanel();
  const tools = features.filter((feature) => feature.id !== 'settings');
  const settings = features.find((feature) => feature.id === 'settings');
  const item = (feature: (typeof features)[number]) => {
    const command = `go.${feature.id}`;
    const accelerator = isCommandId(command) ? commands[command].accelerator : undefined;
    return (
      <Tooltip.Root key={feature.id}>
        <Tooltip.Trigger asChild>
          <button
            type="button"
            className="rail-item"
            aria-label={feature.label}
            aria-current={feature.id === active ? 'page' : undefined}
            data-panel={feature.id}
            onClick={() => goTo(feature.id)}
          >
            <RailIcon id={feature.id} glyph={feature.glyph} />
          </button>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content side="right" sideOffset={6} className="tooltip">
            {feature.label} {accelerator && <Kbd accelerator={accelerator} />}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    );
  };
  return (
    <Tooltip.Provider delayDuration={400}>
      <nav className="rail" aria-label="Tools">
        {tools.map(item)}
        <span className="rail-spacer" />
        {settings && item(settings)}
      </nav>
    </Tooltip.Provider>
  );
}
