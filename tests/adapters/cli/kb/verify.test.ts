import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/fixture-knowledge.js';
import { repoPath, runCli } from '../../../support/processes.js';

const kb = (args: string[], env: Record<string, string> = {}) => runCli('adapters/cli/kb.ts', args, { env });

// The real source documents live beside the repository, never in it; a fresh clone has none.
const realSources = repoPath('../shared/sources');
const skipReason = existsSync(realSources) ? '' : ' (skipped: no ../shared/sources beside the repository)';

// Each test runs the CLI as a process, several at once: the timeout allows for a loaded machine; it measures nothing.
describe.concurrent('npm run kb -- verify', { timeout: 60_000 }, () => {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => temp?.remove());

  it.skipIf(!existsSync(realSources))(`passes on the real knowledge base: every quotation and figure found, nothing copied${skipReason}`, async () => {
    const result = await kb(['verify']);
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^knowledge verify OK: \d+ entries against \d+ sources: 0 quote problems \(\d+ checked\), 0 unexplained figures \(\d+ checked\), 0 copied runs, 0 near-copies, 0 estimated dates stated as exact, 0 alias roles no source states \(\d+ checked\); 0 errors, 0 warnings$/,
      ),
    ]);
    expect(result.code).toBe(0);
  });

  it('reports each planted problem in invented fixtures as file:line: level: message and exits 1', async () => {
    const result = await kb(['verify', '--knowledge', 'tests/fixtures/knowledge-verify', '--sources', 'tests/fixtures/sources-verify']);
    const dir = 'tests/fixtures/knowledge-verify/entries';
    expect(result.stdout.trim().split('\n')).toEqual([
      `${dir}/copied-run.md:12: error: repeats 10 words of digest-pool outside quotation marks ("the Eastford pool trust has signed a 25-year lease"): say it in our own words, or quote a person's words briefly; a name with a job title may be listed in copy-exceptions.yaml`,
      `${dir}/misquote.md:12: error: the quotation "bake finer bread when the ovens are ours" is not word for word in any cited source (bakery-2015): quote the source exactly, or drop the quotation marks and say it in our own words`,
      `${dir}/planted-figure.md:12: error: the figure "45" is in no cited source (digest-library) and not in their dates: correct it, cite the source it comes from, or, if it is worked out from a source, give the reason under "derived_figures"`,
      `${dir}/wrong-source-quote.md:13: error: the quotation "stay open for every child in the town" is not in its cited sources (digest-library) but is in digest-pool: cite that source, or quote the one cited`,
      '',
      'knowledge verify failed: 5 entries against 3 sources: 2 quote problems (3 checked), 1 unexplained figure (8 checked), 1 copied run, 0 near-copies, 0 estimated dates stated as exact, 0 alias roles no source states (0 checked); 4 errors, 0 warnings',
    ]);
    expect(result.code).toBe(1);
  });

  it('takes the sources folder from SOURCES_DIR', async () => {
    const result = await kb(['verify', '--knowledge', 'tests/fixtures/knowledge-verify'], { SOURCES_DIR: 'tests/fixtures/sources-verify' });
    expect(result.stdout).toMatch(/^knowledge verify failed: 5 entries against 3 sources/m);
  });

  it('takes --sources over SOURCES_DIR', async () => {
    const result = await kb(['verify', '--knowledge', 'tests/fixtures/knowledge-verify', '--sources', 'tests/fixtures/sources-verify'], { SOURCES_DIR: '/nonexistent/sources' });
    expect(result.stdout).toMatch(/^knowledge verify failed: 5 entries against 3 sources/m);
  });

  it('says plainly that it skipped, and exits 0, when the sources folder is absent', async () => {
    temp = makeTempDir();
    const missing = join(temp.dir, 'no-sources-here');
    const result = await kb(['verify'], { SOURCES_DIR: missing });
    expect(result.stdout).toBe(`knowledge verify skipped: there is no sources folder at ${missing} (set SOURCES_DIR or --sources to check against the source documents)\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('says when the knowledge does not load, and exits 1', async () => {
    const result = await kb(['verify', '--knowledge', 'tests/fixtures/knowledge-broken', '--sources', 'tests/fixtures/sources-verify']);
    expect(result.stdout).toMatch(/^tests\/fixtures\/knowledge-broken\/entries\/bad-links\.md:11: error: "sources" must name a known source id/m);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('knowledge verify failed: the knowledge files do not load (8 errors); run npm run kb -- check');
    expect(result.code).toBe(1);
  });
});
