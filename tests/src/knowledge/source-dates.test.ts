import { describe, expect, it } from 'vitest';
import { deriveAsOf, describeEstimate, describeSourceDate, findFirmEstimates, parseSourceDate, type EstimatedDating, type SourceDating } from '../../../src/knowledge/source-dates.js';

const dating = (value: unknown): SourceDating => {
  const parsed = parseSourceDate(value);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('parseSourceDate', () => {
  it('reads an exact date to the day, the month or the year, in any case, and writes it one way', () => {
    expect(dating('13 november 2011')).toEqual({ kind: 'exact', text: '13 November 2011', period: { start: 20111113, end: 20111113 } });
    expect(dating('February 2012')).toMatchObject({ text: 'February 2012', period: { start: 20120201, end: 20120229 } });
    expect(dating(2011)).toMatchObject({ text: '2011', period: { start: 20110101, end: 20111231 } });
  });

  it('reads an estimate: a date, a part of a year, or a range, with its basis', () => {
    expect(dating({ estimate: 'Early 2012', basis: 'two years on' })).toEqual({
      kind: 'estimate',
      estimate: 'early 2012',
      basis: 'two years on',
      period: { start: 20120101, end: 20120430 },
      from: 'early 2012',
      to: 'early 2012',
    });
    expect(dating({ estimate: '2011 to early 2012', basis: 'a bill before Parliament' })).toMatchObject({ estimate: '2011 to early 2012', from: '2011', to: 'early 2012', period: { start: 20110101, end: 20120430 } });
    expect(dating({ estimate: 'summer 2011', basis: '"last summer"' })).toMatchObject({ period: { start: 20110601, end: 20110831 } });
  });

  it('says what is wrong, to follow "date"', () => {
    expect(parseSourceDate(undefined)).toBe('is missing');
    expect(parseSourceDate('30 February 2011')).toMatch(/^must be an exact date like "13 November 2011".* \(got "30 February 2011"\)$/);
    expect(parseSourceDate('undated; about 2012')).toMatch(/\(got "undated; about 2012"\)$/);
    expect(parseSourceDate(['2011'])).toMatch(/^must be an exact date/);
    expect(parseSourceDate({ estimate: '2011' })).toBe('gives an estimate without its "basis": say what the estimate rests on');
    expect(parseSourceDate({ basis: 'a guess' })).toMatch(/^gives no "estimate"/);
    expect(parseSourceDate({ estimate: '2011', basis: 'b', when: 'x' })).toBe('has fields it does not know (when): an estimate has only "estimate" and "basis"');
    expect(parseSourceDate({ estimate: 'about 2011', basis: 'b' })).toMatch(/^has an estimate it cannot read \("about 2011"\)/);
    expect(parseSourceDate({ estimate: '2012 to 2011', basis: 'b' })).toMatch(/^has an estimate it cannot read/);
  });
});

describe('describeSourceDate', () => {
  it('shows an exact date as it is, and an estimate always as one', () => {
    expect(describeSourceDate(dating('16 December 2009'))).toBe('16 December 2009');
    expect(describeSourceDate(dating({ estimate: 'early 2012', basis: 'b' }))).toBe('undated; about early 2012');
  });
});

describe('deriveAsOf', () => {
  const blog = dating('16 December 2009');
  const report = dating({ estimate: 'December 2009', basis: 'the same speech' });
  const article = dating('13 November 2011');
  const conference = dating({ estimate: '2011', basis: 'Voice 11' });
  const update = dating({ estimate: 'early 2012', basis: 'two years on' });
  const audit = dating({ estimate: '2011 to early 2012', basis: 'a bill' });

  it('uses the one date of a single source, or of sources that share it', () => {
    expect(deriveAsOf([article])).toBe('13 November 2011');
    expect(deriveAsOf([update, update])).toBe('about early 2012 (undated source)');
    expect(deriveAsOf([audit])).toBe('about 2011 to early 2012 (undated source)');
  });

  it('spans several sources from the earliest to the latest, marking each estimated end "about"', () => {
    expect(deriveAsOf([article, blog])).toBe('16 December 2009 to 13 November 2011');
    expect(deriveAsOf([article, update])).toBe('13 November 2011 to about early 2012');
    expect(deriveAsOf([blog, article, update, conference])).toBe('16 December 2009 to about early 2012');
    // An estimate that may be earlier than an exact date starts the span.
    expect(deriveAsOf([article, audit])).toBe('about 2011 to about early 2012');
  });

  it('says "undated" only when no cited source has a date of its own', () => {
    expect(deriveAsOf([conference, update])).toBe('about 2011 to early 2012 (undated sources)');
    expect(deriveAsOf([conference, article])).not.toMatch(/undated/);
  });

  it('gives one date when both ends fall in the same estimate, and never an empty one', () => {
    expect(deriveAsOf([blog, report])).toBe('about December 2009');
    expect(deriveAsOf([])).toBe('an unknown date');
  });
});

describe('an estimate with only a latest date', () => {
  const latest = dating({ estimate: 'no later than early 2012', basis: 'the newest post in an archive listed newest first is from about early 2012' });

  it('reads "no later than …" as a period with no start, and shows it as an estimate everywhere', () => {
    expect(latest).toMatchObject({ kind: 'estimate', estimate: 'no later than early 2012', from: null, to: 'early 2012', period: { start: 0, end: 20120430 } });
    expect(describeSourceDate(latest)).toBe('undated; about early 2012 or earlier');
    expect(describeEstimate(latest as EstimatedDating)).toBe('about early 2012 or earlier');
  });

  it('makes every span it starts open-ended, and never a firm date', () => {
    expect(deriveAsOf([latest])).toBe('about early 2012 or earlier (undated source)');
    expect(deriveAsOf([latest, dating({ estimate: '2011 to early 2012', basis: 'b' })])).toBe('about early 2012 or earlier (undated sources)');
    expect(deriveAsOf([latest, dating('13 November 2011')])).toBe('about early 2012 or earlier');
    expect(deriveAsOf([latest, dating('13 May 2013')])).toBe('13 May 2013 or earlier');
  });
});

describe('findFirmEstimates', () => {
  const update = { id: 'update', dating: dating({ estimate: 'early 2012', basis: 'two years on' }), textDates: new Set(['april 2012']) };
  const report = { id: 'report', dating: dating({ estimate: '2011', basis: 'Voice 11' }), textDates: new Set<string>() };
  const article = { id: 'article', dating: dating('13 November 2011'), textDates: new Set<string>() };
  const found = (text: string, cited = [update, report, article]) => findFirmEstimates(text, cited).map((firm) => `${firm.written} (${firm.sourceId}: ${firm.estimate})`);

  it('finds an estimate, or a wider period, written as a firm date', () => {
    expect(found('The early-2012 update (early 2012) said so; the 2012 paper too; Lansley spoke in 2011.')).toEqual([
      'early-2012 (update: about early 2012)',
      'early 2012 (update: about early 2012)',
      '2012 (update: about early 2012)',
      '2011 (report: about 2011)',
    ]);
  });

  it('lets an estimate marked as one, a date the source itself gives, a cited exact date and a narrower date stand', () => {
    expect(found('In about early 2012, from about 2011 to early 2012, probably 2011, 2011 or earlier; due by April 2012; in November 2011; from February 2012.')).toEqual([]);
  });

  it('takes a bare year as an exact source\'s only when that source gives no more than the year', () => {
    expect(found('In 2011 the paper reported it.', [report, article])).toEqual(['2011 (report: about 2011)']);
    expect(found('In 2011 the paper reported it.', [report, { ...article, dating: dating('2011') }])).toEqual([]);
  });
});
