/**
 * The attribution layer: every sentence of a document (and every quotation inside one) as whose words
 * it holds. A news report's sentences are the journalist's narration, someone's words reported ("Raab
 * said that…", "He warned…", "according to the minister…") or page furniture; its quotations are
 * someone's direct words. A transcript is its speaker's own words, except what it quotes or reports of
 * others. Computed once per loaded document (documents do not change once loaded) and read by compare,
 * the reader, search (`said:`) and `lectern attribute`.
 */
import { isWordsOf, type AttributedSpan, type DocumentAttribution, type SentenceAttribution, type SpanKind } from '../../common/attribution';
import type { Quote, Range } from '../../common/compare';
import type { LoadedDocument } from '../types';
import { CONFIDENCE, extractQuotes, FIRST_PERSON, isTranscript, looksLikeTitle, NAME, PRONOUN, SpeakerResolver } from './quotes';
import { isStageDirection, sentenceRanges } from './sentences';
import { canSpeak } from './speakerNames';

/** Verbs that report what someone said, wrote or announced (not "spoke", "met", "responded in kind"). */
const REPORTING =
  '(?:said|says|saying|added|adds|adding|told|tells|telling|stated|states|declared|declares|urged|urges|urging|' +
  'warned|warns|warning|insisted|insists|argued|argues|noted|notes|explained|explains|pledged|pledges|pledging|called|calls|' +
  'accused|accuses|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|claimed|claims|announced|announces|outlined|outlines|described|describes|' +
  'remarked|continued|wrote|writes|asked|asks|replied|replies|highlighted|highlights|acknowledged|acknowledges|admitted|admits|vowed|vows|' +
  'promised|promises|suggested|suggests|predicted|predicts|concluded|recalled|recalls|condemned|condemns|critici[sz]ed|critici[sz]es|' +
  'denied|denies|rejected|rejects|proposed|proposes|welcomed|welcomes|praised|praises|confirmed|confirms|revealed|reveals|' +
  'blamed|blames|referenced|references|set out|sets out|pointed out|points out|pointed to|points to|complained|complains|questioned|defended|defends|conceded|concedes|' +
  'maintained|maintains|reiterated|reiterates|reaffirmed|reconfirmed|testified|cautioned|cautions|unveiled|unveils|' +
  'estimated|estimates|forecast|forecasts|reported|reports|recommended|recommends|demanded|demands|appealed|appeals|spoke about|spoke of|talked about)';

/** In a transcript the speaker tells others' words only with these, and only with "that" after them. */
const TRANSCRIPT_REPORTING =
  '(?:said|says|wrote|writes|told|tells|testified|warned|warns|reported|reports|declared|reminded|reconfirmed|predicted|predicts|explained|concluded|argued|argue|argues|say|' +
  'observed|proclaimed|proclaim|claimed|claim|insisted|insist|promised|pledged|proposed|suggested|recommended|urged|spoke of|spoke about|called for|called on|asked|defined|found)';
/** Verbs whose report may follow without "that": "Some said our problems were uncontrollable". */
const TRANSCRIPT_SAYING = '(?:said|says|say|testified|warned|observed|wrote|claimed|insisted|predicted|told\\s+(?:me|us))';

/** A subject the text does not name: "the ports minister", "a spokesperson for the union", "critics". */
const UNNAMED =
  "(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Tt]wo|[Tt]hree|[Ss]everal|[Mm]any|[Mm]ost|[Oo]ther)\\s+)?(?:[\\w’'-]+\\s+){0,3}?" +
  '(?:minister|ministers|secretary|secretaries|spokes(?:man|woman|person|people)|official|officials|source|sources|critics?|analysts?|experts?|economists?|' +
  'residents?|parents?|nurses?|doctors?|campaigners?|opponents?|supporters?|lawmakers?|MPs|officers?|mediators?|negotiators?|representatives?|' +
  'aides?|advisers?|advisors?|lawyers?|unions?|ministry|government|department|agency|council|committee|group|groups|association|federation|' +
  'company|statement|report|leaders?|diplomats?|investigators?|prosecutors?|police|members?|head|boss|executives?|managers?|owners?|' +
  'workers?|dockers?|teachers?|patients?|voters?|farmers?|students?|witnesses|witness|insiders?|commentators?|historians?|' +
  'scientists?|researchers?|observers?|activists?|organisers?|organizers?|chief|president|chairman|chairwoman|chair|director|mayor|governor|judge)' +
  "(?:\\s+(?:of|for|at|from|in)\\s+(?:the\\s+)?[\\w’'-]+(?:\\s+[A-Z][\\w’'-]*){0,3})?(?:[ \\t]+[A-Z][\\w’'-]*(?:[ \\t]+[A-Z][\\w’'-]*){0,3})?";

