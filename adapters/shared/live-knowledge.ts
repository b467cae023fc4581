import { createLiveAnswerer, formatKnowledgeIssue, type AnswererSetup, type LiveAnswerer, type ReloadResult } from '../../src/index.js';
import type { LogLine } from './platform.js';
import { knowledgeCacheDirOf } from './settings.js';

/** How the adapters set up an answerer: the knowledge cache in its folder (see {@link knowledgeCacheDirOf}), a damaged cache said in one line. */
export function knowledgeSetupOf(env: NodeJS.ProcessEnv, log: LogLine): AnswererSetup {
  const cacheDir = knowledgeCacheDirOf(env);
  return cacheDir ? { cacheDir, onCacheDamaged: (dir) => log('warn', `knowledge cache in ${dir} was damaged: rebuilt it`) } : {};
}

/**
 * Starts an answerer that follows the knowledge folder, logging each reload
 * (`knowledge reloaded: N entries`) and, when new files are invalid, every
 * problem as `file:line: message` while the previous knowledge keeps serving.
 * `onResult` hears of every reload attempt too (for readiness and metrics);
 * `setup` is every answerer's, e.g. its cache folder ({@link knowledgeSetupOf}).
 * @throws {KnowledgeError} when the folder is invalid at the start.
 */
export function startLiveKnowledge(dir: string, log: LogLine, onResult: (result: ReloadResult) => void = () => undefined, setup: AnswererSetup = {}): LiveAnswerer {
  return createLiveAnswerer(dir, {
    setup,
    onReload: (result) => {
      log('info', `knowledge reloaded: ${result.entries} entries`);
      onResult(result);
    },
    onError: (result) => {
      onResult(result);
      const errors = result.issues.filter((issue) => issue.level === 'error');
      log('warn', `knowledge not reloaded: ${errors.length} problem${errors.length === 1 ? '' : 's'}; still serving the previous ${result.entries} entries`);
      for (const issue of errors) log('warn', `  ${formatKnowledgeIssue(issue)}`);
    },
    onWatchError: (path, error) => log('warn', `cannot watch ${path} for changes (${error.message}): edits there may go unnoticed until a restart`),
  });
}
