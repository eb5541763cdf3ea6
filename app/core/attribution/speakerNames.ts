/**
 * Can a capitalised run of words be someone who speaks? A person, a government or an organisation
 * can ("Russia denied involvement"); a month, a weekday, a sentence's first word, a law, a document or
 * a title never does, though each stands capitalised beside a verb of saying ("December said",
 * "the Constitution says", "For as the Bible teaches").
 *
 * Whether a name is a person at all, and a man's or a woman's, is compromise's call (its lexicon of
 * given names): a transcript's "she wrote" must not find "Education Congress" or Churchill.
 */
import nlp from 'compromise';

const CALENDAR = new Set(
  'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow christmas easter'.split(
    ' ',
  ),
);

/** Words that open sentences and clauses; capitalised there, they are no name. */
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those there here it its they them their we our us you your he him his she her i me my ' +
    'and but or nor for so yet because if when while whereas although though since until unless as than then now ' +
    "let lets let’s let's thank please yes no not all every each some many most much more few both either neither " +
    'what which who whom whose why how where whether after before during over under again once just only even also ' +
    'to of in on at by with from into onto upon about above below between among through without within ' +
    'mr mrs ms dr sir madam ladies gentlemen fellow dear god'
  ).split(' '),
);

/** Words that make a run of capitals a document, a law, an event or an idea rather than a speaker. */
const NOT_A_SPEAKER_WORDS = new Set(
  (
    'constitution declaration message address speech act acts bill bills law laws treaty treaties amendment amendments ' +
    'report reports review bible scripture scriptures psalm psalms gospel charter resolution budget plan program programme ' +
    'doctrine war wars code accord accords agreement strategy era age century ' +
    'day week month year decade initiative project fund deal order proclamation preamble prayer hymn song anthem'
  ).split(' '),
);

/** Words that make a run of capitals an institution that can speak, despite NOT_A_SPEAKER_WORDS ("the Union of Growers"). */
const BODY_WORDS =
  /\b(?:Ministry|Department|Office|Agency|Council|Committee|Commission|Party|Government|Court|Police|Service|Association|Federation|Institute|Centre|Center|Board|Authority|Bank|Group|Company|Corporation|Trust|Foundation|Organi[sz]ation|Union of)\b/;

/** True when `name` (capitalised words as the text gives them) can be a speaker. */
export function canSpeak(name: string): boolean {
  const words = name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.,;:!?’']+$|['’]s$/g, ''))
    .filter(Boolean);
  if (words.length === 0) return false;
  if (!/^\p{Lu}/u.test(words[0])) return false;
  const lower = words.map((w) => w.toLowerCase());
  if (lower.every((w) => FUNCTION_WORDS.has(w) || CALENDAR.has(w))) return false;
  if (CALENDAR.has(lower[0]) || (FUNCTION_WORDS.has(lower[0]) && words.length === 1)) return false;
  if (BODY_WORDS.test(name)) return true;
  // "Annual Message", "State of the Union", "Patriot Act": a document or an idea, whoever wrote it.
  if (lower.some((w) => NOT_A_SPEAKER_WORDS.has(w))) return false;
  return true;
}

const persons = new Map<string, { person: boolean; male: boolean; female: boolean }>();

/** Is `name` (a full name) a person, and not of the other gender than `gender` (a given name compromise knows)? */
export function isPersonOf(name: string, gender: 'male' | 'female'): boolean {
  let p = persons.get(name);
  if (!p) {
    const doc = nlp(name);
    p = { person: doc.has('#Person'), male: doc.has('#MaleName'), female: doc.has('#FemaleName') };
    persons.set(name, p);
  }
  return p.person && !(gender === 'male' ? p.female && !p.male : p.male && !p.female);
}
