import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatKnowledgeIssue, verifyKnowledge, type KnowledgeVerification } from '../../../src/index.js';
import { copyFixture, makeTempDir } from '../../support/fixture-knowledge.js';

// Invented source texts and knowledge of our own (never the real sources).
const fixtureKnowledge = fileURLToPath(new URL('../../fixtures/knowledge-verify', import.meta.url));
const fixtureSources = fileURLToPath(new URL('../../fixtures/sources-verify', import.meta.url));

const temps: { remove(): void }[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

/** A file's text, or nothing when it is not there (an edit may create it). */
const textOf = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

/** A writable copy of a fixture knowledge folder, with only the entries named kept (`ids`: all of them). */
function fixtureWith(fixture: string, ids: readonly string[], entries: readonly string[]): { dir: string; edit(path: string, change: (text: string) => string): void } {
  const temp = makeTempDir('rtp-verify-');
  temps.push(temp);
  const dir = copyFixture(fixture, join(temp.dir, 'knowledge'));
  for (const id of ids.filter((candidate) => !entries.includes(candidate))) rmSync(join(dir, 'entries', `${id}.md`));
  return { dir, edit: (path, change) => writeFileSync(join(dir, path), change(textOf(join(dir, path)))) };
}

/** A writable copy of the fixture knowledge, with only the entries named kept. */
function knowledgeWith(entries: string[]): ReturnType<typeof fixtureWith> {
  const copy = fixtureWith('knowledge-verify', ['bakery-co-op', 'misquote', 'wrong-source-quote', 'planted-figure', 'copied-run'], entries);
  // Its one exception is for the bakery entry; without that entry it would be reported as unused.
  if (!entries.includes('bakery-co-op')) rmSync(join(copy.dir, 'copy-exceptions.yaml'));
  return copy;
}

const lines = (result: KnowledgeVerification, dir: string): string[] =>
  result.issues.map((issue) => formatKnowledgeIssue({ ...issue, file: relative(dir, resolve(issue.file)) }, { withLevel: true }));

describe('verifyKnowledge', () => {
  it('finds the planted misquote, quotation from another source, unexplained figure and copied run, each at its line', () => {
    const result = verifyKnowledge(fixtureKnowledge, fixtureSources);
    expect(lines(result, fixtureKnowledge)).toEqual([
      'entries/copied-run.md:12: error: repeats 10 words of digest-pool outside quotation marks ("the Eastford pool trust has signed a 25-year lease"): say it in our own words, or quote a person\'s words briefly; a name with a job title may be listed in copy-exceptions.yaml',
      'entries/misquote.md:12: error: the quotation "bake finer bread when the ovens are ours" is not word for word in any cited source (bakery-2015): quote the source exactly, or drop the quotation marks and say it in our own words',
      'entries/planted-figure.md:12: error: the figure "45" is in no cited source (digest-library) and not in their dates: correct it, cite the source it comes from, or, if it is worked out from a source, give the reason under "derived_figures"',
      'entries/wrong-source-quote.md:13: error: the quotation "stay open for every child in the town" is not in its cited sources (digest-library) but is in digest-pool: cite that source, or quote the one cited',
    ]);
    expect(result.counts).toEqual({
      entries: 5,
      sources: 3,
      quotes: 3,
      figures: 8,
      quoteProblems: 2,
      unexplainedFigures: 1,
      copiedRuns: 1,
      nearCopies: 0,
      firmEstimates: 0,
      roleAliases: 0,
      unsupportedRoles: 0,
    });
    expect(result.ok).toBe(false);
  });

  it('passes an entry that quotes exactly, explains its worked-out figure and names a person by the title the exceptions list', () => {
    const { dir } = knowledgeWith(['bakery-co-op']);
    const result = verifyKnowledge(dir, fixtureSources);
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ quotes: 1, quoteProblems: 0, unexplainedFigures: 0, copiedRuns: 0 });
  });

  it('reports a worked-out figure with no reason, and a reason for a figure the text does not use', () => {
    const { dir, edit } = knowledgeWith(['bakery-co-op']);
    edit('entries/bakery-co-op.md', (text) => text.replace(/^derived_figures: .*$/m, 'derived_figures: { "2017": "a year that is not in the text" }'));
    expect(lines(verifyKnowledge(dir, fixtureSources), dir)).toEqual([
      'entries/bakery-co-op.md:10: warning: "derived_figures" lists "2017", which neither the title nor the answer text uses: remove it',
      'entries/bakery-co-op.md:17: error: the figure "2016" is in no cited source (bakery-2015) and not in their dates: correct it, cite the source it comes from, or, if it is worked out from a source, give the reason under "derived_figures"',
    ]);
  });

  it("counts a figure in a cited source's date, such as the year of an estimate, as given", () => {
    const { dir } = knowledgeWith(['copied-run']);
    const result = verifyKnowledge(dir, fixtureSources);
    // "late 2016" is the digest's estimated date; only the copied run is wrong here.
    expect(result.counts).toMatchObject({ figures: 2, unexplainedFigures: 0, copiedRuns: 1 });
  });

  it('reports a name with a job title as copied once its exception is gone, and an exception nothing uses', () => {
    const { dir, edit } = knowledgeWith(['bakery-co-op']);
    edit('copy-exceptions.yaml', (text) => text.replace('Jo Sample, chair', 'Jo Sample, the chair'));
    expect(lines(verifyKnowledge(dir, fixtureSources), dir)).toEqual([
      'copy-exceptions.yaml:2: warning: this exception matches no copied run in the knowledge: remove it',
      'entries/bakery-co-op.md:14: error: repeats 9 words of bakery-2015 outside quotation marks ("Jo Sample, chair of the Millbrook Bakery Co-operative"): say it in our own words, or quote a person\'s words briefly; a name with a job title may be listed in copy-exceptions.yaml',
    ]);
  });

  it('reports a malformed exceptions file with its line', () => {
    const { dir, edit } = knowledgeWith(['bakery-co-op']);
    edit('copy-exceptions.yaml', (text) => text.replace(/ {2}reason: .*/, '  because: no reason field'));
    expect(lines(verifyKnowledge(dir, fixtureSources), dir)).toEqual([
      'copy-exceptions.yaml:2: error: "0.reason" is missing',
      'copy-exceptions.yaml:3: error: "because" is not a known field (known: text, reason)',
      'entries/bakery-co-op.md:14: error: repeats 9 words of bakery-2015 outside quotation marks ("Jo Sample, chair of the Millbrook Bakery Co-operative"): say it in our own words, or quote a person\'s words briefly; a name with a job title may be listed in copy-exceptions.yaml',
    ]);
  });

  it('reads a quotation across a line break as one, reports one never closed, and checks no quotation under 3 words', () => {
    const { dir, edit } = knowledgeWith(['misquote']);
    edit('entries/misquote.md', (text) =>
      text.replace(/\n---\n[^]*$/, '\n---\nJo Sample said the bread is better "when the ovens\nbelong to us", a "co-operative" view.\n\nShe did not say "bread is ours.\n'),
    );
    const result = verifyKnowledge(dir, fixtureSources);
    expect(lines(result, dir)).toEqual([
      'entries/misquote.md:15: error: a quotation mark here is never closed in its paragraph: close it, so that verify knows where the quotation ends',
    ]);
    expect(result.counts).toMatchObject({ quotes: 1, quoteProblems: 1 });
  });

  it('checks each piece of a quotation with an ellipsis against the same source', () => {
    const { dir, edit } = knowledgeWith(['misquote']);
    const body = (quote: string) => (text: string) => text.replace(/\n---\n[^]*$/, `\n---\nJo Sample said "${quote}".\n`);
    edit('entries/misquote.md', body('We bake better bread … belong to us'));
    expect(verifyKnowledge(dir, fixtureSources).issues).toEqual([]);
    edit('entries/misquote.md', body('We bake better bread … belong to the town'));
    expect(verifyKnowledge(dir, fixtureSources).counts.quoteProblems).toBe(1);
  });

  it('checks the other knowledge files for copied runs too, but not the words they quote', () => {
    const { dir, edit } = knowledgeWith(['misquote']);
    edit('sources.yaml', (text) => `${text}# the reading room in Eastford now opens six days a week\n# "the reading room in Eastford now opens six days a week" is quoted\n`);
    expect(lines(verifyKnowledge(dir, fixtureSources), dir).filter((line) => line.startsWith('sources.yaml'))).toEqual([
      'sources.yaml:22: error: repeats 11 words of digest-library outside quotation marks ("the reading room in Eastford now opens six days a week"): say it in our own words, or quote a person\'s words briefly; a name with a job title may be listed in copy-exceptions.yaml',
    ]);
  });

  it('reports a source file that is missing and a part marker that is not in its file, at the source', () => {
    const { dir, edit } = knowledgeWith(['misquote']);
    edit('sources.yaml', (text) =>
      text.replace('file: "bakery.txt"', 'file: "gone.txt"').replace('until: "Swimming pool trust wins its lease"', 'until: "Tennis club wins its lease"'),
    );
    expect(lines(verifyKnowledge(dir, fixtureSources), dir).filter((line) => line.startsWith('sources.yaml'))).toEqual([
      `sources.yaml:2: error: source "bakery-2015": its file "gone.txt" is not in ${relative(process.cwd(), fixtureSources)}`,
      'sources.yaml:8: error: source "digest-library": "part.until" ("Tennis club wins its lease") is not in digest.txt',
    ]);
  });

  it('takes the run length and the shortest checked quotation as options', () => {
    const { dir } = knowledgeWith(['copied-run', 'misquote']);
    // The planted run is 10 words, the misquote 8.
    expect(verifyKnowledge(dir, fixtureSources, { minCopiedRun: 11, nearCopyRun: 11, nearCopyEdits: 0, minQuoteWords: 9 }).issues).toEqual([]);
    expect(verifyKnowledge(dir, fixtureSources, { minCopiedRun: 10, minQuoteWords: 8 }).counts).toMatchObject({ copiedRuns: 1, quoteProblems: 1 });
  });

  it('reports a sources folder that is not there, rather than throwing', () => {
    const result = verifyKnowledge(fixtureKnowledge, '/nonexistent/sources');
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => formatKnowledgeIssue(issue))).toContain('/nonexistent/sources:1: is not a folder of source documents');
  });

  it("returns the loader's problems, unchecked, when the knowledge does not load", () => {
    const { dir, edit } = knowledgeWith(['misquote']);
    edit('entries/misquote.md', (text) => text.replace('sources: [bakery-2015]', 'sources: [nowhere]'));
    const result = verifyKnowledge(dir, fixtureSources);
    expect(result.knowledge).toBeNull();
    expect(result.ok).toBe(false);
    expect(lines(result, dir)).toEqual(['entries/misquote.md:9: error: "sources" must name a known source id (got "nowhere"; known: bakery-2015, digest-library, digest-pool)']);
  });
});

