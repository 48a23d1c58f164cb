import { type CommandGroup, commandIds, commands } from '../../../shared/shell/commands';
import { Dialog } from '../ui/Dialog';
import { Kbd } from '../ui/Kbd';

const groups: CommandGroup[] = ['File', 'Tools', 'View', 'Help'];

/** Every shortcut in one sheet, from the same table the menu uses. */
export function HelpSheet({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" description="Tab and Shift+Tab move between controls; Escape closes a dialog." wide>
      <div className="shortcut-groups">
        {groups.map((group) => (
          <section key={group} aria-labelledby={`shortcuts-${group}`}>
            <h3 id={`shortcuts-${group}`} className="shortcut-group-title">
              {group}
            </h3>
            <dl className="shortcuts">
              {commandIds
                .filter((id) => commands[id].group === group && commands[id].accelerator)
                .map((id) => (
                  <div key={id} className="shortcut-row">
                    <dt>{commands[id].label}</dt>
                    <dd>
                      <Kbd accelerator={commands[id].accelerator!} />
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
