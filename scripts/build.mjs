// `npm run build`: compiles the bot (src/ and adapters/) to dist/ with tsc and tsconfig.build.json, so that
// `npm start` runs plain `node` with no TypeScript loader in the process. Then the two commands whose start-up
// people wait for, `npm start` (dist/adapters/start.js) and a one-shot answer (dist/adapters/cli/ask.js), are
// replaced by esbuild bundles of the same sources: one file each (plus shared chunks in dist/chunks/, and one per
// dynamic import, such as each platform's SDK), so Node resolves and reads a few files instead of about a hundred.
// The packages every start loads are bundled in (zod, Bolt…); the rest stay in node_modules. Without esbuild (it comes with tsx), tsc's files stay.
// `--if-stale` (npm start's prestart step) builds only when the sources differ from those of the last build,
// so a fresh clone, or a checkout of other code, still starts with the commands the README and docs/ show.
// `--check` builds nothing: it says whether dist/ is up to date (exit 0) or stale (exit 1).
// Plain JavaScript, so it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist');
/** Holds the hash of the sources dist/ was built from. */
const stampName = '.source-hash';
const sourceDirs = ['src', 'adapters'];
const configFiles = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** A hash over every file the build reads: the TypeScript sources, by path and content, and the build's configuration. */
function hashSources() {
  const hash = createHash('sha256');
  const add = (path) => hash.update(relative(root, path).split(sep).join('/')).update('\0').update(readFileSync(path)).update('\0');
  const walk = (dir) => {
    for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, item.name);
      if (item.isDirectory()) walk(path);
      else if (item.name.endsWith('.ts')) add(path);
    }
  };
  for (const dir of sourceDirs) walk(join(root, dir));
  for (const file of configFiles) add(join(root, file));
  return hash.digest('hex');
}

const builtFrom = () => {
  try {
    return readFileSync(join(outDir, stampName), 'utf8').trim();
  } catch {
    return null;
  }
};

const ifStale = process.argv.includes('--if-stale');
const sourceHash = hashSources();
const staleness = builtFrom() === sourceHash ? null : existsSync(outDir) ? 'the sources changed since the last build' : 'no build yet';
if (process.argv.includes('--check')) {
  console.log(staleness === null ? 'dist/ is up to date' : `dist/ is stale: ${staleness}`);
  process.exit(staleness === null ? 0 : 1);
}
if (ifStale && staleness === null) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.error('rtp-bot: cannot build dist/: TypeScript is not installed. Run `npm ci` (with dev dependencies), or run `npm run build` before leaving them out.');
  process.exit(1);
}

/**
 * Packages every start loads, bundled in, so that Node reads one file instead of many: zod's ECMAScript modules are
 * about a hundred files, and Bolt with what it requires (its Web API client, axios, express, Socket Mode…) several
 * hundred, whose resolving took a quarter of a Slack start. The others stay in node_modules: discord.js, the servers'
 * clients and metrics, loaded only when used, and yaml, which the knowledge loader requires only without a cache.
 */
const bundledPackages = ['zod', 'minisearch', 'stemmer', 'dotenv', '@slack/bolt'];

/** Every package in package.json but {@link bundledPackages}, with its subpaths. */
function externalPackages() {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.keys({ ...dependencies, ...devDependencies })
    .filter((name) => !bundledPackages.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
}

/** The entry points bundled over tsc's output, as paths under dist/ without `.js`. */
const bundledEntryPoints = ['adapters/start', 'adapters/cli/ask'];

/**
 * Bundles the entry points into `outDir` with esbuild, over tsc's files of the same name. The sources' hash is
 * compiled in as `RTP_CODE_VERSION`, the code version the knowledge cache is keyed by (src/code-version.ts).
 */
async function bundleEntryPoints(outDir) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return { ok: true };
  }
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(bundledEntryPoints.map((name) => [name, join(root, `${name}.ts`)])),
      outdir: outDir,
      bundle: true,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: externalPackages(),
      define: { RTP_CODE_VERSION: JSON.stringify(sourceHash) },
      logLevel: 'error',
      // The CommonJS packages bundled into these ECMAScript modules call require(): they get Node's.
      banner: { js: "import { createRequire as rtpCreateRequire } from 'node:module'; const require = rtpCreateRequire(import.meta.url);" },
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

if (ifStale) console.error(`rtp-bot: compiling to dist/ (${staleness})…`);
// Built beside dist/ and swapped in whole, so a bot already running from dist/, or one starting now, never sees half a build.
const staging = join(root, `dist.building-${process.pid}`);
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', staging], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  console.error('rtp-bot: the build failed (see the errors above); dist/ is unchanged.');
  process.exit(1);
}
const bundled = await bundleEntryPoints(staging);
if (!bundled.ok) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`rtp-bot: bundling failed (${bundled.reason}); dist/ is unchanged.`);
  process.exit(1);
}
writeFileSync(join(staging, stampName), `${sourceHash}\n`);
const old = join(root, `dist.old-${process.pid}`);
try {
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
} catch {
  // Another build (a second replica starting at the same moment) swapped its own in first: it is built from the same sources.
  rmSync(staging, { recursive: true, force: true });
}
rmSync(old, { recursive: true, force: true });
