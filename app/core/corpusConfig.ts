/**
 * A corpus's own settings in <corpus>/.lectern/: extra cleaning rules (cleaning-rules.json, edited
 * by hand) and paragraphs marked as boilerplate in the reader (boilerplate.json, written by Lectern).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomicFile';
import { realPathInCorpus } from './corpusJail';
import { compileRules, configKey, normaliseParagraph, type CleaningConfig } from './cleaning';
import { DEFAULT_RULES, type CleaningRule, type RuleAction } from './cleaningRules';
import type { Diagnostic } from './types';

export const LECTERN_DIR = '.lectern';
const RULES_FILE = 'cleaning-rules.json';
const BOILERPLATE_FILE = 'boilerplate.json';
const ACTIONS: RuleAction[] = ['drop', 'drop-rest', 'strip', 'drop-until'];

export interface MarkedParagraph {
  text: string;
  docId: string;
  markedAt: string;
}

export function lecternDir(corpusDir: string): string {
  return path.join(corpusDir, LECTERN_DIR);
}

/** A settings file of the corpus; one that a link leads out of the corpus is refused, not read. */
async function readJson(corpusDir: string, file: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await fs.readFile(await realPathInCorpus(corpusDir, file, 'read'), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function validRule(r: unknown): r is CleaningRule {
  const o = r as Record<string, unknown>;
  return !!o && typeof o === 'object' && typeof o.id === 'string' && typeof o.pattern === 'string' && ACTIONS.includes(o.action as RuleAction);
}

export async function readMarkedParagraphs(corpusDir: string): Promise<MarkedParagraph[]> {
  const data = (await readJson(corpusDir, path.join(lecternDir(corpusDir), BOILERPLATE_FILE))) as { paragraphs?: MarkedParagraph[] } | undefined;
  return Array.isArray(data?.paragraphs) ? data!.paragraphs.filter((p) => typeof p?.text === 'string') : [];
}

export async function writeMarkedParagraphs(corpusDir: string, paragraphs: MarkedParagraph[]): Promise<void> {
  await writeFileAtomic(
    path.join(lecternDir(corpusDir), BOILERPLATE_FILE),
    JSON.stringify({ version: 1, description: 'Paragraphs marked as boilerplate in Lectern; removed wherever they appear identically.', paragraphs }, null, 2) +
      '\n',
    { within: corpusDir },
  );
}

/** Default rules, minus those the corpus disables, plus the corpus's own; problems become diagnostics. */
export async function readCleaningConfig(corpusDir: string, diagnostics: Diagnostic[]): Promise<CleaningConfig> {
  const rulesFile = `${LECTERN_DIR}/${RULES_FILE}`;
  let extra: CleaningRule[] = [];
  let disabled = new Set<string>();
  try {
    const data = (await readJson(corpusDir, path.join(lecternDir(corpusDir), RULES_FILE))) as { rules?: unknown[]; disable?: unknown[] } | undefined;
    if (data !== undefined) {
      const rules = Array.isArray(data.rules) ? data.rules : [];
      extra = rules.filter(validRule).map((r) => ({ ...r, description: r.description ?? r.id }));
      if (extra.length < rules.length) {
        diagnostics.push({
          file: rulesFile,
          severity: 'warning',
          message: `${rules.length - extra.length} rule(s) skipped: each needs "id", "pattern" and "action" (one of ${ACTIONS.join(', ')}).`,
        });
      }
      disabled = new Set((Array.isArray(data.disable) ? data.disable : []).filter((x): x is string => typeof x === 'string'));
    }
  } catch (e) {
    diagnostics.push({ file: rulesFile, severity: 'error', message: `cannot be used (${(e as Error).message}); only the default rules apply. Fix the JSON.` });
  }
  const rules = [...DEFAULT_RULES.filter((r) => !disabled.has(r.id)), ...extra];
  const compiled = compileRules(rules);
  for (const message of compiled.errors) diagnostics.push({ file: rulesFile, severity: 'warning', message });
  let marked: MarkedParagraph[] = [];
  try {
    marked = await readMarkedParagraphs(corpusDir);
  } catch (e) {
    diagnostics.push({
      file: `${LECTERN_DIR}/${BOILERPLATE_FILE}`,
      severity: 'error',
      message: `cannot be read (${(e as Error).message}); marked paragraphs are not removed until it is fixed.`,
    });
  }
  const userParagraphs = new Set(marked.map((p) => normaliseParagraph(p.text)));
  return { rules: compiled.rules, userParagraphs, key: configKey(rules, userParagraphs) };
}

export function ruleDescriptions(config: CleaningConfig): Map<string, string> {
  const m = new Map(config.rules.map((r) => [r.id, r.description]));
  m.set('user', 'Marked as boilerplate in the reader');
  m.set('title-echo', 'The headline, repeated at the top of the text (shown as the title)');
  return m;
}
