import { buildIndex } from '../app/core/indexing/buildIndex';
import { makeSearchIndex } from '../app/core/searchIndex';
import { search } from '../app/core/search';
import { documentsFrom, emailFiles } from '../bench/publicCorpora';
(async () => {
  const docs = documentsFrom(emailFiles());
  const { index } = await buildIndex(docs, { workers: 0 });
  const si = makeSearchIndex(docs, index);
  let t = performance.now(); si.typed(); console.log('typed', performance.now() - t);
  for (const q of (process.env.Q ? [process.env.Q] : ['linux', 'spam filter', '"click here"', 'unsubscr*', 'recieve~1', 'zeppelin', 'list'])) {
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) { const t = performance.now(); search(si, q, { limit: 20, passageText: false }); ms.push(performance.now() - t); }
    ms.sort((a, b) => a - b);
    console.log(q.padEnd(22), 'p50', ms[25].toFixed(2), 'p95', ms[47].toFixed(2));
  }
})();
