import { Suspense, useState } from 'react';
import { features } from './features/registry';

export function App() {
  const [active, setActive] = useState(features[0]!.id);
  const current = features.find((feature) => feature.id === active) ?? features[0]!;
  return (
    <div className="app">
      <nav className="rail" aria-label="Tools">
        {features.map((feature) => (
          <button
            key={feature.id}
            type="button"
            className="rail-item"
            aria-label={feature.label}
            aria-current={feature.id === active ? 'page' : undefined}
            title={feature.label}
            onClick={() => setActive(feature.id)}
          >
            <span aria-hidden="true">{feature.glyph}</span>
          </button>
        ))}
      </nav>
      <main className="workspace">
        <Suspense fallback={<p role="status">Loading {current.label}…</p>}>
          <current.Panel />
        </Suspense>
      </main>
    </div>
  );
}
