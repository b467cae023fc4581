import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerer, createJsonlQuestionLog, createMemoryQuestionLog, hashAsker, readQuestionLog, readQuestionLogFiles, type LogRecord } from '../../../src/index.js';

const answerer = createAnswerer(fileURLToPath(new URL('../../fixtures/knowledge-small', import.meta.url)));
const answered = answerer.ask('What is green tea?');
const declined = answerer.ask('what is the capital of France');

describe('createJsonlQuestionLog', () => {
  let dir: string;
  // The data folder's files, read as one log.
  const lines = (path = join(dir, 'data')): LogRecord[] => {
    const { records, corrupt } = readQuestionLogFiles(path);
    expect(corrupt).toEqual([]);
    return records;
  };
  const allText = (): string =>
    readdirSync(join(dir, 'data'))
      .map((name) => readFileSync(join(dir, 'data', name), 'utf8'))
      .join('');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rtp-bot-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends questions and feedback as JSON Lines in the background, and stores no asker by default', async () => {
    const log = createJsonlQuestionLog({ dir: join(dir, 'data') });
    const first = log.recordAnswer('slack', answered, { userId: 'U123' });
    log.recordFeedback('slack', first, answered.entryId, 'down', { userId: 'U123' });
    log.recordAnswer('cli', declined);
    // Recording only queued the records: nothing has touched the disk yet.
    expect(existsSync(join(dir, 'data'))).toBe(false);
    await log.flush();

    const records = lines();
    expect(records).toEqual([
      {
        type: 'question',
        time: expect.any(String),
        platform: 'slack',
        answerId: first,
        question: 'What is green tea?',
        status: 'answered',
        entryId: 'green-tea',
        score: answered.score,
        confidence: answered.confidence,
        reason: answered.reason,
      },
      { type: 'feedback', time: expect.any(String), platform: 'slack', answerId: first, entryId: 'green-tea', rating: 'down' },
      {
        type: 'question',
        time: expect.any(String),
        platform: 'cli',
        answerId: expect.any(String),
        question: 'what is the capital of France',
        status: 'no_match',
        entryId: null,
        score: null,
        confidence: null,
        reason: declined.reason,
      },
    ]);
    expect(allText()).not.toContain('U123');

    // A second log on the same file appends rather than replaces.
    const again = createJsonlQuestionLog({ dir: join(dir, 'data') });
    again.recordAnswer('discord', answered);
    await again.close();
    expect(lines()).toHaveLength(4);
  });

  it('records how a question came in and which earlier reply it was chosen from, and reads them back', async () => {
    const log = createJsonlQuestionLog({ dir: join(dir, 'data') });
    const first = log.recordAnswer('slack', declined, undefined, { via: 'mention' });
    const second = log.recordAnswer('slack', answered, { userId: 'U1' }, { via: 'button', followedFrom: first });
    await log.close();
    const [mention, chosen] = lines();
    expect(mention).toMatchObject({ answerId: first, via: 'mention' });
    expect(mention).not.toHaveProperty('followedFrom');
    expect(chosen).toMatchObject({ answerId: second, via: 'button', followedFrom: first, entryId: 'green-tea' });
    // A line naming a way in that does not exist is reported, not silently accepted.
    const bad = JSON.stringify({ ...mention, via: 'carrier-pigeon' });
    expect(readQuestionLog(`${bad}\n`).corrupt).toHaveLength(1);
  });

  it("records whether Slack's assistant pane reported a channel context, false as well as true, and reads it back", async () => {
    const log = createJsonlQuestionLog({ dir: join(dir, 'data') });
    log.recordAnswer('slack', answered, undefined, { via: 'assistant', channelContext: true });
    log.recordAnswer('slack', answered, undefined, { via: 'assistant', channelContext: false });
    log.recordAnswer('slack', answered, undefined, { via: 'dm' });
    await log.close();
    const [viewing, notViewing, dm] = lines();
    expect(viewing).toMatchObject({ via: 'assistant', channelContext: true });
    expect(notViewing).toMatchObject({ via: 'assistant', channelContext: false });
    expect(dm).not.toHaveProperty('channelContext');
    expect(readQuestionLog(`${JSON.stringify({ ...viewing, channelContext: 'C0SOMEWHERE' })}\n`).corrupt).toHaveLength(1);
  });

  it('keeps via and followedFrom in the in-memory log too', () => {
    const log = createMemoryQuestionLog();
    const id = log.recordAnswer('cli', answered, undefined, { via: 'console', followedFrom: 'earlier-id' });
    expect(log.records).toEqual([expect.objectContaining({ answerId: id, via: 'console', followedFrom: 'earlier-id' })]);
  });

  it('stores a one-way salted hash of the asker when given a salt', async () => {
    const log = createJsonlQuestionLog({ dir: join(dir, 'data'), askerSalt: 'a-long-secret-salt-for-tests' });
    log.recordAnswer('slack', answered, { userId: 'U123' });
    log.recordAnswer('slack', answered, { userId: 'U123' });
    log.recordAnswer('slack', answered, { userId: 'U999' });
    log.recordAnswer('discord', answered, { userId: 'U123' });
    log.recordAnswer('slack', answered);
    await log.close();
    const askers = lines().map((record) => record.asker);
    expect(askers[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(askers[0]).toBe(hashAsker('a-long-secret-salt-for-tests', 'slack', 'U123'));
    expect(askers[1]).toBe(askers[0]);
    expect(new Set(askers.slice(0, 4)).size).toBe(3);
    expect(askers[4]).toBeUndefined();
    expect(hashAsker('another-salt', 'slack', 'U123')).not.toBe(askers[0]);
    expect(allText()).not.toContain('U123');
  });

  it('tolerates a failing disk: reports once, never throws, and catches up when the disk recovers', async () => {
    const blocked = join(dir, 'data');
    writeFileSync(blocked, 'a file where the data folder should be');
    const errors: Error[] = [];
    const log = createJsonlQuestionLog({ dir: blocked, maxBufferedRecords: 3, onError: (error) => errors.push(error) });
    for (let i = 0; i < 5; i++) {
      expect(() => log.recordAnswer('cli', answerer.ask(`green tea ${i}`))).not.toThrow();
      await log.flush();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/EEXIST|ENOTDIR/);

    rmSync(blocked);
    await log.flush();
    // Only the newest records fit in the buffer while the disk was failing; the others were counted as dropped.
    expect(lines().map((record) => record.type === 'question' && record.question)).toEqual(['green tea 2', 'green tea 3', 'green tea 4']);
    expect(errors).toHaveLength(1);
    expect([log.dropped, log.pending]).toEqual([2, 0]);
  });

  it('survives an error reporter that throws, and ignores records after close', async () => {
    const blocked = join(dir, 'data');
    writeFileSync(blocked, '');
    const log = createJsonlQuestionLog({
      dir: blocked,
      onError: () => {
        throw new Error('reporter broke');
      },
    });
    log.recordAnswer('cli', answered);
    await expect(log.close()).resolves.toBeUndefined();
    rmSync(blocked);
    log.recordAnswer('cli', answered);
    await log.flush();
    expect(lines()).toHaveLength(1);
  });

  it("writes each record to its UTC day's file, and reads the older single file and the daily files as one log, oldest first", async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    // The log as it was kept before daily files.
    const older = {
      type: 'question',
      time: '2026-02-27T10:00:00.000Z',
      platform: 'cli',
      answerId: 'older',
      question: 'q',
      status: 'no_match',
      entryId: null,
      score: null,
      confidence: null,
    };
    writeFileSync(join(data, 'questions.jsonl'), `${JSON.stringify(older)}\n`);
    let clock = Date.parse('2026-03-01T23:59:59.500Z');
    const log = createJsonlQuestionLog({ dir: data, now: () => clock, retentionDays: 0 });
    const before = log.recordAnswer('slack', answered);
    clock = Date.parse('2026-03-02T00:00:00.250Z');
    const after = log.recordAnswer('slack', declined);
    log.recordFeedback('slack', before, answered.entryId, 'up');
    await log.close();
    expect(readdirSync(data).sort()).toEqual(['questions-2026-03-01.jsonl', 'questions-2026-03-02.jsonl', 'questions.jsonl']);
    expect(readFileSync(join(data, 'questions-2026-03-01.jsonl'), 'utf8')).toContain(before);
    expect(lines().map((record) => [record.answerId, record.type, record.time])).toEqual([
      ['older', 'question', '2026-02-27T10:00:00.000Z'],
      [before, 'question', '2026-03-01T23:59:59.500Z'],
      [after, 'question', '2026-03-02T00:00:00.250Z'],
      [before, 'feedback', '2026-03-02T00:00:00.250Z'],
    ]);
    // One file still reads on its own, and a corrupt line names its file.
    expect(readQuestionLogFiles(join(data, 'questions-2026-03-02.jsonl')).records).toHaveLength(2);
    writeFileSync(join(data, 'questions-2026-03-03.jsonl'), 'not json\n');
    expect(readQuestionLogFiles(data).corrupt).toEqual([{ line: 1, message: 'is not valid JSON', file: join(data, 'questions-2026-03-03.jsonl') }]);
    expect(readQuestionLogFiles(join(dir, 'nowhere'))).toEqual({ exists: false, files: [], records: [], corrupt: [] });
  });

  it('removes the days past QUESTION_LOG_RETENTION_DAYS at start and on its schedule, and the older single file once it is that old', async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    const now = Date.parse('2026-06-30T12:00:00Z');
    for (const day of ['2026-05-30', '2026-05-31', '2026-06-01', '2026-06-30']) writeFileSync(join(data, `questions-${day}.jsonl`), '');
    writeFileSync(join(data, 'questions.jsonl'), '');
    writeFileSync(join(data, 'notes.txt'), 'not part of the log');
    // Last written 29 days ago: inside the limit.
    utimesSync(join(data, 'questions.jsonl'), new Date(now - 29 * 86_400_000), new Date(now - 29 * 86_400_000));
    const removed: string[][] = [];
    let clock = now;
    const log = createJsonlQuestionLog({ dir: data, retentionDays: 30, now: () => clock, pruneEveryMs: 20, onPrune: (names) => removed.push(names) });
    await log.flush();
    // 30 days before is 2026-05-31T12:00: 30 May is wholly older; 31 May is not (its afternoon is inside).
    expect(removed).toEqual([['questions-2026-05-30.jsonl']]);
    expect(readdirSync(data).sort()).toEqual(['notes.txt', 'questions-2026-05-31.jsonl', 'questions-2026-06-01.jsonl', 'questions-2026-06-30.jsonl', 'questions.jsonl']);

    // Two days on, the next scheduled check removes 31 May, 1 June and the single file.
    clock = now + 2 * 86_400_000;
    await expect.poll(() => readdirSync(data).sort(), { timeout: 5_000 }).toEqual(['notes.txt', 'questions-2026-06-30.jsonl']);
    expect(removed.flat().sort()).toEqual(['questions-2026-05-30.jsonl', 'questions-2026-05-31.jsonl', 'questions-2026-06-01.jsonl', 'questions.jsonl']);
    await log.close();

    // 0 keeps everything, however old.
    writeFileSync(join(data, 'questions-2020-01-01.jsonl'), '');
    const keeper = createJsonlQuestionLog({ dir: data, retentionDays: 0, now: () => clock });
    await keeper.close();
    expect(readdirSync(data)).toContain('questions-2020-01-01.jsonl');
  });
});
