/** A source document that knowledge entries cite. */
export interface Source {
  /** Short kebab-case id, cited by entries, e.g. `independent-2011`. */
  id: string;
  title: string;
  author: string;
  publisher: string;
  /**
   * The date as readers see it, worked out from `sources.yaml`: the document's
   * own date ("13 November 2011"), or an estimate shown as one ("undated; about early 2012").
   */
  date: string;
  /** The capture the facts were taken from. */
  file: string;
  /** Where this source's part of `file` starts and ends, when the capture holds more than one document. */
  part?: SourcePart;
}

/** A few words of a capture (fewer than 8) marking where one document in it starts, and where the next begins. */
export interface SourcePart {
  /** The first words of the part. */
  from: string;
  /** The first words after it; the part runs to the end of the file when absent. */
  until?: string;
}

/** One curated knowledge entry: a question area and its answer. */
export interface Entry {
  id: string;
  title: string;
  /** Ways people ask for this entry. The first is its canonical question. */
  questions: string[];
  tags: string[];
  /** Ids of the sources its facts come from. */
  sources: string[];
  /**
   * When its facts date from, worded to follow "As of", e.g. `13 November 2011`:
   * worked out from the dates of its sources, unless the entry overrides it.
   */
  asOf: string;
  /** Present when the entry's own `as_of` differs from the date its sources give: that date, and the entry's reason (null when none is given). */
  asOfOverride?: { derived: string; reason: string | null };
  /** Figures the text works out from a source rather than repeating one, each with its reason (front matter `derived_figures`). */
  derivedFigures?: Readonly<Record<string, string>>;
  /** Ids of related entries. */
  related: string[];
  /**
   * Other names for what the entry is about, as people say them: roles,
   * descriptions, nicknames ("the audit office boss", "that hospital in
   * Cambridgeshire"). Searched like its phrasings. None when absent.
   */
  aliases?: string[];
  /**
   * The short answer ("Yes", "No") to the entry's first question, when that
   * asks yes or no. An answer opens with it only for a question that asks yes
   * or no and matches that first question closely; the body never starts with it.
   */
  lead?: string;
  /** The answer text, in plain words. */
  body: string;
  /** Where the entry was loaded from, for messages that point at it. */
  file: string;
  /** The team or role that keeps the entry up to date (never a person). */
  owner?: string;
  /** When someone last checked the entry against its sources, `YYYY-MM-DD`. Absent: never. */
  reviewed?: string;
  /** Days between reviews, when the entry sets its own; otherwise the knowledge base's {@link KnowledgeBase.reviewEveryDays}. */
  reviewEveryDays?: number;
}

/** A group of words and phrases that mean the same thing to the search. */
export type SynonymGroup = string[];

/** One kind of small talk: what people say, and what the bot says back. */
export interface SmallTalkReply {
  /** Whole messages that get this reply, compared ignoring case, punctuation and spacing ("hi", "thank you"). */
  says: string[];
  /** The bot's reply: short, friendly, saying what it can do. */
  reply: string;
}

/** Replies to greetings, thanks and "what can you do?", and the popular first questions (`small-talk.yaml`). */
export interface SmallTalk {
  /**
   * What the bot says first when someone opens a conversation with it before
   * asking anything (Slack's assistant pane), followed by the starters.
   * None: the adapter's own short greeting.
   */
  greeting?: string;
  replies: SmallTalkReply[];
  /** Entry ids of popular first questions, most popular first: offered with small talk, declines and as starters. */
  starters: string[];
  /** Words that may come with small talk without making it a question ("ok", "so much", "mate"): left out when matching `says`. */
  ignore?: string[];
}

/** Everything loaded from a knowledge folder, validated. */
export interface KnowledgeBase {
  entries: Entry[];
  sources: Source[];
  synonyms: SynonymGroup[];
  /** Replies to small talk and the popular first questions; none when the folder has no `small-talk.yaml`. */
  smallTalk?: SmallTalk;
  /** Where it was loaded from. */
  dir: string;
  /**
   * Days between reviews of an entry that does not set its own (`review.yaml`'s
   * `review_every`).
   * @default 365
   */
  reviewEveryDays?: number;
}

