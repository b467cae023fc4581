import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeBase } from '../types.js';
import { loadKnowledge } from './load-knowledge.js';

/** What {@link loadKnowledgeCached} did, for logs and the benchmark. */
export interface KnowledgeCacheReport {
  knowledge: KnowledgeBase;
  /** `hit`: read from the cache; `miss`: loaded, validated and saved; `unsaved`: loaded, but the cache could not be written. */
  cache: 'hit' | 'miss' | 'unsaved';
  /** The hash of the knowledge files the cache is keyed by. */
  key: string;
}

// 3: entries carry owner, reviewed and reviewEveryDays, and the knowledge its reviewEveryDays.
const cacheFormat = 3;
const cachePrefix = 'knowledge-';

/**
 * Saves one cache file in a cache folder, replacing the older files of the
 * same kind (same name prefix and suffix). Written under another name first and
 * renamed, so a reader never sees half a file.
 * @returns whether the file was saved; a folder that cannot be written only means no cache.
 */
export function replaceCacheFile(cacheDir: string, prefix: string, suffix: string, name: string, content: string | Uint8Array): boolean {
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const old of readdirSync(cacheDir)) if (old.startsWith(prefix) && old.endsWith(suffix)) rmSync(join(cacheDir, old), { force: true });
    const file = join(cacheDir, `${prefix}${name}${suffix}`);
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, content);
    renameSync(partial, file);
    return true;
  } catch {
    return false;
  }
}

/** Every file under a folder, in a fixed order, as paths relative to it. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((item) => {
      const path = prefix ? `${prefix}/${item.name}` : item.name;
      return item.isDirectory() ? listFiles(dir, path) : item.isFile() ? [path] : [];
    });
}

/** A hash of every file's name and content in a knowledge folder: any edit, addition or removal changes it. */
export function hashKnowledgeFiles(dir: string): string {
  const hash = createHash('sha256');
  hash.update(`rtp-bot knowledge cache ${cacheFormat}\0`);
  for (const path of listFiles(dir)) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(dir, path)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Loads a knowledge folder through an on-disk cache. Reading and validating
 * thousands of YAML files is most of the start-up time of a large knowledge
 * base; the validated result is saved as one JSON file keyed by a hash of all
 * the knowledge files, so the next start only reads and hashes the files.
 * A missing, stale or unreadable cache is rebuilt; a cache folder that cannot
 * be written only means no cache.
 * @param dir The knowledge folder.
 * @param cacheDir A folder the cache may own (created if missing); older cache files in it are removed.
 * @throws {KnowledgeError} when the knowledge folder is invalid.
 */
export function loadKnowledgeCached(dir: string, cacheDir: string): KnowledgeCacheReport {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return { knowledge: loadKnowledge(dir), cache: 'unsaved', key: '' };
  const key = hashKnowledgeFiles(dir);
  const file = join(cacheDir, `${cachePrefix}${key}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { format?: number; knowledge?: KnowledgeBase };
    if (cached.format === cacheFormat && cached.knowledge && Array.isArray(cached.knowledge.entries)) {
      return { knowledge: { ...cached.knowledge, dir }, cache: 'hit', key };
    }
  } catch {
    // No cache yet, or a damaged one: load from the files below.
  }
  const knowledge = loadKnowledge(dir);
  const saved = replaceCacheFile(cacheDir, cachePrefix, '.json', key, JSON.stringify({ format: cacheFormat, knowledge }));
  return { knowledge, cache: saved ? 'miss' : 'unsaved', key };
}
