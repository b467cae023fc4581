import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAnswerer,
  describeOutcome,
  evaluateCases,
  findHeldOutLeaks,
  findUnknownEntries,
  isRightOutcome,
  KnowledgeError,
  overrideAnswerer,
  readQuestionSet,
  runAnswerer,
  type Answer,
  type AskOptions,
  type EvalCase,
  type EvalOutcome,
} from '../../../src/index.js';
import { clarifyAnswer } from '../../support/answers.js';
import { makeTempDir } from '../../support/fixture-knowledge.js';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('rtp-eval-');
});
afterEach(() => temp.remove());

const writeSet = (text: string): string => {
  const path = join(temp.dir, 'set.yaml');
  writeFileSync(path, text);
  return path;
};

/** The problems readQuestionSet reports, as `line: message`. */
const problemsIn = (text: string): string[] => {
  const path = writeSet(text);
  try {
    readQuestionSet(path);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).message).toContain(`${path}:`);
    return (error as KnowledgeError).issues.map((issue) => `${issue.line}: ${issue.message}`);
  }
  return [];
};

describe('readQuestionSet', () => {
  it('reads every kind of item: an entry id, a list of ids, decline, vague, and a follow-up with after', () => {
    const path = writeSet(
      [
        '# comment',
        '- q: "what is rtp"',
        '  expect: right-to-provide',
        '- q: either',
        '  expect: [a, b]',
        '- q: right to buy',
        '  expect: decline',
        '- q: who owns it?',
        '  expect: vague',
        '- q: who ran it?',
        '  after: what was Central Surrey Health',
        '  expect: central-surrey-health',
        '',
      ].join('\n'),
    );
    expect(readQuestionSet(path)).toEqual([
      { question: 'what is rtp', expect: ['right-to-provide'], file: path, line: 2 },
      { question: 'either', expect: ['a', 'b'], file: path, line: 4 },
      { question: 'right to buy', expect: 'decline', file: path, line: 6 },
      { question: 'who owns it?', expect: 'vague', file: path, line: 8 },
      { question: 'who ran it?', expect: ['central-surrey-health'], after: 'what was Central Surrey Health', file: path, line: 10 },
    ]);
  });

  it('names the file and line of every problem, all at once', () => {
    expect(
      problemsIn(
        [
          '- q: ""', // 1
          '  expect: a',
          '- q: fine', // 3
          '- q: x', // 4
          '  expect: [a, decline]',
          '- q: y', // 6
          '  expect: a',
          '  afer: typo',
          '- q: z', // 9
          '  expect: a',
          '  after: ""',
          '- just a string', // 12
          '- q: w', // 13
          '  expect: 7',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      '1: "q" must not be empty',
      '3: "expect" must be an entry id, a list of entry ids (a list inside it: entries answered together), "decline", "vague" or "small_talk"',
      '5: "expect" takes "decline", "vague" or "small_talk" on its own, not in a list of entry ids',
      '6: unknown field "afer": an item has q, expect and, optionally, after (a follow-up), gap and shape',
      '11: "after" must not be empty',
      '12: must be an item with q and expect (and, for a follow-up, after)',
      '14: "expect" must be an entry id, a list of entry ids (a list inside it: entries answered together), "decline", "vague" or "small_talk"',
    ]);
  });

  it('reads groups answered together, gaps, shapes and small talk, and refuses a gap with no entry', () => {
    const path = join(temp.dir, 'shapes.yaml');
    writeFileSync(
      path,
      [
        '- q: a vs b', // 1
        '  expect: [a-vs-b, [a, b]]',
        '  shape: comparison',
        '- q: when exactly?', // 4
        '  expect: a',
        '  gap: date',
        '- q: ok bye', // 7
        '  expect: small_talk',
        '',
      ].join('\n'),
    );
    expect(readQuestionSet(path)).toEqual([
      { question: 'a vs b', expect: ['a-vs-b'], together: [['a', 'b']], shape: 'comparison', file: path, line: 1 },
      { question: 'when exactly?', expect: ['a'], gap: 'date', file: path, line: 4 },
      { question: 'ok bye', expect: 'small_talk', file: path, line: 7 },
    ]);
    expect(problemsIn('- q: x\n  expect: decline\n  gap: date\n')).toEqual([
      '3: "gap" needs the entries that cover the subject in "expect" (a near miss with no such entry is "decline")',
    ]);
  });

  it('reports unreadable YAML, a file that is not a list, and a missing file', () => {
    expect(problemsIn('- q: "unclosed\n  expect: a\n')[0]).toMatch(/^\d+: unreadable YAML: /);
    expect(problemsIn('q: a\nexpect: b\n')).toEqual(['1: must be a list of { q, expect } items']);
    expect(() => readQuestionSet(join(temp.dir, 'nope.yaml'))).toThrow(/nope\.yaml:1: is missing: the evaluation question set/);
  });
});

const testCase = (expect: EvalCase['expect'], question = 'q', extra: Partial<EvalCase> = {}): EvalCase => ({ question, expect, file: 'set.yaml', line: 1, ...extra });
const answered = (id: string, ranked = [id]): EvalOutcome => ({ ranked, answeredWith: id });
const clarified = (choices: string[]): EvalOutcome => ({ ranked: choices, answeredWith: null, choices });
const declined = (ranked: string[] = []): EvalOutcome => ({ ranked, answeredWith: null, choices: [] });

describe('evaluateCases', () => {
  // One scripted outcome per question: what each kind of case can get.
  const script = new Map<string, EvalOutcome>([
    ['right', answered('a', ['a', 'b'])],
    ['wrong entry', answered('b', ['b', 'x', 'a'])],
    ['clarified, right among the choices', clarified(['x', 'a', 'y'])],
    ['clarified, right not among them', clarified(['x', 'y'])],
    ['refused', declined(['z', 'y', 'x', 'a'])],
    ['out of scope, declined', declined()],
    ['out of scope, clarified', clarified(['x'])],
    ['out of scope, answered', answered('x')],
    ['vague, clarified', clarified(['x'])],
    ['vague, declined', declined()],
    ['vague, answered', answered('x')],
  ]);
  const run = (question: string): EvalOutcome => script.get(question)!;
  const cases = [
    testCase(['a'], 'right'),
    testCase(['a'], 'wrong entry'),
    testCase(['a'], 'clarified, right among the choices'),
    testCase(['a'], 'clarified, right not among them'),
    testCase(['a'], 'refused'),
    testCase('decline', 'out of scope, declined'),
    testCase('decline', 'out of scope, clarified'),
    testCase('decline', 'out of scope, answered'),
    testCase('vague', 'vague, clarified'),
    testCase('vague', 'vague, declined'),
    testCase('vague', 'vague, answered'),
  ];
  const report = evaluateCases(cases, run);

  it('counts each measure as defined', () => {
    expect({ inScope: report.inScope, outOfScope: report.outOfScope, vague: report.vague }).toEqual({ inScope: 5, outOfScope: 3, vague: 3 });
    expect(report.counts).toEqual({
      answeredCorrectly: 1,
      rightChoiceOffered: 1,
      declined: 1,
      vagueNotAnswered: 2,
      wrongAnswers: 3,
      clarified: 4,
      honestGaps: 0,
      smallTalkReplied: 0,
    });
    expect(report.top1).toBeCloseTo(1 / 5);
    expect(report.answeredOrOneClick).toBeCloseTo(2 / 5);
    expect(report.declineRate).toBeCloseTo(1 / 3);
    expect(report.vagueNotAnsweredRate).toBeCloseTo(2 / 3);
    expect(report.wrongRate).toBeCloseTo(3 / 11);
  });

  it('judges the ranking by the first expected entry: MRR and Recall@3', () => {
    // Ranks of "a": 1, 3, 2, none, 4.
    expect(report.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 2 + 0 + 1 / 4) / 5);
    expect(report.recallAt3).toBeCloseTo(3 / 5);
  });

  it('lists every miss with what it got, marking wrong answers', () => {
    expect(report.misses.map((miss) => [miss.question, miss.expected, miss.got, miss.wrong])).toEqual([
      ['wrong entry', 'a', 'b', true],
      ['clarified, right among the choices', 'a', 'clarify: x | a | y', false],
      ['clarified, right not among them', 'a', 'clarify: x | y', false],
      ['refused', 'a', 'decline', false],
      ['out of scope, clarified', 'decline', 'clarify: x', false],
      ['out of scope, answered', 'decline', 'x', true],
      ['vague, answered', 'vague', 'x', true],
    ]);
  });

  it('asks a follow-up after its earlier question, passing the entry that answered it as previous', () => {
    const calls: [string, string | null][] = [];
    const followUps = [testCase(['b'], 'who ran it?', { after: 'what is a' }), testCase(['b'], 'who ran it?', { after: 'right to buy' }), testCase(['b'], 'standalone')];
    const outcome = evaluateCases(followUps, (question, previous) => {
      calls.push([question, previous]);
      if (question === 'what is a') return answered('a');
      if (question === 'right to buy') return declined();
      return previous === 'a' ? answered('b') : declined();
    });
    expect(calls).toEqual([
      ['what is a', null],
      ['who ran it?', 'a'],
      ['right to buy', null],
      ['who ran it?', null],
      ['standalone', null],
    ]);
    expect(outcome.counts.answeredCorrectly).toBe(1);
    expect(outcome.misses.map((miss) => miss.after)).toEqual(['right to buy', undefined]);
  });

  it('gives rates of 1 for empty groups but no wrong answers for an empty set', () => {
    const empty = evaluateCases([], run);
    expect([empty.top1, empty.declineRate, empty.vagueNotAnsweredRate, empty.answeredOrOneClick, empty.wrongRate]).toEqual([1, 1, 1, 1, 0]);
  });
});

