import { openService } from '../app/service/openService';
(async () => {
  const t = performance.now();
  const service = await openService(process.argv[2]);
  const t1 = performance.now();
  const res = await service.search({ query: 'people' });
  const t2 = performance.now();
  await service.search({ query: 'linux' });
  const t3 = performance.now();
  console.log({ open: t1 - t, first: t2 - t1, second: t3 - t2, hits: res.documents.length });
  process.exit(0);
})();