/** A subject that is only a description ("the ports minister"), and any word that could start a report. */
const UNNAMED_ONLY = new RegExp(`^${UNNAMED}$`, 'i');
const ANY_CUE = new RegExp(`\\b(?:${REPORTING}|[Aa]ccording\\s+to|saying|adding|warning|insisting|arguing|noting|claiming|urging)\\b`);

/** A first paragraph without a full stop and this short is a headline, even when it says who said what. */
const HEADLINE_WORDS = 15;

const ADVERBS =
  '(?:(?:also|later|then|further|again|previously|repeatedly|recently|earlier|once|himself|herself|today|yesterday|has|have|had|would|will|' +
  'on\\s+\\w+day|last\\s+\\w+|this\\s+\\w+|in\\s+\\w+|[a-z]+ly)\\s+){0,3}';

/** Page furniture a cleaner may leave: a line that is not the story. */
const FURNITURE =
  /^(?:read more|read next|related|see also|sign up|subscribe|share (?:this|on)|follow us|advertisement|click here|photo|image|picture|caption|copyright|©|your support|listen to|watch:)/i;
const BYLINE =
  /^(?:By\s+\p{Lu}[\p{L}.'’-]+(?:\s+(?:\p{Lu}[\p{L}.'’-]+|and|&))*(?:,.*)?|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}\s*[|,]\s*\p{Lu}.*(?:Correspondent|Editor|Reporter|Writer).*)$/u;
