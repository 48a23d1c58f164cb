import { applyEngineFlags } from '../v8-flags';
import { main } from './main';

// Before any lint (none runs while modules load): regexes compiled from here on follow the flags.
applyEngineFlags();
await main();
