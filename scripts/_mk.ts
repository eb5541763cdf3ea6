import { writeCorpusFolder } from '../bench/corpora';
writeCorpusFolder(process.argv[2] as 'emails', process.argv[3]);