// Invented knowledge (tests/fixtures/knowledge-verify-strict) checked against the invented
// tests/fixtures/sources-verify/orchard.txt: copies of its sentences with a word swapped, added and dropped;
// dates that state its estimated date as exact; aliases giving roles.

/** A writable copy of the strict fixture, with only the entries named kept. */
const strictWith = (entries: string[]): ReturnType<typeof fixtureWith> =>
  fixtureWith('knowledge-verify-strict', ['swapped-word', 'added-word', 'dropped-word', 'own-words', 'firm-estimate'], entries);

const nearly = (words: number, snippet: string): string =>
  `nearly repeats ${words} words of orchard-news outside quotation marks, with only a word or two swapped, added or dropped ("${snippet}"): changing a word or two does not make it ours; say it in our own words, or quote a person's words briefly; a name with a job title may be listed in copy-exceptions.yaml`;

describe('verifyKnowledge, near-verbatim copying', () => {
  it('reports a source sentence with one word swapped, one added or one dropped, and passes the same facts in other words', () => {
    const { dir } = strictWith(['swapped-word', 'added-word', 'dropped-word', 'own-words']);
    const result = verifyKnowledge(dir, fixtureSources);
    expect(lines(result, dir)).toEqual([
      `entries/added-word.md:12: error: ${nearly(13, 'said the group would plant forty sturdy young trees before the first …')}`,
      `entries/dropped-word.md:12: error: ${nearly(12, 'Every apple picked in the year will be pressed into juice for')}`,
      `entries/swapped-word.md:12: error: ${nearly(18, 'In Eastford, volunteers formed a trust to look after the ancient appl…')}`,
    ]);
    expect(result.counts).toMatchObject({ copiedRuns: 0, nearCopies: 3 });
  });

  it('is what catches them: no run of 8 is word for word, so with no edit allowed all three pass', () => {
    const { dir } = strictWith(['swapped-word', 'added-word', 'dropped-word']);
    expect(verifyKnowledge(dir, fixtureSources, { nearCopyEdits: 0, nearCopyRun: 12 }).issues).toEqual([]);
  });

  it('is silenced by an exception with its reason; an exception without one is an error and silences nothing', () => {
    const { dir, edit } = strictWith(['swapped-word']);
    const sentence = 'In Eastford, volunteers formed a trust to look after the ancient apple orchard behind the station';
    edit('copy-exceptions.yaml', () => `- text: "${sentence}"\n  reason: "invented: the fixture's test of an exception"\n`);
    expect(verifyKnowledge(dir, fixtureSources).issues).toEqual([]);
    edit('copy-exceptions.yaml', () => `- text: "${sentence}"\n`);
    expect(lines(verifyKnowledge(dir, fixtureSources), dir)).toEqual([
      'copy-exceptions.yaml:1: error: "0.reason" is missing',
      `entries/swapped-word.md:12: error: ${nearly(18, 'In Eastford, volunteers formed a trust to look after the ancient appl…')}`,
    ]);
  });
});

