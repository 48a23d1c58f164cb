import { createStore } from '../state/store';

/** One short message from the shell (a file that could not be opened, a saved export), read out by screen readers. */
export interface Notice {
  tone: 'info' | 'error';
  text: string;
  at: number;
}

export const noticeStore = createStore<{ notice?: Notice }>({});

export const notify = (tone: Notice['tone'], text: string): void => noticeStore.set({ notice: { tone, text, at: Date.now() } });
export const dismissNotice = (): void => noticeStore.set({ notice: undefined });
