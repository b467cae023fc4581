import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readPostgresQuestionLog } from '../../adapters/shared/postgres-question-log.js';
import { readQuestionLogFiles } from '../../src/index.js';
import { tempFolders } from '../support/fixture-knowledge.js';
import { compiledStart, runCli, spawnScript, stopScript, type SpawnedScript } from '../support/processes.js';
import { usePostgresServer } from '../support/postgres-fixture.js';
import { skipWithoutPostgres } from '../support/postgres-server.js';
import { freePort } from '../support/redis-server.js';
import { commandBody, postToApp, testBotToken, testSigningSecret } from './slack/slack-requests.js';
import { startStandInSlack, type StandInSlack } from './slack/stand-in-slack.js';

// The question log in a real PostgreSQL (a throwaway cluster of Debian's postgresql on a loopback port),
// end to end: npm start replicas writing to it, the kb tools reading it, kb log import filling it.

const folders = tempFolders();
afterAll(folders.removeAll);

describe.skipIf(skipWithoutPostgres())('the question log in PostgreSQL, end to end', () => {
  const postgres = usePostgresServer('e2e');

  describe('two npm start Slack replicas', () => {
    let standIn: StandInSlack;
    const replicas: SpawnedScript[] = [];
    beforeAll(async () => {
      standIn = await startStandInSlack();
    });
    afterEach(async () => {
      await Promise.all(replicas.splice(0).map(stopScript));
    });
    afterAll(async () => {
      await standIn?.close();
    });

    async function startReplica(env: Record<string, string>): Promise<{ run: SpawnedScript; url: string; health: string }> {
      const run = spawnScript(compiledStart, {
        SLACK_BOT_TOKEN: testBotToken,
        SLACK_SIGNING_SECRET: testSigningSecret,
        PORT: '0',
        HOST: '127.0.0.1',
        HEALTH_PORT: '0',
        HEALTH_HOST: '127.0.0.1',
        SLACK_API_URL: standIn.apiUrl,
        RATE_LIMIT_PER_MINUTE: '0',
        ...env,
      });
      replicas.push(run);
      const [, health = ''] = await run.waitFor(/health: serving \/healthz, \/readyz and \/metrics at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
      const [, url = ''] = await run.waitFor(/ready at (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/, 30_000);
      await run.waitFor(/Slack started/);
      return { run, url, health };
    }

    /** Sends `count` /rtp commands, spread over the replicas, `inFlight` at a time; each question carries its own reference. */
    async function ask(urls: string[], first: number, count: number, inFlight = 25): Promise<void> {
      let next = first;
      const end = first + count;
      const worker = async () => {
        while (next < end) {
          const index = (next += 1) - 1;
          const response = await postToApp(
            urls[index % urls.length]!,
            commandBody({ text: `What is the Right to Provide? ref${index}`, responseUrl: standIn.newResponseUrl(), userId: `U0PG${index}` }),
          );
          expect(response.status).toBe(200);
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
    }

    const metric = async (health: string, name: string): Promise<number> => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${health}/metrics`)).text())?.[1]);

    it('write thousands of records, answering and staying ready through a PostgreSQL restart in the middle, and every record is read back once', async () => {
      const { url, where } = await postgres.newDatabase();
      const dataDir = folders.make('rtp-pg-replica-data-');
      const [a, b] = await Promise.all([startReplica({ QUESTION_LOG_URL: url, DATA_DIR: dataDir }), startReplica({ QUESTION_LOG_URL: url, DATA_DIR: dataDir })]);
      for (const replica of [a, b]) expect(replica.run.output()).toMatch(/info question log: writing to PostgreSQL at postgres:\/\/127\.0\.0\.1:\d+\/e2e_\d+/);
      const urls = [a.url, b.url];
      const postsBefore = standIn.responsePosts.length;

      await ask(urls, 0, 1_200);
      await postgres.server.stop();
      try {
        // PostgreSQL down: both replicas still answer, stay ready, and keep the records waiting.
        await ask(urls, 1_200, 400);
        await Promise.all([a, b].map((replica) => replica.run.waitFor(/warn question log: PostgreSQL unreachable/, 10_000)));
        for (const replica of [a, b]) {
          expect((await fetch(`${replica.health}/readyz`)).status).toBe(200);
          expect(await metric(replica.health, 'rtp_question_log_pending')).toBeGreaterThan(0);
        }
      } finally {
        await postgres.server.start();
      }
      await Promise.all([a, b].map((replica) => replica.run.waitFor(/info question log: PostgreSQL reachable again/, 20_000)));
      await ask(urls, 1_600, 400);
      // Every question was answered, none with an apology.
      await expect.poll(() => standIn.responsePosts.length - postsBefore, { timeout: 30_000, interval: 200 }).toBe(2_000);
      expect(standIn.responsePosts.slice(postsBefore).filter((post) => JSON.stringify(post.body).includes('Sorry, something went wrong'))).toEqual([]);

      for (const replica of [a, b]) replica.run.child.kill('SIGTERM');
      expect(await Promise.all([a.run.exited, b.run.exited])).toEqual([0, 0]);
      for (const replica of [a, b]) {
        const output = replica.run.output();
        expect(output.match(/warn question log: PostgreSQL unreachable/g)).toHaveLength(1);
        expect(await metricAfterStop(output)).toBe(0);
        expect(output).not.toMatch(/\n\s+at |something went wrong|dropped/);
      }

      const { records, corrupt } = await readPostgresQuestionLog(url, 'QUESTION_LOG_URL');
      expect(corrupt).toEqual([]);
      const refs = records.map((record) => (record.type === 'question' ? /ref(\d+)$/.exec(record.question)?.[1] : undefined));
      expect(records).toHaveLength(2_000);
      expect(new Set(refs).size).toBe(2_000);
      expect(refs.every((ref) => ref !== undefined && Number(ref) < 2_000)).toBe(true);
      // Nothing of the log went to DATA_DIR (only the knowledge cache, in its cache/ folder): the log is in PostgreSQL only.
      expect(readdirSync(dataDir).filter((name) => name !== 'cache')).toEqual([]);
      // The maintainers' tools count them all, from the same setting.
      const stats = await runCli('adapters/cli/kb.ts', ['stats', '--json'], { env: { QUESTION_LOG_URL: url } });
      expect(stats.code, stats.stderr).toBe(0);
      expect(JSON.parse(stats.stdout).questionLog).toEqual({ path: where, questions: 2_000, feedback: 0, corrupt: 0 });
    }, 180_000);

    /** Records a stopped replica says it could not write (none when PostgreSQL came back in time). */
    const metricAfterStop = (output: string): number => Number(/(\d+) records were not written/.exec(output)?.[1] ?? 0);
  });

  describe('npm start with a wrong QUESTION_LOG_URL', () => {
    it.each([
      [
        'a wrong password',
        () => `postgres://${postgres.server.user}:wrong-password-for-the-test@127.0.0.1:${postgres.server.port}/postgres`,
        /password authentication failed for user "rtp"/,
      ],
      ['a host where nothing listens', async () => `postgres://${postgres.server.user}:${postgres.server.password}@127.0.0.1:${await freePort()}/postgres`, /ECONNREFUSED/],
    ])(
      'stops at start with one clear error naming QUESTION_LOG_URL and no secret: %s',
      async (_what, makeUrl, reason) => {
        const url = await makeUrl();
        const run = spawnScript(compiledStart, { QUESTION_LOG_URL: url, DATA_DIR: folders.make('rtp-pg-wrong-') });
        expect(await run.exited).toBe(1);
        const output = run.output();
        const errors = output.split('\n').filter((line) => / error /.test(line));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(
          / error rtp-bot: could not open the question log in PostgreSQL at QUESTION_LOG_URL \(.+\); check that PostgreSQL is running and that QUESTION_LOG_URL is right/,
        );
        expect(errors[0]).toMatch(reason);
        for (const secret of ['wrong-password-for-the-test', postgres.server.password]) expect(output).not.toContain(secret);
        expect(output).not.toMatch(/\n\s+at /);
      },
      30_000,
    );
  });

  describe('the kb tools and kb log import', () => {
    // Two logs the kb tests already read from files, each with the knowledge it was made for.
    const logs = [
      { file: 'tests/fixtures/question-log-report.jsonl', knowledge: 'tests/fixtures/knowledge-reviews' },
      { file: 'tests/fixtures/question-log-suggest.jsonl', knowledge: 'tests/fixtures/knowledge-small' },
    ];

    it.each(logs)(
      'give the same output from PostgreSQL as from the JSON Lines file, after importing $file (twice, adding nothing the second time)',
      async ({ file: fixture, knowledge }) => {
        const { url, where } = await postgres.newDatabase();
        const { records, corrupt } = readQuestionLogFiles(fixture);
        const skipped = corrupt.length === 0 ? '' : `; ${corrupt.length} corrupt line${corrupt.length === 1 ? '' : 's'} skipped`;
        const first = await runCli('adapters/cli/kb.ts', ['log', 'import', '--from', fixture, '--to', url]);
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toBe(`Imported ${records.length} records from 1 file in ${fixture} into ${where} (0 records already there${skipped}).\n`);
        const again = await runCli('adapters/cli/kb.ts', ['log', 'import', '--from', fixture], { env: { QUESTION_LOG_URL: url } });
        expect(again.stdout).toBe(`Imported 0 records from 1 file in ${fixture} into ${where} (${records.length} records already there${skipped}).\n`);
        expect(first.stdout + again.stdout).not.toContain(postgres.server.password);

        // The same records in a file: the fixture's lines less any corrupt one (which stays out of the database).
        const file = join(folders.make('rtp-pg-same-'), 'questions.jsonl');
        const badLines = new Set(corrupt.map((line) => line.line));
        writeFileSync(
          file,
          readFileSync(fixture, 'utf8')
            .split('\n')
            .filter((line, index) => line.trim() !== '' && !badLines.has(index + 1))
            .join('\n') + '\n',
        );
        const out = folders.make('rtp-pg-report-');
        const commands = [
          ['gaps'],
          ['gaps', '--json', '--since', '2020-01-01'],
          ['stats', '--knowledge', knowledge],
          ['stats', '--knowledge', knowledge, '--json'],
          ['suggest', '--knowledge', knowledge, '--min', '1'],
          ['suggest', '--knowledge', knowledge, '--json'],
        ];
        for (const command of commands) {
          // From the file, and from the database by the setting, as the bot writes it.
          const [fromFile, fromDatabase] = await Promise.all([
            runCli('adapters/cli/kb.ts', [...command, '--log', file]),
            runCli('adapters/cli/kb.ts', command, { env: { QUESTION_LOG_URL: url } }),
          ]);
          expect(fromFile.code, command.join(' ')).toBe(0);
          expect(fromDatabase.stdout.replaceAll(where, file), command.join(' ')).toBe(fromFile.stdout);
          expect(fromDatabase.stdout + fromDatabase.stderr).not.toContain(postgres.server.password);
        }
        // --log takes the URL as well.
        const [bySetting, byOption] = await Promise.all([
          runCli('adapters/cli/kb.ts', ['gaps'], { env: { QUESTION_LOG_URL: url } }),
          runCli('adapters/cli/kb.ts', ['gaps', '--log', url]),
        ]);
        expect(byOption.stdout).toBe(bySetting.stdout);
        expect(byOption.stdout + byOption.stderr).not.toContain(postgres.server.password);
        const report = async (name: string, log: string[], env: Record<string, string> = {}) => {
          const result = await runCli('adapters/cli/kb.ts', ['report', '--to', '2026-01-31', '--knowledge', knowledge, '--out', join(out, name), ...log], { env });
          expect(result.code, result.stderr).toBe(0);
          return readFileSync(join(out, name), 'utf8');
        };
        const [fromDatabase, fromFile] = await Promise.all([report('database.html', [], { QUESTION_LOG_URL: url }), report('file.html', ['--log', file])]);
        expect(fromDatabase.replaceAll(where, file)).toBe(fromFile);
      },
      120_000,
    );

    it('says how to point it at a database, and names an unreachable one without its password', async () => {
      const noTarget = await runCli('adapters/cli/kb.ts', ['log', 'import', '--from', logs[0]!.file]);
      expect(noTarget.code).toBe(2);
      expect(noTarget.stderr).toContain('say where to import to: --to postgres://USER:PASSWORD@HOST:5432/DATABASE, or set QUESTION_LOG_URL');
      const unreachable = await runCli('adapters/cli/kb.ts', ['gaps', '--log', `postgres://rtp:secret-in-the-url@127.0.0.1:${await freePort()}/rtp`]);
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toMatch(/^rtp-bot: could not connect to PostgreSQL at --log \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); check that PostgreSQL is running/);
      expect(unreachable.stderr).not.toContain('secret-in-the-url');
    }, 30_000);
  });
});
