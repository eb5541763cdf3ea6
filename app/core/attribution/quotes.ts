/**
 * Direct quotations in a document's canonical text, attributed to a speaker where the text says who
 * spoke, the way a careful reader would: “…,” Raab said; said Raab; “…,” he added (he = the speaker
 * last mentioned); He said: “…”; Raab urged … “hostile state actors”; and quote-only paragraphs that
 * carry on the quotation before them. What the text does not attribute stays unattributed.
 *
 * Who is speaking matters. In a news report the document's speaker is quoted by the reporter. In a
 * transcript (`kind: transcript` or `speech`, or a document whose author is its speaker) the speaker's
 * own words stand outside quotation marks, and a quotation is someone else's words the speaker
 * repeats ("a woman wrote to me: …", "as Lincoln said, …"): it goes to that person when the text
 * names them, stays unattributed otherwise, and is the speaker's only with a first-person cue
 * ("as I said"). Each attribution carries the words that made it (its cue) and a confidence.
 */
import type { LoadedDocument } from '../types';
import type { AttributionKind, Quote, Range } from '../../common/compare';
import { canSpeak, isPersonOf } from './speakerNames';

const CURLY_OPEN = new Set(['“', '„', '«']);
const CURLY_CLOSE = new Set(['”', '»']);

/** Verbs that report speech. A quoted phrase inside a sentence is the subject's only with one of these. */
const SPEECH_VERB =
  '(?:said|says|saying|added|adds|adding|told|tells|telling|stated|states|declared|declares|urged|urges|urging|' +
  'warned|warns|warning|insisted|insists|argued|argues|noted|notes|explained|explains|pledged|pledges|called|calls|' +
  'accused|accuses|emphasi[sz]ed|stressed|stresses|claimed|claims|announced|announces|outlined|described|describes|' +
  'remarked|continued|continues|wrote|writes|asked|asks|replied|replies|responded|highlighted|acknowledged|admitted|vowed|' +
  'promised|suggested|predicted|concluded|recalled|branded|dubbed|condemned|criticised|criticized|spoke|speaking|' +
  'reminded|reminding|defined|defines|observed|observes)';

/** A run of capitalised words ending in a name ("Raab", "Foreign Secretary Dominic Raab", "U.K. … Raab"). */
const NOT_NAME_WORDS = [
  'The',
  'This',
  'That',
  'It',
  'They',
  'We',
  'He',
  'She',
  'You',
  'There',
  'Here',
  'What',
  'Who',
  'But',
  'And',
  'So',
  'Then',
  'In',
  'On',
  'At',
  'As',
  'If',
  'When',
  'While',
  'Last',
  'First',
  'I',
];
const NOT_NAMES = new Set(NOT_NAME_WORDS);
// Not inside "the Chief Justice of the United States": a capitalised run after "of the" is a role's complement, no speaker.
export const NAME =
  "\\b(?<!\\bof\\s+(?:the\\s+)?(?:[A-Z][\\w.’'-]*\\s+)?)(?!(?:" + NOT_NAME_WORDS.join('|') + ")\\b)[A-Z][\\w.’'-]*(?:[ \\t\\u00a0]+[A-Z][\\w.’'-]*){0,4}";
export const PRONOUN = '\\b(?:[Hh]e|[Ss]he)\\b';
/** A transcript's speaker about themselves. */
export const FIRST_PERSON = "\\bI(?:['’](?:ve|d|ll))?\\b";
/** "who asked not to be named", "one parent …, who": someone unnamed comes on stage (a pronoun after it is theirs). */
const ANONYMOUS = new RegExp(
  "\\b(?:asked not to be (?:named|identified)|on condition of anonymity|(?:did not|didn't) want to give (?:his|her|their) name|gave only (?:his|her) first name)\\b" +
    '|\\b(?:[Oo]ne|[Aa]n?|[Aa]nother)\\s+(?:[a-z-]+\\s+){0,2}?[a-z-]+,?\\s+who\\b',
  'g',
);

/** A full name as Lectern names people: its last two words without titles ("President Theodore Roosevelt" → "Theodore Roosevelt"). */
function plainName(words: string[]): string {
  return words
    .filter((w) => !TITLE_WORDS.has(w))
    .slice(-2)
    .join(' ');
}

/** '," he said. "' between two quotations: the second is the same speaker's. */
const CARRIES_ON = /^[\s.,;:!?”"“]*(?:he|she)\s+(?:said|added|continued|went on)[\s.,;:!?”"“]*$/;

