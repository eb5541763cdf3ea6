/** Worker thread: builds documents from corpus files (front matter, Markdown, cleaning, passages) off the main thread. */
import { parentPort } from 'node:worker_threads';
import type { CleaningConfig } from './cleaning';
import type { CorpusFile } from './corpusFiles';
import { buildDocument } from './document';

parentPort!.on('message', (msg: { file: CorpusFile; config: CleaningConfig }) => {
  try {
    parentPort!.postMessage({ value: buildDocument({ ...msg.file, bytes: Buffer.from(msg.file.bytes) }, msg.config) });
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error).message });
  }
});

// Loaded: the pool starts a file's time budget only now (loading the worker is not the file's cost).
parentPort!.postMessage({ ready: true });