/**
 * Why an answer is what it is: `answered` (one entry answers it), `clarify`
 * (not sure enough to answer, but there are plausible candidates, offered in
 * `suggestions`), `no_match` (a decline: nothing plausible), `small_talk` (a
 * greeting, thanks or "what can you do?": a friendly reply in `answer` and
 * popular first questions in `suggestions`; not a question, so not a gap in
 * the knowledge) or `invalid` (the input cannot be searched: empty, too long,
 * control characters). Every status but `answered` is shown the same way: the
 * `answer` text, then the `suggestions` as questions to ask.
 *
 * Declining is the engine's act (its decision outcome `decline`, the reason
 * "decline: …", the evaluation's `decline` expectation); `no_match` is the
 * status of the answer a decline gives, the name in the public JSON and the
 * question log. The composer's `decline` is the one place that maps one to the other.
 */
export type AnswerStatus = Answer['status'];

/** How sure the engine is that the entry answers the question. */
export type Confidence = 'high' | 'medium' | 'low';

/** A source as cited in an answer. */
export interface AnswerSource {
  id: string;
  title: string;
  author: string;
  publisher: string;
  date: string;
}

/** A pointer to another entry: something the bot can answer. */
export interface EntryLink {
  id: string;
  title: string;
  /** The entry's canonical question, to ask it with one click. */
  question: string;
}

/**
 * What an honest partial answer says is missing: the question asked for a
 * kind of detail (a date, a figure, a name…) that the entry it matched does
 * not state, so the answer opens by saying so before giving what the sources
 * do say about the subject.
 */
export interface AnswerGap {
  /** The kind of detail asked for and not given (`date`, `amount`, `count`, `name`, `place`, `detail`…). */
  kind: string;
  /** The sentence a person reads, e.g. "My sources don't give the exact date." */
  text: string;
}

/** One entry of an answer that covers several (a comparison: "X vs Y"), each with its own facts, sources and date. */
export interface AnswerPart {
  entryId: string;
  title: string;
  /** When this part's facts date from. */
  asOf: string;
  /** This part's text, introduced by when its facts date from. */
  answer: string;
  sources: AnswerSource[];
  /** When someone last checked this entry against its sources (`YYYY-MM-DD`), or `null`. */
  reviewed: string | null;
}

/**
 * What an answer is made of: one entry (`entry`), two entries side by side
 * (`comparison`, with `parts`), or the documents behind an entry
 * (`sources`: who wrote them and when, from the source registry).
 */
export type AnswerKind = 'entry' | 'comparison' | 'sources';

/**
 * The result of asking a question: one of five shapes, told apart by
 * `status`, each carrying exactly its own fields. Plain data, serialisable as
 * JSON: every adapter renders this shape, and outside checks read it. Every
 * shape has every key of the JSON contract (docs/command-line.md), in the same
 * order; the fields a status never fills are typed `null` (or an empty list) for it.
 */
export type Answer = AnsweredAnswer | ClarifyAnswer | NoMatchAnswer | SmallTalkAnswer | InvalidAnswer;

/** What every answer carries, whatever its status. */
interface AnswerBase {
  /** The question as asked (trimmed; cut to the length limit if it was longer). */
  question: string;
  /**
   * The text a person reads. For `answered`, the entry's answer, introduced by
   * when its facts date from ("As of November 2011: …"). For `clarify`, "I'm
   * not sure I understood. Did you mean one of these?"; for `no_match`, "I don't
   * have information on that…"; for `small_talk`, the reply from
   * `small-talk.yaml`; for `invalid`, what is wrong with the input.
   */
  answer: string;
  /**
   * Why the engine did what it did, in a few words: which check or which
   * probability decided it ("answer: p=0.93 ≥ 0.62", "decline: names a right no
   * entry covers"). For maintainers (`--json`, the question log, `kb eval`), not shown to people.
   */
  reason: string;
  /**
   * The engine's estimate that the answer (for `clarify`, one of the choices) is
   * right (0 to 1), from the decision model; `null` when no model decided.
   */
  probability: number | null;
  /**
   * The entry the question was read against, when it was asked as a follow-up
   * (`AskOptions.previous`), so that it can be asked again as it was. Absent otherwise.
   */
  previous?: string;
}

