/**
 * Lectern's default boilerplate rules. Each is tested against one block's plain text (a paragraph),
 * case-insensitively. A corpus extends or disables them in <corpus>/.lectern/cleaning-rules.json
 * (see docs/CLEANING.md); paragraphs a user marks in the reader live in .lectern/boilerplate.json.
 */

export type RuleAction =
  /** remove the block */
  | 'drop'
  /** remove the block and every block after it: a footer (comment form, "The post … appeared first on") */
  | 'drop-rest'
  /** remove only the matched text from the block, keep the rest */
  | 'strip'
  /** remove from the start of the matching block through the first match of `until` (in it or a later block) */
  | 'drop-until';

export interface CleaningRule {
  id: string;
  description: string;
  /** Regular expression (JavaScript syntax, matched case-insensitively). */
  pattern: string;
  action: RuleAction;
  /** For drop-until: where the removed run ends (the match itself is removed too). */
  until?: string;
  /** Only applies to documents whose outlet contains this text (case-insensitive). */
  outlet?: string;
}

export const DEFAULT_RULES: CleaningRule[] = [
  {
    id: 'comment-form',
    description: 'A comment form ("Leave a Reply", "Leave a comment") and everything after it',
    pattern: '^\\s*(leave a (reply|comment)|post a comment|add a comment|comments are closed)\\b',
    action: 'drop-rest',
  },
  {
    id: 'appeared-first',
    description: 'Syndication footer "The post … appeared first on …" and everything after it',
    pattern: '^\\s*the post .{1,300} appeared first on .{1,120}$',
    action: 'drop-rest',
  },
  {
    id: 'email-not-published',
    description: 'Comment form notice about e-mail addresses and required fields',
    pattern: '^\\s*your email address will not be published',
    action: 'drop',
  },
  {
    id: 'see-also',
    description: 'Cross-links such as "See also …", "Read more: …", "Related: …"',
    pattern: '^\\s*(see also|read more|related( articles| stories)?|also read|recommended|more from)\\b[\\s:]',
    action: 'drop',
  },
  {
    id: 'donation-plea-run',
    description: 'A donation plea of several paragraphs, from "Your support helps us…" to "Your support makes all the difference."',
    pattern: '^\\s*your support (helps|matters|means)',
    until: 'your support makes all the difference\\.?',
    action: 'drop-until',
  },
  {
    id: 'donation-plea',
    description: 'A single paragraph asking for donations or support for journalism',
    pattern:
      '\\b(your (donation|support|contribution)s?\\b.{0,120}\\b(journalis[mt]s?|reporting|reporters|newsroom)|support (our|independent) journalism|make a (donation|contribution)|donate now)\\b',
    action: 'drop',
  },
  {
    id: 'paywall-pitch',
    description: 'An outlet explaining its paywall or funding model',
    pattern: '\\b(paywalls?|quality journalism should be available|paid for by (those|readers) who can afford)\\b',
    action: 'drop',
  },
  {
    id: 'newsletter',
    description: 'Newsletter and subscription copy',
    pattern:
      '\\b(sign up (for|to) (our|the) (free )?newsletters?|subscribe to (our|the) newsletters?|get (our|the) newsletter|join our (mailing list|community))\\b',
    action: 'drop',
  },
  {
    id: 'call-to-action',
    description: 'Calls to click, share or follow ("… please click here", "Share this article")',
    pattern: '(\\bclick here\\b.{0,40}$|^\\s*(share (this|on)|follow us on|tweet this)\\b)',
    action: 'drop',
  },
  {
    id: 'sales-copy',
    description: 'Sales copy: free trials, demos, downloads of reports, limited offers',
    pattern:
      '\\b(free trial|request a demo|book a demo|demo personalised|download your free|limited time only|start your free|sales team|take your business to the next level|get saas)\\b',
    action: 'drop',
  },
  {
    id: 'about-us',
    description: 'An outlet\'s "Who are we?" / "About us" box and everything after it',
    pattern: '^\\s*(who are we\\??|about us)\\s*$',
    action: 'drop-rest',
  },
];
