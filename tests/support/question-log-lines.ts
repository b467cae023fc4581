import { readFileSync } from 'node:fs';
import { listQuestionLogFiles } from '../../src/index.js';

/**
 * Every line of the JSON Lines question log in a data folder, oldest file
 * first (the daily files, read as one log), each parsed with JSON.parse, so a
 * line cut in two fails the test that reads it.
 */
export function readLogLines<Record = { type: string; [field: string]: unknown }>(dataDir: string): Record[] {
  return listQuestionLogFiles(dataDir).flatMap((file) =>
    readFileSync(file.path, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record),
  );
}
