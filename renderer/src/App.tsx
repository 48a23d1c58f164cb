import { Suspense, useEffect, useRef } from 'react';
import { loadMonaco } from './editor/load';
import { editorHasPreloaded } from './editor/started';
import { useLiveLint } from './features/lint/live-lint';
import { features } from './features/registry';
import { registerShellCommands, overlayStore } from './shell/command-handlers';
import { HelpSheet } from './shell/HelpSheet';
import { useFileDrop, usePreferences, useShellEvents, useShortcuts } from './shell/hooks';
import { navigationStore, useActivePanel } from './shell/navigation';
import { NoticeBar } from './shell/NoticeBar';
import { PanelBoundary } from './shell/PanelBoundary';
import { Rail } from './shell/Rail';
import { StatusBar } from './shell/StatusBar';
import { Welcome } from './shell/Welcome';
import { useStore } from './state/store';
import './shell/shell.css';

/** Fetches and runs the Editor's chunks ahead of time; the panel's own lazy import then finds them loaded. */
function preloadEditor(): void {
  void Promise.allSettled([loadMonaco(), import('./features/editor/EditorPanel')]).then(editorHasPreloaded);
}

export function App() {
  const [prefs, updatePrefs] = usePreferences();
  const active = useActivePanel();
  const visited = useStore(navigationStore, (state) => state.visited);
  const overlays = useStore(overlayStore, (state) => state);
  const dragging = useFileDrop();
  const main = useRef<HTMLElement>(null);
  useShellEvents();
  // The open document is linted from the start, so markers and the status bar follow typing in every tool.
  useLiveLint();
  useShortcuts();
  useEffect(registerShellCommands, []);
  const navigatedAt = useStore(navigationStore, (state) => state.at);
  const closeWelcome = () => {
    overlayStore.set({ welcome: false });
    if (prefs && !prefs.welcomed) updatePrefs({ welcomed: true });
  };
  // Choosing a tool (rail, shortcut, an opened file) leaves the welcome screen and moves
  // focus into the tool, so keyboard and screen-reader users land in it.
  useEffect(() => {
    if (navigatedAt === 0) return;
    closeWelcome();
    main.current?.focus();
  }, [navigatedAt]);

  const welcome = prefs !== undefined && (!prefs.welcomed || overlays.welcome);
  // While the welcome screen is read, Monaco and the Editor panel load behind it (after its
  // first frame, so it paints first), and the starter then opens in an editor that is ready.
  useEffect(() => {
    if (!welcome) return;
    const frame = requestAnimationFrame(() => setTimeout(preloadEditor));
    return () => cancelAnimationFrame(frame);
  }, [welcome]);

  if (!prefs) return <p role="status" className="boot">Starting Mailbench…</p>;

  return (
    <div className="app" data-dragging={dragging || undefined}>
      <Rail />
      <main className="workspace" ref={main} tabIndex={-1} aria-label={features.find((feature) => feature.id === active)?.label ?? 'Mailbench'}>
        {welcome ? (
          <Welcome onDone={closeWelcome} />
        ) : (
          features
            .filter((feature) => visited.includes(feature.id))
            .map((feature) => (
              <div key={feature.id} className="panel-host" hidden={feature.id !== active} data-panel-host={feature.id}>
                <PanelBoundary label={feature.label}>
                  <Suspense fallback={<p role="status">Loading {feature.label}…</p>}>
                    <feature.Panel />
                  </Suspense>
                </PanelBoundary>
              </div>
            ))
        )}
      </main>
      <StatusBar />
      <NoticeBar />
      <HelpSheet open={overlays.help} onOpenChange={(open) => overlayStore.set({ help: open })} />
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          Drop a .mjml, .html, .eml or .zone file to open it
        </div>
      )}
    </div>
  );
}
