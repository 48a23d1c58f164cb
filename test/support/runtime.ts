import { createRuntime, type Runtime } from '../../electron/services/runtime';
import { tempDir } from './temp';

/** A runtime on a temp data folder, as browser mode would build it. */
export function testRuntime(): { rt: Runtime; dir: string; cleanup: () => Promise<void> } {
  const { dir, cleanup } = tempDir();
  const rt = createRuntime({ dataDir: dir, transport: 'web', logError: () => {} });
  return {
    rt,
    dir,
    cleanup: async () => {
      await rt.close();
      cleanup();
    },
  };
}
