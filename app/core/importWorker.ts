/** Worker thread: extracts an imported file's text and metadata (HTML, PDF, DOCX parsers run on untrusted bytes) off the main thread. */
import { parentPort } from 'node:worker_threads';
import { errorCodeOf } from '../common/errors';
import { extractFile, type ExtractLimits } from './import/extract';

parentPort!.on('message', (msg: { filename: string; bytes: Uint8Array; limits?: ExtractLimits }) => {
  extractFile(msg.filename, Buffer.from(msg.bytes), msg.limits).then(
    (value) => parentPort!.postMessage({ value }),
    (e: unknown) => parentPort!.postMessage({ error: (e as Error).message, code: errorCodeOf((e as { code?: unknown }).code) }),
  );
});

parentPort!.postMessage({ ready: true });
