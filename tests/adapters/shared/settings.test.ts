import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, knowledgeCacheDirOf } from '../../../adapters/shared/settings.js';

describe('knowledgeCacheDirOf (KNOWLEDGE_CACHE_DIR)', () => {
  it('defaults to cache/ in the data folder, wherever DATA_DIR puts it', () => {
    expect(knowledgeCacheDirOf({})).toBe(join(defaultDataDir, 'cache'));
    expect(knowledgeCacheDirOf({ DATA_DIR: 'some/data' })).toBe(resolve('some/data', 'cache'));
  });

  it('takes a folder of its own, resolved, and "off" for no cache', () => {
    expect(knowledgeCacheDirOf({ KNOWLEDGE_CACHE_DIR: 'elsewhere', DATA_DIR: 'some/data' })).toBe(resolve('elsewhere'));
    expect(knowledgeCacheDirOf({ KNOWLEDGE_CACHE_DIR: 'off' })).toBeUndefined();
    expect(knowledgeCacheDirOf({ KNOWLEDGE_CACHE_DIR: '' })).toBe(join(defaultDataDir, 'cache'));
  });
});