/** "LONDON (Lectern Wire) —" at a paragraph's start. */
const DATELINE = /^\p{Lu}{2,}[\p{Lu}\s.'-]*(?:,\s*[\p{L}\d .]{1,20})?(?:\s*\([^)]{1,40}\))?\s+[—–-]\s*/u;

interface Label {
  kind: SpanKind;
  /** Narration that is a reporting clause: it counts with the report when the sentence as a whole is labelled. */
  frame?: boolean;
  speaker: string | null;
  role: string | null;
  confidence: number;
  cue: string | null;
}

const OTHER: Label = { kind: 'other', speaker: null, role: null, confidence: 1, cue: null };
const NARRATION: Label = { kind: 'narration', speaker: null, role: null, confidence: 0.9, cue: null };
/** The reporting clause itself ("Raab said", "according to the minister,"): the writer's words, but part of the report. */
const FRAME: Label = { ...NARRATION, frame: true };

const cache = new WeakMap<LoadedDocument, DocumentAttribution>();
const quoteCache = new WeakMap<LoadedDocument, Quote[]>();

/** A document's quotations, found once per loaded document (with its attribution: a transcript's are read as one). */
export function quotesOf(doc: LoadedDocument): Quote[] {
  if (!quoteCache.has(doc)) attributionOf(doc);
  return quoteCache.get(doc)!;
}

/** Every span of the document, covering its text, once per loaded document. */
export function attributionOf(doc: LoadedDocument): DocumentAttribution {
  let found = cache.get(doc);
  if (found) return found;
  let quotes = extractQuotes(doc);
  found = attribute(doc, isTranscript(doc), quotes);
  // A document that does not say what it is and never quotes or reports its own speaker is that
  // speaker's text (a speech imported without `kind`): read as a transcript, not as narration.
  if (found.genre === 'news' && doc.meta.kind.trim() === '' && doc.meta.speakers.length > 0 && !found.spans.some((s) => isWordsOf(s, doc.meta.speakers)))
    found = attribute(doc, true, (quotes = extractQuotes(doc, true)));
  cache.set(doc, found);
  quoteCache.set(doc, quotes);
  return found;
}

function attribute(doc: LoadedDocument, transcript: boolean, quotes: Quote[]): DocumentAttribution {
  const text = doc.text;
  const own = doc.meta.speakers[0] ?? null;
  const resolver = new SpeakerResolver(doc.meta.speakers, text, transcript);
  const subject = `(?<subject>${resolver.subject().replace(/^\(\?<subject>/, '(?:')}|[Tt]he\\s+${NAME}|${UNNAMED})`;
  const patterns = reportingPatterns(subject);
  const transcriptCue = transcriptCuePattern(subject);
  const sentences = sentenceRanges(
    text,
    doc.passages.map((p): Range => [p.start, p.end]),
  );
  const firstPassage = doc.passages[0];
  const spans: AttributedSpan[] = [];
  const sentenceLabels: SentenceAttribution[] = [];
  let lastReported: { speaker: string | null; passage: number } | null = null;

  // Quotation segments in text order, walked once alongside the sentences (no sentence scans them all).
  const segments = quotes.flatMap((q) => q.segments.map(([a, b]): [number, number, Quote] => [a, b, q])).sort((x, y) => x[0] - y[0]);
  let nextSegment = 0;
  let passage = -1;

  sentences.forEach(([s, e], index) => {
    while (nextSegment < segments.length && segments[nextSegment][1] <= s) nextSegment++;
    const inside: [number, number, Quote][] = [];
    for (let k = nextSegment; k < segments.length && segments[k][0] < e; k++) {
      const [a, b, q] = segments[k];
      if (b > s) inside.push([Math.max(a, s), Math.min(b, e), q]);
    }
    // The sentence with its quotations masked, so that a verb inside a quotation reports nothing.
    let masked = text.slice(s, e);
    for (const [a, b] of inside) masked = masked.slice(0, a - s) + '·'.repeat(b - a) + masked.slice(b - s);
    while (passage + 1 < doc.passages.length && doc.passages[passage + 1].start <= s) passage++;

    const pieces: { start: number; end: number; label: Label; quote?: boolean }[] = [];
    const outside = (start: number, end: number, label: Label) => {
      // Outside pieces are cut around the quotations inside them.
      let at = start;
      for (const [a, b, q] of inside.filter(([a, b]) => a < end && b > start)) {
        if (a > at) pieces.push({ start: at, end: a, label });
        pieces.push({ start: a, end: b, label: quoteLabel(q, label, transcript), quote: true });
        at = b;
      }
      if (end > at) pieces.push({ start: at, end, label });
    };

    const isHeadline =
      !transcript &&
      passage === 0 &&
      s === firstPassage.start &&
      e === firstPassage.end &&
      !/[.!?”"]$/.test(masked) &&
      (sameText(masked, doc.meta.title) || masked.split(/\s+/).length <= HEADLINE_WORDS || !findCue(masked, s, patterns, resolver, inside.length > 0));
    if (isHeadline || (!transcript && isFurniture(text.slice(s, e), passage >= 0 ? doc.passages[passage] : undefined, s, e))) {
      outside(s, e, OTHER);
    } else if (transcript) {
      const theirs = reportedInTranscript(masked, s, resolver, transcriptCue);
      if (isStageDirection(masked)) outside(s, e, OTHER);
      else if (theirs) {
        outside(s, s + theirs.cueEnd, { kind: 'direct', speaker: own, role: null, confidence: 0.9, cue: null });
        outside(s + theirs.cueEnd, e, theirs.label);
      } else outside(s, e, { kind: 'direct', speaker: own, role: null, confidence: 1, cue: null });
    } else {
      let from = s;
      const dateline = passage >= 0 && doc.passages[passage].start === s ? DATELINE.exec(masked) : null;
      if (dateline && dateline[0].length < masked.length) {
        outside(s, s + dateline[0].length, OTHER);
        from = s + dateline[0].length;
      }
      const cue = findCue(masked.slice(from - s), from, patterns, resolver, inside.length > 0);
      if (cue) {
        if (cue.contentStart > from) outside(from, cue.contentStart, cue.before);
        outside(cue.contentStart, cue.contentEnd, cue.label);
        if (cue.contentEnd < e) outside(cue.contentEnd, e, cue.after);
        lastReported = cue.label.kind === 'reported' ? { speaker: cue.label.speaker, passage } : null;
      } else if (lastReported && lastReported.passage === passage && lastReported.speaker && continuesReport(masked)) {
        // "She said the plan would … . It would also …": the report goes on without a new verb of saying.
        outside(from, e, { kind: 'reported', speaker: lastReported.speaker, role: null, confidence: 0.6, cue: null });
      } else {
        outside(from, e, NARRATION);
        if (inside.length === 0) lastReported = null;
      }
    }
    for (const p of pieces) {
      if (p.end <= p.start) continue;
      const { frame: _frame, ...label } = p.label;
      spans.push({ start: p.start, end: p.end, text: '', ...label, sentence: index });
    }
    sentenceLabels.push({ start: s, end: e, ...sentenceLabel(text, pieces) });
  });
  return {
    docId: doc.meta.id,
    genre: transcript ? 'transcript' : 'news',
    speakers: doc.meta.speakers,
    spans: tile(text, merge(spans)),
    sentences: sentenceLabels,
  };
}

/**
 * A sentence as a whole: the label most of its words outside quotation marks carry, a reporting clause
 * counting with its report ("Sofia Berg, chair of the dockworkers' branch, said the offer fell short" is
 * reported speech); a sentence that is all quotation takes its quotation's label.
 */
function sentenceLabel(text: string, pieces: { start: number; end: number; label: Label; quote?: boolean }[]): Omit<SentenceAttribution, 'start' | 'end'> {
  const reported = pieces.find((p) => !p.quote && p.label.kind === 'reported')?.label;
  const letters = (p: { start: number; end: number }) => text.slice(p.start, p.end).match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  const outside = pieces.filter((p) => !p.quote && letters(p) > 0);
  const winner = (counted: typeof pieces): Label => {
    const votes = new Map<Label, number>();
    for (const p of counted) {
      const label = p.label.frame && reported ? reported : p.label;
      votes.set(label, (votes.get(label) ?? 0) + letters(p));
    }
    let best: Label | null = null;
    for (const [label, n] of votes) if (!best || n > votes.get(best)!) best = label;
    return best ?? OTHER;
  };
  const { kind, speaker, role, confidence, cue } = winner(outside.length ? outside : pieces);
  // What a reader hears: “We need …,” Raab said is Raab's words, though its frame is the writer's.
  const voice = winner(pieces.filter((p) => letters(p) > 0));
  return { kind, speaker, role, confidence, cue, voice: { kind: voice.kind, speaker: voice.speaker, role: voice.role, confidence: voice.confidence } };
}

/** What a quotation inside a sentence is: its speaker's direct words, or, if nobody's, part of the sentence it stands in. */
function quoteLabel(q: Quote, sentence: Label, transcript: boolean): Label {
  if (q.speaker) return { kind: 'direct', speaker: q.speaker, role: null, confidence: q.confidence, cue: q.cue };
  // A scare quote or a title ("so-called “buy-out”", “Rising Waters”) is the sentence's own words.
  const words = q.text.split(/\s+/).filter(Boolean).length;
  if (words <= 3 || looksLikeTitle(q.text)) return sentence;
  // A longer quotation nobody is named for: someone's words, not the writer's and (in a transcript) not the speaker's.
  return { kind: 'direct', speaker: null, role: null, confidence: transcript ? 0.7 : 0.8, cue: null };
}

interface Cue {
  contentStart: number;
  contentEnd: number;
  label: Label;
  before: Label;
  after: Label;
}

interface Patterns {
  leading: RegExp;
  trailing: RegExp;
  according: RegExp;
  participle: RegExp;
}

function reportingPatterns(subject: string): Patterns {
  const object =
    "(?:\\s+(?:reporters|journalists|the\\s+\\w+(?:\\s+\\w+)?|parliament|Parliament|MPs|him|her|them|me|us|[A-Z][\\w.’'-]*(?:\\s+[A-Z][\\w.’'-]*){0,3}))?";
  return {
    // "Raab said that …", "U.K. Foreign Secretary Dominic Raab on Wednesday urged …", "On Tuesday, she warned …".
    leading: new RegExp(
      `^(?<lead>(?:[^,·“”"]{1,80},\\s*|(?:But|And|However,|Meanwhile,|Separately,)\\s+)?)${subject}(?<apposition>,[^,·“”"]{1,100},)?\\s+${ADVERBS}(?<verb>${REPORTING})\\b(?<object>(?<=\\b(?:told|tells|telling|asked|asks|reminded|assured))${object})?(?:\\s+(?:on|in|last|this)\\s+\\p{Lu}?\\w+)?(?:\\s+(?:that|how|why|whether|of|for|on|as))?\\b[\\s:,]*`,
      'u',
    ),
    // "…, Raab said." / "…, said the minister."
    trailing: new RegExp(
      `,\\s*(?:${subject}\\s+${ADVERBS}(?<verb>${REPORTING})|(?<verb2>said|says|added|told|warned)\\s+${subject.replace('?<subject>', '?<subject2>')})\\b[^.!?·“”"]{0,120}[.!?]?\\s*$`,
    ),
    // "according to the minister, …" / "…, according to Raab."
    according: new RegExp(`\\b[Aa]ccording\\s+to\\s+${subject}(?:,[^,·“”"]{1,60},)?`),
    // "…, with Raab saying …"
    participle: new RegExp(
      `\\b${subject}(?:\\s+${REPORTING}\\b[^,·“”"]{0,40},)?\\s+(?<verb>saying|adding|warning|insisting|arguing|noting|claiming|calling for|urging)\\b(?:\\s+that)?\\s*`,
    ),
  };
}

/** The reporting clause of a news sentence, if it has one, with what it reports and who said it. */
function findCue(masked: string, offset: number, patterns: Patterns, resolver: SpeakerResolver, hasQuotes: boolean): Cue | null {
  // Most sentences have no verb of saying: the big patterns need not look at them.
  if (!ANY_CUE.test(masked)) return null;
  const who = (subject: string, at: number): { speaker: string | null; role: string | null; confidence: number } | null => {
    const r = resolver.resolve(subject, at, false);
    // "Shipping analysts", "Its organiser": a common noun at the end is someone described, not named
    // (unless the text gave that title to a speaker: "the foreign secretary").
    const described = /(?:^|\s)\p{Ll}[\p{L}’'-]*$/u.test(subject.trim()) && !/^(?:he|she|I)$/i.test(subject.trim());
    if (r.speaker && !(described && r.how === 'name'))
      return { speaker: r.speaker, role: null, confidence: r.how === 'pronoun' ? 0.8 : r.how === 'sentence' ? 0.7 : CONFIDENCE[r.how] };
    // "The United Kingdom has accused …", "the European Commission said": a named body.
    const body = /^[Tt]he\s+(\p{Lu}.*)$/u.exec(subject.trim())?.[1];
    if (body && canSpeak(body) && !/^(?:[A-Z][a-z]+ )?(?:Minister|Secretary|President|Chancellor|Mayor)$/.test(body))
      return { speaker: body, role: null, confidence: 0.85 };
    // "The campaign group Safe Streets Eastbridge": a body named after what it is.
    const named = /\b(?:group|association|union|federation|company|agency|party|council|committee)\s+(\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,3})$/u.exec(
      subject.trim(),
    );
    if (named && canSpeak(named[1])) return { speaker: named[1], role: null, confidence: 0.85 };
    // Someone the text does not name can speak ("the ports minister said"); a capitalised non-person cannot.
    if (UNNAMED_ONLY.test(subject.trim()) || /^[Tt]he\s/.test(subject.trim())) return { speaker: null, role: subject.trim(), confidence: 0.85 };
    return null;
  };
  const words = (s: string) => s.replace(/·+/g, ' ').match(/\p{L}[\p{L}’'-]*/gu)?.length ?? 0;
  // A frame around a quotation ("“…,” Raab said in a speech in London") reports nothing of its own.
  const frameOnly = (content: string) =>
    hasQuotes && (words(content) <= 1 || /^\s*(?:in|at|on|during|to|before|after|from|while|when|via|through|as|with)\b/i.test(content));

  let m = patterns.leading.exec(masked);
  if (m) {
    // "Its organiser, Priya Mehta, called …": the apposition names whom the subject describes.
    const named = m.groups!.apposition && new RegExp(`^,\\s*(${NAME})\\s*,$`).exec(m.groups!.apposition);
    const speaker = who(named ? named[1] : m.groups!.subject, offset + m.index! + m.groups!.lead.length);
    const content = masked.slice(m[0].length);
    if (speaker && !frameOnly(content)) {
      return {
        contentStart: offset + m[0].length,
        contentEnd: offset + masked.length,
        label: { kind: 'reported', ...speaker, cue: m[0].trim() },
        before: FRAME,
        after: NARRATION,
      };
    }
    if (speaker) return null;
  }
  m = patterns.according.exec(masked);
  if (m) {
    const speaker = who(m.groups!.subject, offset + m.index!);
    if (speaker) {
      const label: Label = { kind: 'reported', ...speaker, confidence: Math.min(0.9, speaker.confidence), cue: m[0].trim() };
      // "According to X, …" reports what follows; "…, according to X." what comes before.
      if (masked.slice(0, m.index!).trim().length < 3)
        return { contentStart: offset + m.index! + m[0].length, contentEnd: offset + masked.length, label, before: FRAME, after: NARRATION };
      return { contentStart: offset, contentEnd: offset + m.index!, label, before: NARRATION, after: FRAME };
    }
  }
  m = patterns.trailing.exec(masked);
  if (m && m.index! > 0) {
    const subj = m.groups!.subject ?? m.groups!.subject2;
    const speaker = subj ? who(subj, offset + m.index!) : null;
    const content = masked.slice(0, m.index!);
    if (speaker && !frameOnly(content) && words(content) > 1)
      return {
        contentStart: offset,
        contentEnd: offset + m.index!,
        label: { kind: 'reported', ...speaker, cue: m[0].replace(/^,\s*/, '').trim() },
        before: NARRATION,
        after: FRAME,
      };
  }
  m = patterns.participle.exec(masked);
  if (m) {
    const speaker = who(m.groups!.subject, offset + m.index!);
    if (speaker)
      return {
        contentStart: offset + m.index! + m[0].length,
        contentEnd: offset + masked.length,
        label: { kind: 'reported', ...speaker, confidence: Math.min(0.85, speaker.confidence), cue: m[0].trim() },
        before: NARRATION,
        after: NARRATION,
      };
  }
  return null;
}

/** A sentence that goes on with a report without a verb of saying: "It would also…", "The money will…". */
function continuesReport(masked: string): boolean {
  return /^(?:It|This|That|They|The\s+\w+(?:\s+\w+)?)\s+(?:would|will|could|should|must|was\s+going\s+to)\b/.test(masked.trim());
}

/** "the Chief Justice wrote that …", "Economists tell us that …": others' words a transcript's speaker reports. */
/** The pattern of another's words told in a transcript, for one document's subjects. */
function transcriptCuePattern(subject: string): RegExp {
  // "Some said …", "Others will say …": people the speaker does not name.
  const who = subject.replace(/\)$/, `|[Ss]ome|[Oo]thers|[Cc]ritics|[Ss]keptics)`);
  return new RegExp(
    `(?:^|,\\s*|\\b(?:and|but|that|when|because|as)\\s+)(?!${FIRST_PERSON}|\\b(?:[Ww]e|[Yy]ou|[Tt]hey|[Ii]t|[Tt]his|[Tt]hat)\\b|${PRONOUN})${who}(?:,[^,·“”"]{1,80},)?\\s+${ADVERBS}` +
      `(?:${TRANSCRIPT_REPORTING}(?:\\s+(?:me|us|the\\s+\\w+|Congress))?\\s+that\\b|${TRANSCRIPT_SAYING}(?=\\s+[\\p{L}"“])|(?:spoke of|spoke about|called for|called on|asked|defined|proposed|urged|recommended)\\b)\\s*`,
    'u',
  );
}

const ANY_TRANSCRIPT_CUE = new RegExp(`\\b${TRANSCRIPT_REPORTING}\\b`);
const DESCRIBED_OR_TITLED = new RegExp(`^(?:${UNNAMED}|[Tt]he\\s.+)$`);

function reportedInTranscript(masked: string, offset: number, resolver: SpeakerResolver, re: RegExp): { cueEnd: number; label: Label } | null {
  if (!ANY_TRANSCRIPT_CUE.test(masked)) return null;
  const m = re.exec(masked);
  if (!m) return null;
  const subj = m.groups!.subject.trim();
  const r = resolver.resolve(subj, offset + m.index!, false);
  // Only someone the text makes a person: a full name, a titled name ("President Washington"), or a name
  // it has speaking elsewhere (not "Tucson").
  const titled = /^(?:President|General|Senator|Governor|Secretary|Justice|Judge|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sir)\s/.test(subj);
  if (r.speaker && r.speaker !== resolver.ownSpeaker && (resolver.isKnownPerson(r.speaker) || titled))
    return { cueEnd: m.index! + m[0].length, label: { kind: 'reported', speaker: r.speaker, role: null, confidence: 0.8, cue: m[0].trim() } };
  if (
    !r.speaker &&
    (DESCRIBED_OR_TITLED.test(subj) || /^(?:Some|Others|Critics|Skeptics)$/i.test(subj)) &&
    !/^[A-Z][a-z]+$/.test(subj.replace(/^(?:Some|Others|Critics|Skeptics)$/i, 'x'))
  )
    return { cueEnd: m.index! + m[0].length, label: { kind: 'reported', speaker: null, role: subj, confidence: 0.75, cue: m[0].trim() } };
  return null;
}

/** A line that is no part of the story: a byline, "Read more", a caption, a sign-up prompt. */
function isFurniture(sentence: string, passage: { start: number; end: number } | undefined, s: number, e: number): boolean {
  if (FURNITURE.test(sentence)) return true;
  const wholeLine = passage !== undefined && passage.start === s && passage.end === e;
  return wholeLine && BYLINE.test(sentence) && !/[.!?]$/.test(sentence);
}

function sameText(a: string, b: string): boolean {
  const fold = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return fold(a) === fold(b);
}

/** Neighbouring spans of one sentence with the same label become one. */
function merge(spans: AttributedSpan[]): AttributedSpan[] {
  const out: AttributedSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (
      last &&
      last.sentence === s.sentence &&
      last.end === s.start &&
      last.kind === s.kind &&
      last.speaker === s.speaker &&
      last.role === s.role &&
      last.confidence === s.confidence &&
      last.cue === s.cue
    )
      last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/**
 * Spans that cover the text exactly: the white space between two spans goes to the first, what
 * precedes the first span to it; so joining every span's text gives the document's text back.
 */
function tile(text: string, spans: AttributedSpan[]): AttributedSpan[] {
  if (spans.length === 0)
    return text.length ? [{ start: 0, end: text.length, text, kind: 'other', speaker: null, role: null, confidence: 1, cue: null, sentence: 0 }] : [];
  spans[0].start = 0;
  for (let i = 0; i < spans.length; i++) {
    spans[i].end = i + 1 < spans.length ? spans[i + 1].start : text.length;
    spans[i].text = text.slice(spans[i].start, spans[i].end);
  }
  return spans;
}
