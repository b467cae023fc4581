import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from './fixture-knowledge.js';
import { describeFolderChanges, listLeftovers, recordFolderState } from './run-guard.js';

// The guard in tests/global-setup.ts fails a run on what these functions find.
describe('the test run guard', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('sees no change in a folder nobody touched, or one that never existed', () => {
    const data = join(temp.dir, 'data');
    mkdirSync(join(data, 'nested'), { recursive: true });
    writeFileSync(join(data, 'questions.jsonl'), '{"a":1}\n');
    expect(describeFolderChanges('data', recordFolderState(data), recordFolderState(data))).toEqual([]);
    const missing = join(temp.dir, 'missing');
    expect(describeFolderChanges('missing', recordFolderState(missing), recordFolderState(missing))).toEqual([]);
  });

  it('names a file appended to, created or removed, and a folder created or removed', () => {
    const data = join(temp.dir, 'data');
    expect(describeFolderChanges('data', recordFolderState(data), (mkdirSync(data), writeFileSync(join(data, 'questions.jsonl'), 'x\n'), recordFolderState(data)))).toEqual([
      'data was created (it did not exist before the run), holding: questions.jsonl',
    ]);
    const before = recordFolderState(data);
    // Same size, other content: still a change.
    writeFileSync(join(data, 'questions.jsonl'), 'y\n');
    writeFileSync(join(data, 'new.jsonl'), '');
    const after = recordFolderState(data);
    const changes = describeFolderChanges('data', before, after);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatch(/^data\/questions\.jsonl changed \(2 bytes, sha256 \w+ -> 2 bytes, sha256 \w+\)$/);
    expect(changes[1]).toBe('data/new.jsonl was created');
    appendFileSync(join(data, 'questions.jsonl'), 'z\n');
    expect(describeFolderChanges('data', after, recordFolderState(data))).toEqual([expect.stringMatching(/^data\/questions\.jsonl changed \(2 bytes.* -> 4 bytes/)]);
    rmSync(data, { recursive: true });
    expect(describeFolderChanges('data', after, recordFolderState(data))).toEqual(['data was removed']);
  });

  it("lists only the leftovers named like the tests' own folders", () => {
    mkdirSync(join(temp.dir, 'rtp-bot-test-abc'));
    mkdirSync(join(temp.dir, 'tsx-0'));
    writeFileSync(join(temp.dir, 'rtp-kb-x'), '');
    expect(listLeftovers(temp.dir)).toEqual(['rtp-bot-test-abc', 'rtp-kb-x']);
    expect(listLeftovers(join(temp.dir, 'nothing-here'))).toEqual([]);
  });
});