/** A name without the titles before it ("President Theodore Roosevelt" → "Theodore Roosevelt"). */
function withoutTitles(name: string): string {
  const words = name.split(/\s+/);
  while (words.length > 1 && TITLE_WORDS.has(words[0])) words.shift();
  return words.join(' ');
}

/** The name of the last entry before `at` (entries in text order), or null. */
function lastBefore(list: { pos: number; name: string }[] | undefined, at: number): string | null {
  if (!list) return null;
  const i = lowerBound(list, at) - 1;
  return i >= 0 ? list[i].name : null;
}

/** Index of the first mention at or after `pos`. */
function lowerBound(list: { pos: number }[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far back (characters) a transcript's "he said" looks for the person it means. */
const PRONOUN_REACH = 400;

/** How sure each way of attributing is: a name right beside the quotation is surest; a pronoun or a loose sentence less. */
export const CONFIDENCE = { name: 0.95, role: 0.9, firstPerson: 0.9, pronoun: 0.75, continuation: 0.75, sentence: 0.7 } as const;

/** A transcript: the speaker's words are the text itself, and quotation marks hold other people's words. */
export function isTranscript(doc: LoadedDocument): boolean {
  if (/\b(transcript|speech|remarks|address)\b/i.test(doc.meta.kind)) return true;
  const author = doc.meta.author.toLowerCase();
  return author !== '' && doc.meta.speakers.some((s) => author.split(/;\s*/).includes(s.toLowerCase()));
}

/** Who a subject stands for, and what kind of subject it was (which sets the confidence). */
export interface Resolved {
  speaker: string | null;
  how: keyof typeof CONFIDENCE;
}

interface Mention {
  pos: number;
  /** null: an unnamed person ("one parent, who …"). */
  speaker: string | null;
}

/** Who the text can name: the document's speakers by full name or surname, and the titles it gives them. */
export class SpeakerResolver {
  /** Titles the text puts before a speaker's name, lower case: "foreign secretary". */
  readonly roles: { title: string; speaker: string }[] = [];
  readonly mentions: Mention[] = [];
  /** People other than the document's speakers whom the text has speaking ("Berg said", "said Karim Nassar"), by full name. */
  readonly others = new Set<string>();
  /** Full names the text gives ("Kathy Proctor"), to complete a first name or surname used alone. */
  private readonly fullNames: { pos: number; name: string }[] = [];
  private readonly text: string;

  constructor(
    private readonly speakers: string[],
    text: string,
    private readonly transcript: boolean,
  ) {
    this.text = text;
    for (const speaker of speakers) {
      const full = escapeRegExp(speaker).replace(/\s+/g, '\\s+');
      // "Foreign Secretary Dominic Raab" teaches us that "the foreign secretary" is Raab.
      for (const m of text.matchAll(new RegExp(`((?:[A-Z][a-z]+\\s+){1,3})${full}\\b`, 'g'))) {
        const title = m[1].trim().toLowerCase().replace(/\s+/g, ' ');
        if (!this.roles.some((r) => r.title === title)) this.roles.push({ title, speaker });
      }
      const names = [full, escapeRegExp(surname(speaker))];
      for (const m of text.matchAll(new RegExp(`\\b(?:${names.join('|')})\\b`, 'g'))) this.mentions.push({ pos: m.index!, speaker });
    }
    for (const role of this.roles) {
      for (const m of text.matchAll(new RegExp(`\\bthe\\s+${titlePattern(role.title)}\\b`, 'gi'))) this.mentions.push({ pos: m.index!, speaker: role.speaker });
    }
    for (const m of text.matchAll(/\b[A-Z][a-z’']+(?:-[A-Z][a-z’']+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’']+(?:-[A-Z][a-z’']+)?)+/g)) {
      // "When Ryan …" at a sentence's start: the first word is no part of the name.
      const words = m[0].split(/\s+/);
      while (words.length && NOT_NAMES.has(words[0])) words.shift();
      if (words.length >= 2) this.fullNames.push({ pos: m.index!, name: words.join(' ') });
    }
    // "Robert and Gary Allen": two people who share a surname.
    for (const m of text.matchAll(/\b([A-Z][a-z’']+) and ([A-Z][a-z’']+) ([A-Z][a-z’']+)\b/g)) {
      if (NOT_NAMES.has(m[1])) continue;
      this.fullNames.push({ pos: m.index!, name: `${m[1]} ${m[3]}` });
    }
    this.fullNames.sort((a, b) => a.pos - b.pos);
    // Who else speaks: a name right beside a speech verb (with an appositive: "Karim Nassar, president of …, said").
    const speaking = new RegExp(
      `(?<a>${NAME})(?:,[^,“”"\\n]{1,80},)?\\s+(?:also\\s+)?${SPEECH_VERB}\\b|\\b(?:said|says|added|asked|wrote|explained|continued)\\s+(?<b>${NAME})(?=\\s*[,.;:!?]|\\s*$)`,
      'g',
    );
    for (const m of text.matchAll(speaking)) {
      if (isAnonymous(m[0])) continue; // "…, who asked not to be named, said": nobody we can name
      // Without titles, as resolve() names people: "President Theodore Roosevelt" is Theodore Roosevelt.
      const name = this.complete(withoutTitles(cleanName(m.groups!.a ?? m.groups!.b)), m.index!);
      if (!name || this.isSpeaker(name) || COMMON_CAPITALISED.has(name) || !canSpeak(name)) continue;
      this.others.add(name);
    }
    for (const other of this.others) {
      const names = [escapeRegExp(other).replace(/\s+/g, '\\s+'), escapeRegExp(surname(other))];
      for (const m of text.matchAll(new RegExp(`\\b(?:${names.join('|')})\\b`, 'g'))) this.mentions.push({ pos: m.index!, speaker: other });
    }
    for (const m of text.matchAll(ANONYMOUS)) this.mentions.push({ pos: m.index!, speaker: null });
    this.mentions.sort((a, b) => a.pos - b.pos);
  }

  /** The document's (first) speaker: in a transcript, whoever "I" is. */
  get ownSpeaker(): string | null {
    return this.speakers[0] ?? null;
  }

  private isSpeaker(name: string): boolean {
    return this.speakers.some((sp) => lastWord(sp).toLowerCase() === lastWord(name).toLowerCase());
  }

  /** A one-word name completed from the last full name before `at` that starts or ends with it ("Kathy" → "Kathy Proctor"). */
  complete(name: string, at: number): string {
    if (/\s/.test(name) || name === '') return name;
    // A name used alone is a surname more often than a first name: "Dr. Franklin" after "Benjamin Franklin"
    // is Benjamin Franklin, even with a Franklin Roosevelt in between.
    const index = this.nameIndex();
    return lastBefore(index.bySurname.get(name), at) ?? lastBefore(index.byFirstName.get(name), at) ?? name;
  }

  private names: { bySurname: Map<string, { pos: number; name: string }[]>; byFirstName: Map<string, { pos: number; name: string }[]> } | null = null;

  /** The full names by their last and first words, each list in text order (complete() looks one up by position). */
  private nameIndex() {
    if (this.names) return this.names;
    const bySurname = new Map<string, { pos: number; name: string }[]>();
    const byFirstName = new Map<string, { pos: number; name: string }[]>();
    const add = (map: typeof bySurname, key: string, entry: { pos: number; name: string }) => {
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    };
    for (const f of this.fullNames) {
      const words = f.name.split(/\s+/);
      const name = plainName(words);
      add(bySurname, words[words.length - 1], { pos: f.pos, name });
      if (words[0] !== words[words.length - 1]) add(byFirstName, words[0], { pos: f.pos, name });
    }
    return (this.names = { bySurname, byFirstName });
  }

  /** A person the text names as speaking elsewhere, or a full name (two words or more): safe to credit. */
  isKnownPerson(name: string): boolean {
    return this.others.has(name) || /\s/.test(name);
  }

  /** A subject pattern: a name, a learned title ("the foreign secretary"), or he/she. */
  subject(): string {
    // The pattern is case-sensitive (names are capitalised), so a title's letters are spelt both ways.
    const roleAlternatives = this.roles.map((r) => `[Tt]he\\s+${caseless(titlePattern(r.title))}`);
    const first = this.transcript ? [FIRST_PERSON] : [];
    return `(?<subject>${[...roleAlternatives, ...first, PRONOUN, NAME].join('|')})`;
  }

  /**
   * The speaker a subject stands for; `metadataOnly` refuses names outside the document's speakers.
   * In a transcript "I" is the speaker, and he/she is someone the speaker talks about: not resolved.
   */
  resolve(subject: string, at: number, metadataOnly: boolean): Resolved {
    const s = cleanName(subject);
    if (/^I(['’](ve|d|ll))?$/.test(s)) return { speaker: this.transcript ? (this.speakers[0] ?? null) : null, how: 'firstPerson' };
    if (/^(he|she)$/i.test(s))
      return { speaker: this.transcript ? this.lastPersonBefore(at, /^she$/i.test(s) ? 'female' : 'male') : this.lastMentionBefore(at), how: 'pronoun' };
    const lower = s.toLowerCase().replace(/\s+/g, ' ');
    for (const role of this.roles) {
      if (lower === `the ${role.title}`) return { speaker: role.speaker, how: 'role' };
    }
    // "The minister added" after "Environment Minister Amara Okafor": a title's last word names one speaker.
    if (/^[Tt]he\s+\S+$/.test(s)) {
      const head = lastWord(lower);
      const holders = new Set(this.roles.filter((r) => lastWord(r.title) === head).map((r) => r.speaker));
      if (holders.size === 1) return { speaker: [...holders][0], how: 'role' };
    }
    // "said the woman", "the official added": a person the text does not name.
    if (/^[Tt]he\s/.test(s)) return { speaker: null, how: 'role' };
    const last = lastWord(s);
    for (const speaker of this.speakers) {
      if (lastWord(speaker).toLowerCase() === last.toLowerCase()) return { speaker, how: 'name' };
    }
    if (metadataOnly) return { speaker: null, how: 'name' };
    // Another person the text names: keep the name as written, without titles before it.
    const name = this.complete(
      s
        .split(/\s+/)
        .filter((w) => !/^[A-Z][a-z]*\.(?:[A-Z]\.)*$/.test(w) && !TITLE_WORDS.has(w))
        .slice(-2)
        .join(' '),
      at,
    );
    return { speaker: name === '' || COMMON_CAPITALISED.has(name) || !canSpeak(name) ? null : name, how: 'name' };
  }

  /** The person last mentioned before `pos` (null: an unnamed one). */
  /**
   * In a transcript, whom "he said" means: the last person the speaker named in full, close before and
   * as the subject of a clause ("Jeremiah Denton came slowly down the ramp. He … said"), not as an
   * object ("he directed his words to Franklin Roosevelt"); none when nobody is that close.
   */
  private lastPersonBefore(pos: number, gender: 'male' | 'female'): string | null {
    const people = this.peopleMentioned();
    let found: string | null = null;
    for (let i = lowerBound(people, pos - PRONOUN_REACH); i < people.length && people[i].pos < pos; i++) {
      const p = people[i];
      const before = this.text.slice(Math.max(0, p.pos - 12), p.pos);
      const after = this.text.slice(p.end, p.end + 12);
      // "he directed his words to Franklin Roosevelt": an object is not whom the next "he" means.
      if (/\b(?:to|by|from|with|for|of|at|on|in|and|about|like)\s+(?:the\s+)?$/.test(before) || /^\s*(?:and|or|of)\b/.test(after)) continue;
      if (isPersonOf(p.name, gender)) found = p.name;
    }
    return found;
  }

  private people: { pos: number; end: number; name: string }[] | null = null;

  /** People the text names in full, and later by surname alone ("Sir Winston Churchill" … "Churchill responded"), in text order. */
  private peopleMentioned(): { pos: number; end: number; name: string }[] {
    if (this.people) return this.people;
    const people: { pos: number; end: number; name: string }[] = [];
    const bySurname = new Map<string, string>();
    for (const f of this.fullNames) {
      const name = plainName(f.name.split(/\s+/));
      if (!/\s/.test(name) || !canSpeak(name) || this.isSpeaker(name) || COMMON_CAPITALISED.has(name)) continue;
      const at = this.text.indexOf(f.name, f.pos);
      people.push({ pos: at, end: at + f.name.length, name });
      bySurname.set(lastWord(name), name);
    }
    if (bySurname.size) {
      const surnames = [...bySurname.keys()].map(escapeRegExp).join('|');
      // Full-name mentions are in text order: whether a surname lies inside one, and whether its full name came
      // before, are looked up, not scanned for.
      const full = [...people].sort((a, b) => a.pos - b.pos);
      const firstSeen = new Map<string, number>();
      for (const p of full) if (!firstSeen.has(p.name)) firstSeen.set(p.name, p.pos);
      for (const m of this.text.matchAll(new RegExp(`\\b(?:${surnames})\\b(?![ \\t]+[A-Z])`, 'g'))) {
        const enclosing = full[lowerBound(full, m.index! + 1) - 1];
        if (enclosing && m.index! < enclosing.end) continue;
        const name = bySurname.get(m[0])!;
        // Only after the full name: a surname before it may be someone else's.
        if (firstSeen.get(name)! < m.index!) people.push({ pos: m.index!, end: m.index! + m[0].length, name });
      }
    }
    people.sort((a, b) => a.pos - b.pos);
    return (this.people = people);
  }

  private lastMentionBefore(pos: number): string | null {
    const i = lowerBound(this.mentions, pos) - 1;
    return i >= 0 ? this.mentions[i].speaker : null;
  }
}

interface RawQuote {
  openMark: number;
  /** Index of the closing mark, or -1 when the quotation runs to a paragraph's end unclosed. */
  closeMark: number;
  segments: Range[];
  /** Start and end of the paragraphs holding its first and last segments. */
  firstPara: Range;
  lastPara: Range;
}

/** Every direct quotation of the document, in text order. */
export function extractQuotes(doc: LoadedDocument, transcript = isTranscript(doc)): Quote[] {
  const text = doc.text;
  const raws = scanQuotes(
    text,
    doc.passages.map((p): Range => [p.start, p.end]),
  );
  const resolver = new SpeakerResolver(doc.meta.speakers, text, transcript);
  const subject = resolver.subject();
  const after = new RegExp(
    `^\\s*,?\\s*(?:${subject}\\s+(?:also\\s+|later\\s+|then\\s+)?${SPEECH_VERB}\\b|${SPEECH_VERB}\\s+(?<subject2>${NAME}|[Tt]he\\s+[a-z]+(?:\\s+[a-z]+)?))`,
  );
  const colon = new RegExp(`^\\s*${subject}\\b[^“”"]*:\\s*$`);
  // "Councillor Derek Hale, who leads the opposition group, called …": an appositive may stand between.
  const inSentence = [
    new RegExp(`(?:${subject}(?:\\s+[\\w.’'-]+){0,3}?\\s+${SPEECH_VERB}\\b)`, 'g'),
    new RegExp(`(?:${subject},[^,“”"]{1,80},\\s+${SPEECH_VERB}\\b)`, 'g'),
    // "President Washington began this tradition in 1790 after reminding the Nation that …"
    new RegExp(`(?:${subject}\\b[^.;“”"]{0,80}?\\b(?:after|by|before|when|while)\\s+(?:reminding|saying|warning|telling|declaring|writing|urging)\\b)`, 'g'),
  ];
  const confidenceOf = (r: Resolved) => CONFIDENCE[r.how];
  // "… including a man who said:", "a woman wrote to me:": someone else introduces the quotation.
  const someoneElse = new RegExp(
    `\\b(?:who|whom|which)\\s+(?:[\\w’']+\\s+){0,2}?${SPEECH_VERB}\\b|\\b(?:an?|one|another|the)\\s+(?:[a-z][\\w’'-]*\\s+){0,2}?${SPEECH_VERB}\\b`,
  );
  // "I" introduces its own words only by saying so: "I said:", "As I told Congress:".
  const firstPersonSpeaks = new RegExp(`\\bI\\s+(?:[\\w’']+\\s+){0,2}?${SPEECH_VERB}\\b`);
  /** "He said: “…”", "He outlined four principles:": the sentence's subject introduces the quotation. */
  const colonIntroduces = (before: string): boolean => {
    const cm = colon.exec(before);
    if (!cm) return false;
    const who = cm.groups!.subject;
    return !someoneElse.test(before.slice(cm.index + cm[0].indexOf(who) + who.length)) && (who !== 'I' || firstPersonSpeaks.test(before));
  };

  // "As Robert Kennedy told us:", "Karim Nassar, president of the Chamber, said:", "As Kathy said,": a speech clause right before.
  const near = new RegExp(
    `(?:^|[\\s,;(—–-])(?:[Aa]s\\s+|[Aa]nd\\s+|[Ff]or\\s+as\\s+)?${subject}(?:,[^,“”"]{1,80},)?\\s+(?:also\\s+|once\\s+|later\\s+|then\\s+)?${SPEECH_VERB}(?:\\s+[\\w’']+){0,3}?\\s*[:,]\\s*$`,
  );
  /** A named person may be credited from a near clause if the document speaks of them by full name or has them speak elsewhere. */
  const creditable = (r: Resolved) => r.speaker !== null && (r.how !== 'name' || resolver.isKnownPerson(r.speaker) || doc.meta.speakers.includes(r.speaker));

  /** The speech clause right before a quotation, if it names someone we may credit. */
  const nearClause = (before: string, at: number): { resolved: Resolved; cue: string } | null => {
    const nm = near.exec(before);
    if (!nm || isAnonymous(nm[0])) return null;
    const resolved = resolver.resolve(nm.groups!.subject, at, false);
    return creditable(resolved) ? { resolved, cue: nm[0].replace(/^[\s,;(—–-]+/, '').trim() } : null;
  };

  const quotes: Quote[] = [];
  let previous: { quote: Quote; end: number } | null = null;
  let clause: ReturnType<typeof nearClause>;
  for (const raw of raws) {
    let speaker: string | null = null;
    let attribution: AttributionKind | null = null;
    let cue: string | null = null;
    let confidence = 0;
    let cueEnd = raw.closeMark < 0 ? raw.segments[raw.segments.length - 1][1] : raw.closeMark + 1;

    const afterText = raw.closeMark < 0 ? '' : text.slice(raw.closeMark + 1, Math.min(raw.lastPara[1], raw.closeMark + 160));
    let m = after.exec(afterText);
    // "“What's the secret?” He said, “…”": a pronoun that finds nobody may start the next sentence instead.
    if (m && !m.groups!.subject2 && resolver.resolve(m.groups!.subject, raw.openMark, false).speaker === null) m = null;
    // "He goes by “CJ.” He said, “Call me …”": a capitalised He after a quotation's full stop starts the next
    // sentence, and a clause that goes on to open a quotation introduces that one.
    if (m && raw.closeMark > 0) {
      const ended = /[.!?]$/.test(text.slice(raw.segments[raw.segments.length - 1][0], raw.closeMark).trim());
      const capitalPronoun = /^(?:He|She)$/.test(m.groups!.subject ?? '');
      const introducesNext = /^\s*[,:]?\s*[“"]/.test(afterText.slice(m[0].length));
      if (ended && (capitalPronoun || introducesNext)) m = null;
    }
    const before = text.slice(sentenceStart(text, raw.firstPara[0], raw.openMark), raw.openMark);
    const poem = QUOTING_WORK.exec(before);
    const quoted = poem ? { name: poem.groups!.name, at: poem.index!, cue: poem[0].trim() } : QUOTING.test(before) ? quotingWhom(before) : undefined;
    if (quoted !== undefined) {
      // "General Mattis, who reconfirmed that—and I quote—“…”": the words are the one quoted, not the quoter's.
      if (quoted) {
        const r = resolver.resolve(quoted.name, raw.openMark - before.length + quoted.at, false);
        if (r.speaker) {
          speaker = r.speaker;
          confidence = CONFIDENCE.sentence;
          attribution = 'sentence';
          cue = quoted.cue;
        }
      }
    } else if (m) {
      const who = m.groups!.subject ?? m.groups!.subject2;
      const r = resolver.resolve(who, raw.openMark, false);
      speaker = r.speaker;
      confidence = confidenceOf(r);
      attribution = 'after';
      cue = m[0].replace(/^[\s,]+/, '');
      cueEnd = raw.closeMark + 1 + m[0].length;
    } else if ((clause = nearClause(before, raw.openMark - before.length))) {
      speaker = clause.resolved.speaker;
      confidence = confidenceOf(clause.resolved);
      attribution = 'colon';
      cue = clause.cue;
    } else if (colonIntroduces(before)) {
      // In a report only the document's speakers: "Officials said: “…”" reads as a source, not a person
      // we can name. A transcript quotes other people by name ("Lincoln said: …").
      const cm = colon.exec(before)!;
      const r = resolver.resolve(cm.groups!.subject, raw.openMark - before.length, !transcript);
      speaker = r.speaker;
      confidence = confidenceOf(r);
      if (speaker) {
        attribution = 'colon';
        cue = before.trim();
      }
    } else {
      // The last "Raab … urged" before the quote in its sentence; only the document's speakers and people
      // the text has speaking elsewhere count, since a loose pattern like this would otherwise credit
      // "Biden administration … announced". A quoted title ("Rising Waters") is nobody's words.
      let last: { match: RegExpExecArray; resolved: Resolved } | null = null;
      const clauses = inSentence.flatMap((re) => [...before.matchAll(re)]).sort((a, b) => a.index! + a[0].length - (b.index! + b[0].length));
      for (const sm of clauses) {
        const r = resolver.resolve(sm.groups!.subject, raw.openMark - before.length + sm.index!, false);
        if (isAnonymous(sm[0])) continue;
        // A title makes a person: "President Washington", "General Mattis".
        const titled = TITLE_WORDS.has(sm.groups!.subject.trim().split(/\s+/)[0]);
        if (r.speaker && (r.how !== 'name' || doc.meta.speakers.includes(r.speaker) || resolver.others.has(r.speaker) || titled))
          last = { match: sm, resolved: r };
      }
      if (last && last.resolved.how !== 'firstPerson' && looksLikeTitle(text.slice(raw.openMark + 1, raw.closeMark < 0 ? raw.segments[0][1] : raw.closeMark)))
        last = null;
      if (last) {
        speaker = last.resolved.speaker;
        confidence = Math.min(CONFIDENCE.sentence, confidenceOf(last.resolved));
        attribution = 'sentence';
        cue = last.match[0];
      }
    }
    // Nothing but quote marks between, or the previous quotation's own "he said": the same voice goes on.
    const between = text.slice(previous?.end ?? 0, raw.openMark);
    if (!attribution && previous && previous.quote.speaker && (/^[\s.,;:!?”"“]*$/.test(between) || CARRIES_ON.test(between))) {
      speaker = previous.quote.speaker;
      attribution = 'continuation';
      confidence = Math.min(CONFIDENCE.continuation, previous.quote.confidence);
    }
    const quote = makeQuote(doc.meta.id, text, raw, speaker, attribution, cue, confidence);
    if (!quote) continue;
    quotes.push(quote);
    previous = { quote, end: cueEnd };
  }
  return quotes;
}

function makeQuote(
  docId: string,
  text: string,
  raw: RawQuote,
  speaker: string | null,
  attribution: AttributionKind | null,
  cue: string | null,
  confidence: number,
): Quote | null {
  const segments: Range[] = [];
  for (const [s0, e0] of raw.segments) {
    let s = s0;
    let e = e0;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) segments.push([s, e]);
  }
  if (segments.length === 0) return null;
  // Journalists turn a quotation's final full stop into a comma before the attribution: not the speaker's.
  const last = segments[segments.length - 1];
  if (text[last[1] - 1] === ',') last[1]--;
  const joined = segments.map(([s, e]) => text.slice(s, e)).join('\n\n');
  if (!/\p{L}|\p{N}/u.test(joined)) return null;
  return {
    text: joined,
    speaker: attribution ? speaker : null,
    docId,
    start: segments[0][0],
    end: last[1],
    segments,
    attribution: speaker ? attribution : null,
    cue: speaker ? cue : null,
    confidence: speaker ? confidence : 0,
  };
}

/**
 * Finds quotation marks paragraph by paragraph. A quotation still open at a paragraph's end goes on
 * when the next paragraph reopens it with a quote mark (the journalists' convention), or when the
 * next paragraph closes it before opening another (a long paragraph cut into passages); otherwise
 * it ends with its paragraph.
 */
export function scanQuotes(text: string, paragraphs: Range[]): RawQuote[] {
  const out: RawQuote[] = [];
  let open: RawQuote | null = null;
  let segStart = 0;
  for (const para of paragraphs) {
    const [pStart, pEnd] = para;
    let i = pStart;
    if (open) {
      while (i < pEnd && /\s/.test(text[i])) i++;
      if (i < pEnd && isOpener(text, i, pStart)) {
        segStart = i + 1;
        i++;
      } else if (closesBeforeOpening(text, i, pEnd)) {
        segStart = i;
      } else {
        out.push(open);
        open = null;
        i = pStart;
      }
      if (open) open.lastPara = para;
    }
    for (; i < pEnd; i++) {
      const c = text[i];
      if (c !== '"' && !CURLY_OPEN.has(c) && !CURLY_CLOSE.has(c)) continue;
      if (!open) {
        if (isOpener(text, i, pStart)) {
          open = { openMark: i, closeMark: -1, segments: [], firstPara: para, lastPara: para };
          segStart = i + 1;
        }
      } else if (isCloser(text, i)) {
        open.segments.push([segStart, i]);
        open.closeMark = i;
        out.push(open);
        open = null;
      }
    }
    if (open) open.segments.push([segStart, pEnd]);
  }
  if (open) out.push(open);
  return out;
}

function isOpener(text: string, i: number, paraStart: number): boolean {
  const c = text[i];
  if (CURLY_OPEN.has(c)) return true;
  if (c !== '"') return false;
  const prev = i > paraStart ? text[i - 1] : ' ';
  const next = text[i + 1] ?? ' ';
  return /[\s([{—–-]/.test(prev) && !/\s/.test(next);
}

function isCloser(text: string, i: number): boolean {
  const c = text[i];
  if (CURLY_CLOSE.has(c)) return true;
  // A straight mark after a word closes; so does one closing a mixed pair (“hostile state actors").
  return c === '"' && i > 0 && !/\s/.test(text[i - 1]);
}

function closesBeforeOpening(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (CURLY_CLOSE.has(text[i])) return true;
    if (CURLY_OPEN.has(text[i])) return false;
    if (text[i] === '"') return isCloser(text, i) && !isOpener(text, i, from);
  }
  return false;
}

/** "quoting Longfellow's famous poem:", "in Lincoln's words,": whose words follow. */
const QUOTING_WORK = new RegExp(
  `\\b(?:quoting|quotes|quoted|recited|reciting|[Ii]n)\\s+(?<name>${NAME})['’]s?\\s+(?:[\\w-]+\\s+){0,2}?(?:poem|words|letter|verse|lines|prayer|speech|song|phrase)\\b[^“”"]{0,30}[:,]?\\s*$`,
);

/** "… and I quote —", "quote:": the speaker announces someone else's exact words. */
const QUOTING = /\b(?:I\s+quote|quote)\s*[—–-]*\s*[,:]?\s*$/;

/**
 * Whom a "and I quote" quotes: the last person before it who reports something ("General Mattis, just
 * now, who reconfirmed that"); null when the sentence names nobody so (then nobody is credited).
 */
function quotingWhom(before: string): { name: string; at: number; cue: string } | null {
  let found: { name: string; at: number; cue: string } | null = null;
  for (const m of before.matchAll(new RegExp(`(?<name>${NAME})(?:,[^,“”"]{0,40})?,?\\s+who\\s+(?:[\\w’']+\\s+){0,2}?[\\w’']+`, 'g'))) {
    found = { name: m.groups!.name, at: m.index!, cue: m[0] };
  }
  return found;
}

/** Start of the sentence holding `pos`, within its paragraph. "U.K. Foreign…" may split early: harmless. */
function sentenceStart(text: string, paraStart: number, pos: number): number {
  const head = text.slice(paraStart, pos);
  let start = 0;
  for (const m of head.matchAll(/[.!?][”"’)]?\s+(?=[A-Z“"])/g)) start = m.index! + m[0].length;
  return paraStart + start;
}

/** Does this stretch of text bring on an unnamed person? (ANONYMOUS is global: a fresh, stateless copy.) */
function isAnonymous(s: string): boolean {
  return ANONYMOUS_ONCE.test(s);
}
const ANONYMOUS_ONCE = new RegExp(ANONYMOUS.source);

/** Titles before a name ("Nurse Philippe Garnier", "Councillor Derek Hale"): not part of the name. */
const TITLE_WORDS = new Set([
  'President',
  'Senator',
  'Governor',
  'Councillor',
  'Nurse',
  'Doctor',
  'Dr',
  'Professor',
  'Minister',
  'Secretary',
  'Mayor',
  'Judge',
  'General',
  'Agent',
  'Special',
  'Officer',
  'Chief',
  'Director',
  'Mr',
  'Mrs',
  'Ms',
  'Mr.',
  'Mrs.',
  'Ms.',
  'Dr.',
  'Sir',
  'Lady',
  'Lord',
  'King',
  'Queen',
  'Pope',
  'Rev.',
  'Reverend',
]);
/** Capitalised words that stand beside speech verbs but name no person. */
const COMMON_CAPITALISED = new Set([
  'Officials',
  'Critics',
  'Analysts',
  'Police',
  'Congress',
  'Government',
  'Reports',
  'Sources',
  'Experts',
  'Democrats',
  'Republicans',
  'Americans',
  'Residents',
  'Parents',
  'Voters',
]);

const SMALL_WORDS = new Set(['of', 'for', 'the', 'and', 'a', 'an', 'in', 'on', 'to', 'at', 'by', 'or']);

/** "Rising Waters", "Two for Ten": a short run of capitalised words reads as a title or a name, not speech. */
export function looksLikeTitle(quoted: string): boolean {
  const words = quoted
    .trim()
    .replace(/[.,!?]$/, '')
    .split(/\s+/);
  if (words.length === 0 || words.length > 8 || !/^\p{Lu}/u.test(words[0])) return false;
  return words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || SMALL_WORDS.has(w));
}

/** A name as captured, without a sentence's full stop or a possessive ("Okafor." → "Okafor"). */
function cleanName(s: string): string {
  return s
    .trim()
    .replace(/(?<=[a-z]{2})\.$/, '')
    .replace(/['’]s$/, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A lower-case title as a pattern: its words escaped, any white space between them. */
function titlePattern(title: string): string {
  return title.split(' ').map(escapeRegExp).join('\\s+');
}

/** Letters of a pattern's words in either case (backslash escapes left alone). */
function caseless(pattern: string): string {
  return pattern.replace(/\\.|[a-z]/g, (c) => (c.length === 2 ? c : `[${c}${c.toUpperCase()}]`));
}

function lastWord(s: string): string {
  return s.trim().split(/\s+/).pop() ?? '';
}

function surname(name: string): string {
  return lastWord(name);
}

/** Quotations attributed to one of `speakers` (full names, case-insensitive; attribution already resolved surnames to them). */
export function quotesBy(quotes: Quote[], speakers: string[]): Quote[] {
  const wanted = new Set(speakers.map((s) => s.toLowerCase()));
  return quotes.filter((q) => q.speaker !== null && wanted.has(q.speaker.toLowerCase()));
}
