import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { createAnswerer, type Answerer, type AnswererSetup } from './create-answerer.js';
import { KnowledgeError, type KnowledgeIssue } from '../errors.js';
import type { AskOptions } from '../types.js';
import { displayPath, knowledgeLayout, readKnowledge } from '../knowledge/load-knowledge.js';

/** Options for {@link createLiveAnswerer}. */
export interface LiveAnswererOptions {
  /**
   * How long the files must stay unchanged before a reload, in milliseconds.
   * Editors and `git checkout` write several files in a burst; one reload
   * after the burst sees them all.
   * @default 300
   */
  debounceMs: number;
  /**
   * Whether to watch the folder. Without watching, only {@link LiveAnswerer.reload} reloads.
   * @default true
   */
  watch: boolean;
  /** Options for every answerer built. Default: none (the engine's defaults). */
  askOptions?: Partial<AskOptions>;
  /** How every answerer is set up, e.g. its cache folder (see {@link AnswererSetup}). Default: none (no cache). */
  setup?: AnswererSetup;
  /** Called after new knowledge was swapped in. */
  onReload?: (result: ReloadResult) => void;
  /** Called when new files were invalid and the previous knowledge stays in use, with every problem. */
  onError?: (result: ReloadResult) => void;
  /** Called when a folder cannot be watched (e.g. the system's limit on watches is reached), so edits are not noticed until it can. */
  onWatchError?: (path: string, error: Error) => void;
}

/** The defaults of {@link LiveAnswererOptions}. */
export const defaultLiveAnswererOptions: Readonly<LiveAnswererOptions> = Object.freeze({ debounceMs: 300, watch: true });

/** The outcome of one reload. */
export interface ReloadResult {
  /** True when the new knowledge is now in use. */
  ok: boolean;
  /** How many entries the answerer in use now has. */
  entries: number;
  /** Every problem found; when `ok` is false, at least one is an error. */
  issues: KnowledgeIssue[];
}

/** An answerer that follows its knowledge folder. */
export interface LiveAnswerer {
  /** The answerer in use now. Call it for every question, so that a reload takes effect at once. */
  current(): Answerer;
  /** Loads the folder now; swaps the new knowledge in only when all of it is valid. */
  reload(): ReloadResult;
  /** Stops watching. */
  close(): void;
}

// Only these names can change the knowledge; editors' swap and backup files cannot.
const relevant = (name: string | null): boolean => name === null || /\.(md|ya?ml)$/i.test(name) || name === knowledgeLayout.entries;

/**
 * Creates an answerer that reloads its knowledge folder when it changes. New
 * files are loaded and validated beside the knowledge in use, and replace it
 * in one step only when they are all valid: a question is always answered
 * from either the old knowledge or the new, never from a mixture, and invalid
 * files leave the old knowledge serving.
 * @throws {KnowledgeError} when the folder is invalid at the start.
 */
export function createLiveAnswerer(dir: string, options: Partial<LiveAnswererOptions> = {}): LiveAnswerer {
  const { debounceMs, watch: watching, askOptions, setup, onReload, onError, onWatchError } = { ...defaultLiveAnswererOptions, ...options };
  const failedToWatch = new Set<string>();
  let answerer = createAnswerer(dir, askOptions, setup);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const watchers = new Map<string, FSWatcher>();

  const build = (): { next: Answerer | null; issues: KnowledgeIssue[] } => {
    try {
      const report = readKnowledge(dir);
      return { next: report.knowledge ? createAnswerer(report.knowledge, askOptions, setup) : null, issues: report.issues };
    } catch (error) {
      // A file removed or renamed between listing and reading (editors save that way): the next event retries.
      const issues =
        error instanceof KnowledgeError
          ? error.issues
          : [{ file: displayPath(dir), line: 1, level: 'error' as const, message: `could not be read: ${error instanceof Error ? error.message : String(error)}` }];
      return { next: null, issues };
    }
  };

  const reload = (): ReloadResult => {
    const { next, issues } = build();
    if (!next) {
      const result = { ok: false, entries: answerer.knowledge.entries.length, issues };
      onError?.(result);
      return result;
    }
    answerer = next;
    const result = { ok: true, entries: next.knowledge.entries.length, issues };
    onReload?.(result);
    return result;
  };

  const schedule = (name: string | null): void => {
    if (closed || !relevant(name)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (closed) return;
      ensureWatching();
      reload();
    }, debounceMs);
  };

  const forget = (path: string): void => {
    watchers.get(path)?.close();
    watchers.delete(path);
  };

  // Two plain watchers rather than one recursive one: recursive watching on Linux is emulated in Node 20.
  // The entries folder may be deleted and recreated (git checkout), so it is re-watched after every change.
  const ensureWatching = (): void => {
    if (!watching || closed) return;
    for (const path of [dir, join(dir, knowledgeLayout.entries)]) {
      if (watchers.has(path)) continue;
      try {
        const watcher = watch(path, { persistent: false }, (_event, name) => {
          const changed = name === null ? null : String(name);
          if (path === dir && changed === knowledgeLayout.entries) forget(join(dir, knowledgeLayout.entries));
          schedule(changed);
        });
        watcher.on('error', () => {
          forget(path);
          schedule(null);
        });
        watchers.set(path, watcher);
        failedToWatch.delete(path);
      } catch (error) {
        // Tried again after the next change; reported once until it works.
        if (!failedToWatch.has(path)) onWatchError?.(path, error instanceof Error ? error : new Error(String(error)));
        failedToWatch.add(path);
      }
    }
  };
  ensureWatching();

  return {
    current: () => answerer,
    reload,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
