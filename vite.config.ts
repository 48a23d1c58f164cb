import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app://mailbench (desktop) or the loopback host (browser
// mode), both at the root, with relative asset paths so either works.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
});
