import { describe, expect, it } from 'vitest';
import { isHelpRequest } from '../../../src/index.js';

describe('isHelpRequest', () => {
  it('recognises "help" and "?" alone, in any case and spacing', () => {
    for (const text of ['help', 'HELP', ' Help ', '?', '  ?\n']) expect(isHelpRequest(text), JSON.stringify(text)).toBe(true);
  });

  it('leaves real questions that mention help to the search', () => {
    for (const text of ['', 'help me with the right to provide', 'what help is there?', '??', 'helpful']) expect(isHelpRequest(text), JSON.stringify(text)).toBe(false);
  });
});
