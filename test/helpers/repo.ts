/** Where the repository is, defined once for tests, the accuracy suite and the benchmarks. */
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
/** The corpus that ships with the repo (tests copy it; none writes it in place). */
export const SHIPPED_CORPUS = path.join(REPO, 'corpus');
