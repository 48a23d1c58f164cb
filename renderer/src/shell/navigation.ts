import { features } from '../features/registry';
import { createStore, useStore } from '../state/store';

/**
 * Which tool is on screen, which were opened (kept mounted so their work survives a
 * switch), and when the person last chose one (`at`, also when it was already active).
 */
export const navigationStore = createStore<{ active: string; visited: readonly string[]; at: number }>({
  active: features[0]?.id ?? 'settings',
  visited: [features[0]?.id ?? 'settings'],
  at: 0,
});

/** Shows a tool if the app has it; returns false when it does not (a build without that panel). */
export function goTo(id: string): boolean {
  if (!features.some((feature) => feature.id === id)) return false;
  navigationStore.set((state) => ({ active: id, visited: state.visited.includes(id) ? state.visited : [...state.visited, id], at: state.at + 1 }));
  return true;
}

export const useActivePanel = (): string => useStore(navigationStore, (state) => state.active);