describe('describeOutcome and isRightOutcome', () => {
  it('agree with the measures', () => {
    expect([answered('a'), clarified(['a', 'b']), declined()].map(describeOutcome)).toEqual(['a', 'clarify: a | b', 'decline']);
    expect([answered('a'), answered('b'), clarified(['a'])].map((outcome) => isRightOutcome(testCase(['a']), outcome))).toEqual([true, false, false]);
    expect([declined(), clarified(['a']), answered('a')].map((outcome) => isRightOutcome(testCase('decline'), outcome))).toEqual([true, false, false]);
    expect([declined(), clarified(['a']), answered('a')].map((outcome) => isRightOutcome(testCase('vague'), outcome))).toEqual([true, true, false]);
  });
});

describe('answers covering several entries, honest gaps and small talk', () => {
  const covering = (ids: string[], gap: string | null = null): EvalOutcome => ({ ranked: ids, answeredWith: ids[0]!, answeredEntries: ids, gap });
  const smallTalk: EvalOutcome = { ranked: [], answeredWith: null, choices: [], smallTalk: true };

  it('takes a group as right only when the answer covers all of it, and a single id when the answer covers it', () => {
    const comparison = testCase(['a-vs-b'], 'a vs b', { together: [['a', 'b']] });
    expect([covering(['a', 'b']), covering(['b', 'a']), covering(['a']), covering(['a-vs-b']), covering(['a', 'c'])].map((outcome) => isRightOutcome(comparison, outcome))).toEqual(
      [true, true, false, true, false],
    );
    expect(isRightOutcome(testCase(['b']), covering(['a', 'b']))).toBe(true);
    expect(describeOutcome(covering(['a', 'b']))).toBe('a + b');
  });

  it('takes a gap case as handled by an honest partial answer or a plain decline, and as wrong when the answer does not say the detail is missing', () => {
    const gapCase = testCase(['a'], 'when exactly?', { gap: 'date' });
    expect([covering(['a'], 'date'), declined(), covering(['a']), covering(['b'], 'date'), clarified(['a'])].map((outcome) => isRightOutcome(gapCase, outcome))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    const report = evaluateCases([gapCase, { ...gapCase, question: 'b' }, { ...gapCase, question: 'c' }], (question) =>
      question === 'b' ? declined() : question === 'c' ? covering(['a']) : covering(['a'], 'date'),
    );
    expect([report.gaps, report.counts.answeredCorrectly, report.counts.honestGaps, report.counts.wrongAnswers]).toEqual([3, 2, 1, 1]);
    expect(report.misses.map((miss) => [miss.got, miss.expected, miss.wrong])).toEqual([['a', 'a (saying the date is not given), or decline', true]]);
    expect(describeOutcome(covering(['a'], 'date'))).toBe('a (says the date is not given)');
  });

  it('expects small talk to get small talk, and counts an answer to it as wrong', () => {
    const report = evaluateCases([testCase('small_talk', 'bye'), testCase('small_talk', 'ta'), testCase('small_talk', 'cheers')], (question) =>
      question === 'bye' ? smallTalk : question === 'ta' ? declined() : answered('a'),
    );
    expect([report.smallTalk, report.counts.smallTalkReplied, report.counts.wrongAnswers, report.smallTalkRate]).toEqual([3, 1, 1, 1 / 3]);
    expect(isRightOutcome(testCase('decline'), smallTalk)).toBe(false);
    expect(describeOutcome(smallTalk)).toBe('small_talk');
  });
});

describe('findUnknownEntries and findHeldOutLeaks', () => {
  it('names the file and line of each expected entry that does not exist', () => {
    const issues = findUnknownEntries([testCase(['a', 'gone'], 'q', { line: 7 }), testCase('decline'), testCase('vague')], new Set(['a']));
    expect(issues).toEqual([{ file: 'set.yaml', line: 7, level: 'error', message: '"expect" names no entry: "gone"' }]);
  });

  it('warns about a held-out question also in the tuned split or among an entry’s phrasings, without quoting it', () => {
    const heldOut = [
      testCase(['a'], 'Who RAN it?', { file: 'held.yaml', line: 3 }),
      testCase(['a'], 'What is A', { file: 'held.yaml', line: 5 }),
      testCase(['a'], 'fresh', { file: 'held.yaml', line: 9 }),
    ];
    const tuned = [testCase(['a'], 'who ran it', { file: 'tuned.yaml', line: 2 })];
    const issues = findHeldOutLeaks(heldOut, tuned, [{ id: 'a', questions: ['What is A?'] }]);
    expect(issues.map((issue) => `${issue.file}:${issue.line}: ${issue.level}: ${issue.message}`)).toEqual([
      'held.yaml:3: warning: this held-out question is also in the tuned split (tuned.yaml:2): it is no longer unseen',
      'held.yaml:5: warning: this held-out question is a phrasing of entry "a": that is tuning on it',
    ]);
  });
});

describe('runAnswerer', () => {
  const real = createAnswerer(join(import.meta.dirname, '../../fixtures/knowledge-small'));

  it('turns an answer into an outcome: the entry answered, or nothing, with the ranking', () => {
    const run = runAnswerer(real);
    expect(run('how long do I brew tea for', null)).toMatchObject({ answeredWith: 'brewing-tea', choices: [] });
    expect(run('how long do I brew tea for', null).ranked[0]).toBe('brewing-tea');
    expect(run('what is the capital of France', null)).toMatchObject({ answeredWith: null, choices: [] });
  });

  it('passes previous to the answerer, and reads a clarification’s suggestions as its choices', () => {
    const seen: (string | null | undefined)[] = [];
    // A stand-in for the engine's clarify decision, which this test does not depend on.
    const clarifying = overrideAnswerer(real, {
      ask(question: string, options?: Partial<AskOptions>): Answer {
        seen.push(options?.previous);
        return clarifyAnswer({ question, answer: "I'm not sure I understood.", suggestions: real.starters(2) });
      },
    });
    const outcome = runAnswerer(clarifying)('tea?', 'green-tea');
    expect(seen).toEqual(['green-tea']);
    expect(outcome.answeredWith).toBeNull();
    expect(outcome.choices).toEqual(real.starters(2).map((link) => link.id));
    expect(outcome.choices).toHaveLength(2);
  });
});
