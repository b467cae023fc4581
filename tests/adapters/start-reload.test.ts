import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, makeTempDir } from '../support/fixture-knowledge.js';
import { cliEnvironment, compiledStart, nodeCommand } from '../support/processes.js';
import { readLogLines } from '../support/question-log-lines.js';

/** Collects a stream's text and waits for a pattern in it. */
function watchStream(stream: NodeJS.ReadableStream) {
  let text = '';
  const waiters: { pattern: RegExp; from: number; resolve: () => void }[] = [];
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(text.slice(waiter.from))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  return {
    get text() {
      return text;
    },
    /** Resolves once `pattern` appears in text that arrives from now on (or already did, since `from`). */
    waitFor(pattern: RegExp, from = text.length): Promise<void> {
      if (pattern.test(text.slice(from))) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ pattern, from, resolve }));
    },
  };
}

describe('npm start (console): live reload and the question log', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let child: ChildProcessWithoutNullStreams | undefined;
  beforeEach(() => {
    temp = makeTempDir();
    copyFixture('knowledge-small', join(temp.dir, 'knowledge'));
  });
  afterEach(() => {
    child?.kill();
    temp.remove();
  });

  it('picks up an edit, keeps serving through an invalid one, and logs every question', async () => {
    const [command, args] = nodeCommand(compiledStart);
    // Run from the temporary folder, so a developer's .env cannot start Slack or Discord here.
    child = spawn(command, args, { cwd: temp.dir, env: cliEnvironment({ KNOWLEDGE_DIR: join(temp.dir, 'knowledge'), DATA_DIR: join(temp.dir, 'data') }) });
    const out = watchStream(child.stdout);
    const err = watchStream(child.stderr);
    const exited = new Promise<number | null>((resolve) => child!.on('close', resolve));
    const ask = async (question: string) => {
      const from = out.text.length;
      child!.stdin.write(`${question}\n`);
      await out.waitFor(/rtp> $/, from);
      // The console wraps lines; the words are what matter.
      return out.text.slice(from).replace(/\s+/g, ' ');
    };
    await out.waitFor(/rtp> $/, 0);

    expect(await ask('What is green tea?')).toContain('leaves that are heated soon after picking');

    const file = join(temp.dir, 'knowledge', 'entries', 'green-tea.md');
    const original = readFileSync(file, 'utf8');
    let from = err.text.length;
    writeFileSync(file, original.replace('taste fresh and grassy', 'taste fresh, grassy and a little sweet'));
    await err.waitFor(/knowledge reloaded: 4 entries/, from);
    expect(await ask('What is green tea?')).toContain('grassy and a little sweet');

    from = err.text.length;
    writeFileSync(file, original.replace(/^title: .*\n/m, '').replace('taste fresh and grassy', 'taste of nothing'));
    await err.waitFor(/knowledge not reloaded[^]*green-tea\.md:\d+: "title" is missing/, from);
    expect(err.text.slice(from)).toContain('still serving the previous 4 entries');
    expect(await ask('What is green tea?')).toContain('grassy and a little sweet');

    expect(await ask('what is the capital of France')).toContain("I don't have information on that");
    child.stdin.end('quit\n');
    expect(await exited).toBe(0);

    const records = readLogLines<{ platform: string; question: string; status: string; entryId: string | null }>(join(temp.dir, 'data'));
    expect(records.map((record) => [record.platform, record.question, record.status, record.entryId])).toEqual([
      ['cli', 'What is green tea?', 'answered', 'green-tea'],
      ['cli', 'What is green tea?', 'answered', 'green-tea'],
      ['cli', 'What is green tea?', 'answered', 'green-tea'],
      ['cli', 'what is the capital of France', 'no_match', null],
    ]);
  });
});
