/**
 * Source dates: an exact date as the document shows it, or an estimate with
 * its basis. Everything a reader sees about when facts date from (a source's
 * date, an answer's "As of") is worked out here, so one wording holds across
 * the knowledge base.
 */

/** A stretch of time as two `yyyymmdd` numbers, both inclusive. */
export interface DatePeriod {
  start: number;
  end: number;
}

/** A source's date, parsed from `sources.yaml`. */
export type SourceDating =
  | {
      kind: 'exact';
      /** As readers see it: "13 November 2011", "November 2011" or "2011". */
      text: string;
      period: DatePeriod;
    }
  | {
      kind: 'estimate';
      /** The estimate without "about": "early 2012", "2011 to early 2012". */
      estimate: string;
      /** Why the estimate is what it is. */
      basis: string;
      period: DatePeriod;
      /**
       * The first and last period of a range ("2011", "early 2012"); both the
       * estimate when it is not a range. `from` is null for an estimate with
       * no earliest date ("no later than early 2012").
       */
      from: string | null;
      to: string;
    };

/** An estimated source date. */
export type EstimatedDating = Extract<SourceDating, { kind: 'estimate' }>;

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Parts of a year an estimate may name, as [first month, last month].
const yearParts: Record<string, [number, number]> = { early: [1, 4], mid: [5, 8], late: [9, 12], spring: [3, 5], summer: [6, 8], autumn: [9, 11] };

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const key = (year: number, month: number, day: number): number => year * 10_000 + month * 100 + day;

interface ParsedPeriod {
  text: string;
  period: DatePeriod;
}

const monthIndex = (name: string): number => months.findIndex((month) => month.toLowerCase() === name.toLowerCase()) + 1;

/** "13 November 2011", "November 2011" or "2011", in any case; null when it is none of these or not a real day. */
function parseCalendarDate(text: string): ParsedPeriod | null {
  const match = /^(?:(?:(\d{1,2}) )?([A-Za-z]+) )?(\d{4})$/.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return null;
  const [, dayText, monthName, yearText] = match;
  const year = Number(yearText);
  if (monthName === undefined) return { text: String(year), period: { start: key(year, 1, 1), end: key(year, 12, 31) } };
  const month = monthIndex(monthName);
  if (month === 0) return null;
  const name = months[month - 1]!;
  if (dayText === undefined) return { text: `${name} ${year}`, period: { start: key(year, month, 1), end: key(year, month, daysIn(year, month)) } };
  const day = Number(dayText);
  if (day < 1 || day > daysIn(year, month)) return null;
  return { text: `${day} ${name} ${year}`, period: { start: key(year, month, day), end: key(year, month, day) } };
}

/** A calendar date, or a part of a year: "early 2012", "summer 2011". */
function parsePeriod(text: string): ParsedPeriod | null {
  const part = /^([A-Za-z]+) (\d{4})$/.exec(text.trim().replace(/\s+/g, ' '));
  const months = part ? yearParts[part[1]!.toLowerCase()] : undefined;
  if (part && months) {
    const year = Number(part[2]);
    return { text: `${part[1]!.toLowerCase()} ${year}`, period: { start: key(year, months[0], 1), end: key(year, months[1], daysIn(year, months[1])) } };
  }
  return parseCalendarDate(text);
}

const exactHint = 'an exact date like "13 November 2011", "November 2011" or "2011"';
const estimateHint = 'an estimate with its basis, like { estimate: "early 2012", basis: "nearly two years after the May 2010 election" }';

/**
 * Parses a source's `date` from `sources.yaml`: an exact date (text), or
 * `{ estimate, basis }` where the estimate is a date, a part of a year
 * ("early 2012", "summer 2011") or a range of them ("2011 to early 2012").
 * @returns the dating, or a message that reads after `"date"`.
 */
