/** Worker thread: analyses a share of the corpus's documents for the index (tokenise + pipeline). */
import { parentPort } from 'node:worker_threads';
import { configureBuilder } from '../analysis/tokens';
import { Analyzer, lecternPipelines } from './analysis';
import { packAnalyses, unpackInputs, type PackedInputs } from './packedAnalyses';

const analyzer = new Analyzer(lecternPipelines(configureBuilder).pipeline);

parentPort!.on('message', (msg: PackedInputs) => {
  const packed = packAnalyses(unpackInputs(msg).map((d) => analyzer.document(d)));
  parentPort!.postMessage(packed, [packed.ints.buffer as ArrayBuffer]);
});