describe('verifyKnowledge, estimated dates and alias roles', () => {
  const firm = (written: string): string =>
    `states "${written}", the estimated date of the undated source orchard-news, as if it were exact: write it as an estimate ("about autumn 2018"), or leave the date out`;
  const role = (alias: string): string =>
    `the alias "${alias}" gives the role "${alias}", but no cited source (orchard-news) states that role for anyone the answer text names: use the role as a cited source gives it, or remove the alias`;

  it('reports an estimated date stated as exact in a title or answer, and a role no cited source gives, each at its line', () => {
    const { dir } = strictWith(['own-words', 'firm-estimate']);
    const result = verifyKnowledge(dir, fixtureSources);
    expect(lines(result, dir)).toEqual([
      `entries/firm-estimate.md:3: error: ${firm('autumn 2018')}`,
      `entries/firm-estimate.md:11: error: ${role("the orchard's treasurer")}`,
      `entries/firm-estimate.md:11: error: ${role("Eastford's tree warden")}`,
      `entries/firm-estimate.md:13: error: ${firm('2018')}`,
      `entries/firm-estimate.md:13: error: ${firm('autumn-2018')}`,
    ]);
    // own-words: "about autumn 2018", and two roles the source gives Pat Example (a chair is a boss too).
    expect(result.counts).toMatchObject({ firmEstimates: 3, roleAliases: 4, unsupportedRoles: 2 });
  });

  it('wants the role stated for someone the entry names, not just anyone', () => {
    const { dir, edit } = strictWith(['own-words']);
    edit('entries/own-words.md', (text) => text.replace('chaired by\nPat Example,', 'run by\nvolunteers,'));
    expect(lines(verifyKnowledge(dir, fixtureSources), dir)).toEqual([
      `entries/own-words.md:11: error: ${role('chair of the Eastford Orchard Trust')}`,
      `entries/own-words.md:11: error: ${role("the orchard trust's boss")}`,
    ]);
  });
});
