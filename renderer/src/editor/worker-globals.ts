// mjml-browser's bundled Buffer finds the global object via `new Function('return this')`
// (refused by the app's CSP, which has no 'unsafe-eval') and then `window`; a worker has
// neither, so it gets `self` under the name it looks for. Imported first by the worker.
(self as unknown as { window: typeof globalThis }).window = self;
