import { useState } from 'react';
import { commands } from '../../../shared/shell/commands';
import { client } from '../platform/index';
import { Button } from '../ui/Button';
import { Kbd } from '../ui/Kbd';
import { loadTemplate, pickFile } from './documents';
import { notify } from './notices';

/** The starter a new person edits first: the editor's newsletter (resources/starters). */
const FIRST_STARTER = 'newsletter';

async function openFirstStarter(): Promise<boolean> {
  try {
    const { starters } = await client.call('documents.starters', {});
    const starter = starters.find((candidate) => candidate.id === FIRST_STARTER) ?? starters[0];
    if (!starter) throw new Error('this installation has no starter templates');
    return loadTemplate(`${starter.id}.mjml`, starter.source);
  } catch (error) {
    notify('error', `The starter template could not be opened: ${(error as Error).message}`);
    return false;
  }
}

const tools = [
  {
    id: 'lint',
    name: 'Lint',
    text: 'Checks the email as you type: spam triggers, what Gmail, Outlook and Apple Mail support, accessibility, and size before Gmail clips it.',
  },
  {
    id: 'auth',
    name: 'Authentication',
    text: 'Checks SPF, DKIM, DMARC alignment, ARC and BIMI for your domain or a saved .eml, and says what to fix in DNS.',
  },
  {
    id: 'seeds',
    name: 'Seed tests',
    text: 'Sends the email to your own seed list and shows where it landed — inbox, spam or missing — per mailbox.',
  },
  {
    id: 'warmup',
    name: 'Warmup',
    text: 'Plans daily volumes for a new IP or domain and compares what you sent with the plan and with bounce and complaint limits.',
  },
] as const;

/** The first run: the four tools in one screen, then straight into the starter template. */
export function Welcome({ onDone }: { onDone(): void }) {
  const [opening, setOpening] = useState(false);
  const start = (open: () => void) => {
    open();
    onDone();
  };
  const openStarter = async () => {
    setOpening(true);
    if (await openFirstStarter()) onDone();
    setOpening(false);
  };
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Mailbench</h1>
      <p className="welcome-lead">Write an email in the Editor, then let four tools tell you whether it will reach the inbox. Everything runs on this computer.</p>
      <ol className="welcome-tools">
        {tools.map((tool) => (
          <li key={tool.id} className="welcome-tool">
            <h2>{tool.name}</h2>
            <p>{tool.text}</p>
            <p className="welcome-key">
              Open it with <Kbd accelerator={commands[`go.${tool.id}`].accelerator!} />
            </p>
          </li>
        ))}
      </ol>
      <div className="welcome-actions">
        <Button variant="primary" autoFocus disabled={opening} onClick={() => void openStarter()}>
          Open the starter template
        </Button>
        <Button onClick={() => start(pickFile)}>Open a file…</Button>
        <Button variant="ghost" onClick={onDone}>
          Skip
        </Button>
      </div>
      <p className="welcome-foot">
        Every shortcut is in the sheet behind <Kbd accelerator={commands['help.shortcuts'].accelerator!} />.
      </p>
    </section>
  );
}
