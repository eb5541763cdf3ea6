/** Starts one of core's worker threads: from its bundle (dist/NAME.js, built by `npm install`), else from TypeScript through tsx. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { ROOT } from './paths';

/**
 * `tsSource` is the worker's .ts file beside its caller. A bundle is looked for beside the caller's
 * bundle, one folder up (dist/electron/ → dist/) and under the root.
 */
export function startCoreWorker(name: string, tsSource: string, resourceLimits: ResourceLimits): Worker {
  const bundle = [path.join(__dirname, `${name}.js`), path.join(__dirname, '..', `${name}.js`), path.join(ROOT, 'dist', `${name}.js`)].find(existsSync);
  if (bundle) return new Worker(bundle, { resourceLimits });
  // From TypeScript sources without a build (a fresh checkout's tests), the worker loads through tsx.
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(tsSource)});`, { resourceLimits, eval: true });
}