/** An answer from the knowledge: one entry, two side by side, or the documents behind one. */
export interface AnsweredAnswer extends AnswerBase {
  status: 'answered';
  entryId: string;
  /** The entry's title (a comparison: both, joined by " · "). */
  title: string;
  /** When the facts date from. */
  asOf: string;
  /**
   * The date (`YYYY-MM-DD`) someone last checked the entry against its
   * sources (its `reviewed` field), shown as "Checked <date>"; `null` when it never was (and for a comparison: see its parts).
   */
  reviewed: string | null;
  /** The search score of the entry, for logs and `--json`. Not for people: show `confidence` instead. */
  score: number;
  /** How sure the engine is, in words. */
  confidence: Confidence;
  sources: AnswerSource[];
  /**
   * Up to `maxRelated` entries worth reading next. When the question asked two
   * things ("who was that, and did it work?"), the entry answers the main one
   * and the **first** link is the entry for the other, so every adapter
   * already offers it as a button.
   */
  related: EntryLink[];
  /** Always empty: an answer offers related questions instead. */
  suggestions: [];
  /** What the answer is made of (see {@link AnswerKind}). */
  kind: AnswerKind;
  /** When answered honestly about a missing detail: what the sources don't give (the `answer` text opens with its sentence). */
  gap: AnswerGap | null;
  /** "Yes" or "No", when the question asks yes or no and the entry gives that lead for such a question (the `answer` text opens with it). */
  lead: string | null;
  /** For a comparison: one part per entry, each with its own sources and date. Empty otherwise. */
  parts: AnswerPart[];
  /**
   * Set when the follow-up was answered by the same entry the previous answer
   * gave, so the answer says so briefly instead of repeating the whole text.
   */
  repeated?: true;
}

/** The fields of an answer that gives no entry: `null` or empty where an entry would be. */
interface NoEntry extends AnswerBase {
  entryId: null;
  title: null;
  asOf: null;
  reviewed: null;
  confidence: null;
  sources: [];
  related: [];
  kind: null;
  gap: null;
  lead: null;
  parts: [];
}

/** Not sure enough to answer: the bot asks which of a few questions was meant. */
export interface ClarifyAnswer extends NoEntry {
  status: 'clarify';
  /** The search score of the best candidate, for logs and `--json`. */
  score: number;
  /** The candidates the question may have meant, best first (at least one, at most 3). */
  suggestions: EntryLink[];
}

/** A decline: nothing plausible ("I don't have information on that"). */
export interface NoMatchAnswer extends NoEntry {
  status: 'no_match';
  /** The search score of the best candidate; `null` when nothing matched at all. */
  score: number | null;
  /** Up to `maxSuggestions` things the bot can answer, the closest first. */
  suggestions: EntryLink[];
}

/** A greeting, thanks or "what can you do?": a friendly reply. Never searched. */
export interface SmallTalkAnswer extends NoEntry {
  status: 'small_talk';
  score: null;
  probability: null;
  /** The popular first questions. */
  suggestions: EntryLink[];
}

/** Input that cannot be searched (empty, too long, control characters). Never searched. */
export interface InvalidAnswer extends NoEntry {
  status: 'invalid';
  score: null;
  probability: null;
  /** Example questions. */
  suggestions: EntryLink[];
}

/** Options for {@link Answerer.ask}. Every one has a default in `defaultAskOptions`. */
export interface AskOptions {
  /**
   * Longest question accepted, in characters. Longer ones get `invalid`.
   * @default 500
   */
  maxQuestionLength: number;
  /**
   * Most related entries to return.
   * @default 3
   */
  maxRelated: number;
  /**
   * Most suggestions to return with a `no_match` or `invalid` answer.
   * @default 3
   */
  maxSuggestions: number;
  /**
   * The conversation so far: the entry id of the previous answer in this
   * conversation (a thread, a DM, the console). A follow-up that is unclear on
   * its own ("who ran it?") is answered in the context of that entry and its
   * related entries; a question that stands on its own ignores it.
   * @default null
   */
  previous: string | null;
}
