/**
 * Removes web boilerplate from a document's blocks by rules (defaults plus the corpus's own) and by
 * paragraphs the user marked as boilerplate. What is removed is kept, with the rule, for the reader.
 */
import { createHash } from 'node:crypto';
import type { Block } from './blocks';
import { DEFAULT_RULES, type CleaningRule } from './cleaningRules';

export interface CompiledRule extends CleaningRule {
  re: RegExp;
  untilRe: RegExp | null;
}

export interface CleaningConfig {
  rules: CompiledRule[];
  /** Normalised texts of paragraphs the user marked as boilerplate. */
  userParagraphs: Set<string>;
  /** Identifies rules + marked paragraphs + loader version: documents built under another key are rebuilt. */
  key: string;
}

/** Bump when blocks, cleaning or passages change what a file becomes. */
export const LOADER_VERSION = 6; // 6: attributes (every other front-matter field); 2: author and source in the metadata; 3: file stamps; 4: paragraphs per chunk, the more-than-half guard, a lone paragraph is no title echo; 5: `format: text` reads a body as plain text

export function configKey(rules: CleaningRule[], userParagraphs: Set<string>): string {
  return createHash('sha1')
    .update(JSON.stringify([LOADER_VERSION, rules, [...userParagraphs].sort()]))
    .digest('hex');
}

export interface CleanedBlock extends Block {
  /** False when part of the block was removed: its HTML is then rebuilt from the remaining text. */
  intact: boolean;
}

export interface RemovedPiece {
  text: string;
  rule: string;
  /** Index, among kept blocks, of the block this piece stood before. */
  beforeKept: number;
}

export interface CleaningResult {
  kept: CleanedBlock[];
  removed: RemovedPiece[];
  /** Set when the rules would have removed more than MAX_RULE_SHARE of the text: their removals were undone. */
  guard: { share: number; rules: string[] } | null;
}

/**
 * Rules may remove at most this share of a document's text (characters of its blocks, after the
 * title echo and user-marked paragraphs): beyond it a rule has misfired (a plea matched inside a
 * whole article glued into one block) and the document keeps its text, with a warning.
 */
export const MAX_RULE_SHARE = 0.5;

/** Removals that are not the rules' (the title repeated as the first block, paragraphs the user marked). */
const STRUCTURAL = new Set(['title-echo', 'user']);

/** Paragraph identity for user-marked boilerplate: same words, whatever the white space or case. */
export function normaliseParagraph(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function compileRules(rules: CleaningRule[]): { rules: CompiledRule[]; errors: string[] } {
  const out: CompiledRule[] = [];
  const errors: string[] = [];
  for (const rule of rules) {
    try {
      out.push({
        ...rule,
        re: new RegExp(rule.pattern, 'iu'),
        untilRe: rule.until ? new RegExp(rule.until, 'iu') : null,
      });
    } catch (e) {
      errors.push(`cleaning rule "${rule.id}" has an invalid pattern (${(e as Error).message}); it was skipped`);
    }
  }
  return { rules: out, errors };
}

export const DEFAULT_CONFIG: CleaningConfig = {
  rules: compileRules(DEFAULT_RULES).rules,
  userParagraphs: new Set(),
  key: configKey(DEFAULT_RULES, new Set()),
};

function ruleApplies(rule: CompiledRule, outlet: string): boolean {
  return !rule.outlet || outlet.toLowerCase().includes(rule.outlet.toLowerCase());
}

/** Cuts the block's text after `cut`; the rest becomes a (non-intact) block, or nothing if blank. */
function remainder(block: Block, cut: number): CleanedBlock | null {
  const rest = block.text.slice(cut);
  const trimmed = rest.trimStart();
  return trimmed.trim() === '' ? null : { text: trimmed.trimEnd(), html: '', intact: false };
}

export function cleanBlocks(blocks: Block[], config: CleaningConfig, context: { title: string; outlet: string }): CleaningResult {
  const result = applyRules(blocks, config, context, true);
  const ruleRemoved = result.removed.filter((r) => !STRUCTURAL.has(r.rule));
  if (ruleRemoved.length === 0) return { ...result, guard: null };
  // The text the rules had to work on: every block but the structural removals (whole blocks).
  const chars = (list: { text: string }[]) => list.reduce((n, b) => n + b.text.length, 0);
  const total = chars(blocks) - chars(result.removed.filter((r) => STRUCTURAL.has(r.rule)));
  const share = total === 0 ? 0 : 1 - chars(result.kept) / total;
  if (share <= MAX_RULE_SHARE) return { ...result, guard: null };
  // Only now is the document cleaned again without rules: most documents never pay for it.
  return { ...applyRules(blocks, config, context, false), guard: { share, rules: [...new Set(ruleRemoved.map((r) => r.rule))] } };
}

function applyRules(blocks: Block[], config: CleaningConfig, context: { title: string; outlet: string }, useRules: boolean): Omit<CleaningResult, 'guard'> {
  const kept: CleanedBlock[] = [];
  const removed: RemovedPiece[] = [];
  const remove = (text: string, rule: string) => removed.push({ text, rule, beforeKept: kept.length });
  const rules = useRules ? config.rules.filter((r) => ruleApplies(r, context.outlet)) : [];
  const title = normaliseParagraph(context.title);
  // The title repeated in the body: the first block that is the title, even below a paragraph added
  // above it. A document's only block is its text, never an echo (a one-line .txt, a one-paragraph import).
  const echo = blocks.length > 1 && title ? blocks.findIndex((b) => normaliseParagraph(b.text) === title) : -1;

  for (let i = 0; i < blocks.length; i++) {
    let block: CleanedBlock = { ...blocks[i], intact: true };
    if (i === echo) {
      remove(block.text, 'title-echo');
      continue;
    }
    if (config.userParagraphs.has(normaliseParagraph(block.text))) {
      remove(block.text, 'user');
      continue;
    }
    let dropped = false;
    for (const rule of rules) {
      const m = rule.re.exec(block.text);
      if (!m) continue;
      if (rule.action === 'drop') {
        remove(block.text, rule.id);
        dropped = true;
      } else if (rule.action === 'drop-rest') {
        for (const b of blocks.slice(i)) remove(b.text, rule.id);
        return { kept, removed };
      } else if (rule.action === 'strip') {
        remove(m[0], rule.id);
        const text = (block.text.slice(0, m.index) + block.text.slice(m.index + m[0].length)).replace(/\s{2,}/g, ' ').trim();
        if (text === '') dropped = true;
        else block = { text, html: '', intact: false };
      } else if (rule.action === 'drop-until' && rule.untilRe) {
        // Find the end marker in this block or a later one; without one, nothing is removed.
        for (let j = i; j < blocks.length; j++) {
          const end = rule.untilRe.exec(blocks[j].text);
          if (!end) continue;
          const cut = end.index + end[0].length;
          for (let k = i; k < j; k++) remove(blocks[k].text, rule.id);
          remove(blocks[j].text.slice(0, cut), rule.id);
          const rest = remainder(blocks[j], cut);
          i = j;
          if (rest) block = rest;
          else dropped = true;
          break;
        }
      }
      if (dropped) break;
    }
    if (!dropped) kept.push(block);
  }
  return { kept, removed };
}