export function parseSourceDate(value: unknown): SourceDating | string {
  if (value === undefined || value === null) return 'is missing';
  if (typeof value === 'string' || typeof value === 'number') {
    const exact = parseCalendarDate(String(value));
    return exact ? { kind: 'exact', ...exact } : `must be ${exactHint}, or ${estimateHint} (got "${String(value)}")`;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return `must be ${exactHint}, or ${estimateHint}`;
  const { estimate, basis, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `has fields it does not know (${unknown.join(', ')}): an estimate has only "estimate" and "basis"`;
  if (typeof basis !== 'string' || basis.trim() === '') return 'gives an estimate without its "basis": say what the estimate rests on';
  if (typeof estimate !== 'string' && typeof estimate !== 'number') return `gives no "estimate": ${estimateHint}`;
  const latest = /^\s*no\s+later\s+than\s+(.+)$/i.exec(String(estimate));
  if (latest) {
    const to = parsePeriod(latest[1]!);
    if (!to) return unreadableEstimate(estimate);
    return { kind: 'estimate', estimate: `no later than ${to.text}`, basis: basis.trim(), period: { start: 0, end: to.period.end }, from: null, to: to.text };
  }
  const [fromText = '', toText, ...extra] = String(estimate).split(/\s+to\s+/i);
  const from = parsePeriod(fromText);
  const to = toText === undefined ? from : parsePeriod(toText);
  if (!from || !to || extra.length > 0 || to.period.end < from.period.start) return unreadableEstimate(estimate);
  const text = toText === undefined ? from.text : `${from.text} to ${to.text}`;
  return { kind: 'estimate', estimate: text, basis: basis.trim(), period: { start: from.period.start, end: to.period.end }, from: from.text, to: to.text };
}

const unreadableEstimate = (estimate: string | number): string =>
  `has an estimate it cannot read ("${String(estimate)}"): use a date ("December 2009", "2011"), a part of a year ("early 2012", "summer 2011"), a range ("2011 to early 2012") or a latest date ("no later than early 2012"), without "about"`;

/**
 * An estimate as readers see it, in running text as in answers: "about early
 * 2012", "about 2011 to early 2012", "about early 2012 or earlier". The one
 * wording of an estimate: the sources line, the "As of" lead and the messages
 * of `kb verify` all use it.
 */
export function describeEstimate(dating: EstimatedDating): string {
  if (dating.from === null) return `about ${dating.to} or earlier`;
  return `about ${dating.from === dating.to ? dating.from : `${dating.from} to ${dating.to}`}`;
}

/** A source's date as readers see it: "13 November 2011", or an estimate shown as one: "undated; about early 2012". */
export function describeSourceDate(dating: SourceDating): string {
  return dating.kind === 'exact' ? dating.text : `undated; ${describeEstimate(dating)}`;
}

/**
 * When an entry's facts date from, worked out from the dates of the sources it
 * cites, to follow "As of". From the earliest to the latest date they may date
 * from (one date when they agree). When every cited source is undated, the
 * whole phrase is an estimate: "about 2011 to early 2012 (undated sources)".
 * Otherwise each estimated end is marked "about": "13 November 2011 to about
 * early 2012". An estimate is never shown as a firm date.
 */
export function deriveAsOf(datings: readonly SourceDating[]): string {
  if (datings.length === 0) return 'an unknown date';
  const labels = new Set(datings.map(describeSourceDate));
  const [first] = datings;
  if (labels.size === 1 && first!.kind === 'exact') return first!.text;
  // On a tie, the exact date wins: it says more.
  const exactFirst = (a: SourceDating, b: SourceDating): number => (a.kind === b.kind ? 0 : a.kind === 'exact' ? -1 : 1);
  const earliest = [...datings].sort((a, b) => a.period.start - b.period.start || exactFirst(a, b))[0]!;
  const latest = [...datings].sort((a, b) => b.period.end - a.period.end || exactFirst(a, b))[0]!;
  if (datings.every((dating) => dating.kind === 'estimate')) {
    const undated = `(undated source${labels.size === 1 ? '' : 's'})`;
    const span = { ...(latest as EstimatedDating), from: (earliest as EstimatedDating).from };
    return `${describeEstimate(span)} ${undated}`;
  }
  const to = latest.kind === 'exact' ? latest.text : describeEstimate({ ...latest, from: latest.to });
  if (earliest.kind === 'estimate' && earliest.from === null) return `${to} or earlier`;
  const from = earliest.kind === 'exact' ? earliest.text : describeEstimate({ ...earliest, to: earliest.from! });
  return from === to ? from : `${from} to ${to}`;
}

const monthNames = months.join('|');
const yearPartNames = Object.keys(yearParts).join('|');
// "13 November 2011", "November 2011", "early 2012", "early-2012", "2011".
const dateMention = new RegExp(`\\b(?:(?:\\d{1,2}\\s+)?(?:${monthNames})\\s+|(?:${yearPartNames})[\\s-]+)?(?:19|20)\\d{2}\\b`, 'giu');

/** The dates written in a text, as found ("early-2012") and as read ("early 2012"), with where each stands. */
export function findDateMentions(text: string): { start: number; end: number; written: string; read: ParsedPeriod }[] {
  return [...text.matchAll(dateMention)].flatMap((match) => {
    const read = parsePeriod(match[0].replace(/-/g, ' '));
    return read ? [{ start: match.index, end: match.index + match[0].length, written: match[0], read }] : [];
  });
}

// Words that mark a date in running text as an estimate, before it ("about early 2012") or after it ("2011 or earlier").
const hedgeBefore = /\b(?:about|around|roughly|approximately|probably|likely|perhaps|possibly|circa|estimated|no\s+later\s+than)\b[^.;:,()]*$/iu;
const hedgeAfter = /^\s*(?:or\s+(?:earlier|before|so)|at\s+the\s+latest)\b/iu;

/** A cited source, for {@link findFirmEstimates}: its id, its date, and the dates its own text gives. */
export interface CitedDating {
  id: string;
  dating: SourceDating;
  /** Dates the source's text itself gives, as read ("april 2012"): writing one of them is repeating the source. */
  textDates: ReadonlySet<string>;
}

/** A date in a text that states a cited source's estimated date as if it were exact. */
export interface FirmEstimate {
  start: number;
  end: number;
  /** The date as written. */
  written: string;
  /** The source whose estimated date it states. */
  sourceId: string;
  /** How to write the estimate instead ({@link describeEstimate}). */
  estimate: string;
}

const contains = (outer: DatePeriod, inner: DatePeriod): boolean => outer.start <= inner.start && inner.end <= outer.end;

/**
 * Dates in a text (an entry's title or answer) that state the estimated date
 * of a cited, undated source as if it were exact: the estimate itself or a
 * wider period ("early 2012", "the 2012 update", "in 2011"), not marked as an
 * estimate ("about early 2012", "2011 or earlier"). A date is fine when a cited
 * source's own text gives it ("by April 2012"), when it is a cited source's
 * exact date (a day, a month or a part of a year holding it, or its year when
 * the source gives only a year), or when it is narrower than the estimate (a
 * month within it: that is a fact, not the source's date).
 */
export function findFirmEstimates(text: string, cited: readonly CitedDating[]): FirmEstimate[] {
  return findDateMentions(text).flatMap((mention): FirmEstimate[] => {
    if (hedgeBefore.test(text.slice(Math.max(0, mention.start - 60), mention.start)) || hedgeAfter.test(text.slice(mention.end))) return [];
    const read = mention.read.text.toLowerCase();
    if (cited.some((source) => source.textDates.has(read))) return [];
    const isYear = /^\d{4}$/.test(read);
    const exactly = cited.some(({ dating }) => dating.kind === 'exact' && (isYear ? dating.text === read : contains(mention.read.period, dating.period)));
    if (exactly) return [];
    const same = (text: string | null): boolean => text !== null && parsePeriod(text)?.period.start === mention.read.period.start && parsePeriod(text)?.period.end === mention.read.period.end;
    const stated = cited.find(({ dating }) => dating.kind === 'estimate' && (contains(mention.read.period, dating.period) || same(dating.from) || same(dating.to)));
    if (!stated || stated.dating.kind !== 'estimate') return [];
    return [{ start: mention.start, end: mention.end, written: mention.written, sourceId: stated.id, estimate: describeEstimate(stated.dating) }];
  });
}
