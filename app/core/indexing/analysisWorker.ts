/** Worker thread: analyses a share of the corpus's documents for the index (tokenise + pipeline). */
import { parentPort } from 'node:worker_threads';
import { configureBuilder } from '../analysis/tokens';
import { Analyzer, lecternPipelines, type AnalysisInput } from './analysis';

const analyzer = new Analyzer(lecternPipelines(configureBuilder).pipeline);

parentPort!.on('message', (msg: { docs: AnalysisInput[] }) => {
  parentPort!.postMessage({ analyses: msg.docs.map((d) => analyzer.document(d)) });
});
