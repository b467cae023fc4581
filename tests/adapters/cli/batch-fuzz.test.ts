import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../../src/index.js';
import { expectWellFormedAnswer } from '../../support/answer-schema.js';
import { hostileText } from '../../support/hostile-text.js';
import { cleanEnv, nodeWithTsx, repoPath, runProcess } from '../../support/processes.js';

const knowledgeDir = repoPath('knowledge');

/** One batch line: line breaks split lines, and stdin carries UTF-8, where a lone surrogate becomes U+FFFD. */
const toLine = (text: string): string => Buffer.from(text.replace(/[\r\n]/g, ' '), 'utf8').toString('utf8');

describe('npm run ask -- --json (batch mode) under hostile input', () => {
  it('writes exactly one well-formed JSON answer per input line, in order, and exits 0', async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const lines = [
      '',
      '   ',
      'What is the Right to Provide?',
      '<!channel> who can use the right to provide',
      '@everyone <@&1> what is a mutual',
      ...fc.sample(hostileText, { numRuns: 300, seed }),
    ].map(toLine);

    const result = await runProcess(...nodeWithTsx('adapters/cli/ask.ts', ['--json']), {
      input: `${lines.join('\n')}\n`,
      env: cleanEnv({ KNOWLEDGE_DIR: knowledgeDir }),
      timeoutMs: 60_000,
    });

    const context = `(seed ${seed}; stderr: ${result.stderr.slice(0, 500)})`;
    expect(result.exitCode, context).toBe(0);
    expect(result.stderr, context).toBe('');
    const outputLines = result.stdout.split('\n');
    expect(outputLines.pop(), context).toBe('');
    expect(outputLines, context).toHaveLength(lines.length);

    // The engine is deterministic, so the process must give the very answer asked in-process: that proves the order too.
    const answerer = createAnswerer(knowledgeDir);
    outputLines.forEach((json, index) => {
      const answer = expectWellFormedAnswer(JSON.parse(json));
      expect(answer, `line ${index + 1} ${context}`).toEqual(answerer.ask(lines[index]!));
    });
  }, 90_000);
});
