/**
 * Building and running the container image (Containerfile) with Debian's own
 * tools, no registry: mmdebstrap makes a Debian root with Node, `podman import`
 * turns it into a base image, `podman build --isolation chroot` builds on it, and
 * `buildah run --isolation chroot` runs a process from the image on the host's
 * network (`podman run` fails on our machines: crun cannot set rlimits, and the
 * cgroups are hybrid). Used by tests/container/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess, type ProcessResult } from './processes.js';

/** The tools the image tests need, each from Debian's package of the same name. */
export const containerTools = ['podman', 'buildah', 'mmdebstrap'] as const;

/** The Debian release whose Node (20.19) the test images are built from: bookworm's is 18. */
export const debianSuite = 'trixie';

/** The first line of a tool's complaint, for a one-line message. */
const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';

/**
 * Why the image tests cannot run on this machine, in one line; `null` when
 * they can: every tool is installed, and buildah can make a container.
 */
export function whyImagesCannotBeBuilt(): string | null {
  const missing = containerTools.filter((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error !== undefined);
  if (missing.length > 0) return `${missing.join(', ')} not installed (apt-get install ${missing.join(' ')}; .ci/run does)`;
  const name = `rtp-probe-${process.pid}`;
  const probe = spawnSync('buildah', ['from', '--name', name, 'scratch'], { encoding: 'utf8' });
  if (probe.status !== 0) return `buildah cannot make a container here (${firstLine(probe.stderr)})`;
  spawnSync('buildah', ['rm', name], { stdio: 'ignore' });
  return null;
}

/** Runs a tool to the end; throws with its output when it fails. */
export async function runTool(command: string, args: string[], options: { timeoutMs?: number; cwd?: string } = {}): Promise<ProcessResult> {
  const result = await runProcess(command, args, { timeoutMs: options.timeoutMs ?? 60_000, cwd: options.cwd, env: { ...process.env } });
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.exitCode}:\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-1000)}`);
  return result;
}

/** How long a cached base tarball is used: Debian's security updates come through after that. */
const baseCacheDays = 7;

/**
 * A Debian root (`mmdebstrap --variant=minbase`) with `packages`, as a tarball
 * in `cacheDir`, made once and reused for a week. Written beside and renamed,
 * so an interrupted run never leaves half a tarball to reuse.
 */
export async function debianRootTarball(packages: readonly string[], cacheDir: string): Promise<string> {
  const tarball = join(cacheDir, `rtp-bot-container-${debianSuite}-${packages.join('-')}.tar`);
  if (existsSync(tarball) && Date.now() - statSync(tarball).mtimeMs < baseCacheDays * 86_400_000) return tarball;
  const partial = join(cacheDir, `rtp-bot-container-partial-${process.pid}-${packages.join('-')}.tar`);
  try {
    await runTool('mmdebstrap', ['--quiet', '--variant=minbase', `--include=${packages.join(',')}`, debianSuite, partial], { timeoutMs: 600_000 });
    renameSync(partial, tarball);
  } finally {
    rmSync(partial, { force: true });
  }
  return tarball;
}

/** Where {@link debianRootTarball}s are kept between test runs: the OS temporary folder, outside the run's own. */
export const baseCacheDir = (): string => process.env.RTP_TEST_OUTER_TMPDIR ?? tmpdir();

/**
 * The host's bundle of trusted certificates, to lend the build stage while it
 * runs (never kept in the image), so npm inside trusts what npm here trusts
 * (a proxy's own authority, say). `undefined` when the host has none there.
 */
export function hostCertificateBundle(): string | undefined {
  const bundle = '/etc/ssl/certs/ca-certificates.crt';
  return existsSync(bundle) ? bundle : undefined;
}

/** What `podman image inspect` says of an image, the parts the tests check. */
export interface ImageConfig {
  size: number;
  user: string;
  workingDir: string;
  cmd: string[];
  env: Record<string, string>;
  volumes: string[];
  exposedPorts: string[];
  stopSignal: string | undefined;
  healthcheck: string[] | undefined;
}

/** Reads an image's configuration with `podman image inspect`. */
export async function inspectImage(image: string): Promise<ImageConfig> {
  const { stdout } = await runTool('podman', ['image', 'inspect', image]);
  const [inspected] = JSON.parse(stdout) as {
    Size: number;
    Config: { User?: string; WorkingDir?: string; Cmd?: string[]; Env?: string[]; Volumes?: Record<string, unknown>; ExposedPorts?: Record<string, unknown>; StopSignal?: string };
    Healthcheck?: { Test?: string[] };
  }[];
  const config = inspected!.Config;
  return {
    size: inspected!.Size,
    user: config.User ?? '',
    workingDir: config.WorkingDir ?? '',
    cmd: config.Cmd ?? [],
    env: Object.fromEntries((config.Env ?? []).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])),
    volumes: Object.keys(config.Volumes ?? {}),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    stopSignal: config.StopSignal,
    healthcheck: inspected!.Healthcheck?.Test,
  };
}

/** One process on this machine, as /proc shows it. */
export interface HostProcess {
  pid: number;
  argv: string[];
  /** Its pid in each PID namespace it is in, outermost first (`NSpid`): `[host pid, 1]` for the first process of a new namespace. */
  namespacePids: number[];
}

/** Every process descended from `ancestor` (itself excluded), from /proc. */
export function descendantsOf(ancestor: number): HostProcess[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent pid is the 4th field, after the command name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: HostProcess[] = [];
  const visit = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      try {
        const argv = readFileSync(`/proc/${child}/cmdline`, 'utf8')
          .split('\0')
          .filter((part) => part !== '');
        const nspid = /^NSpid:\s+(.+)$/m.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1] ?? String(child);
        found.push({ pid: child, argv, namespacePids: nspid.split(/\s+/).map(Number) });
      } catch {
        continue;
      }
      visit(child);
    }
  };
  visit(ancestor);
  return found;
}

/** Removes these buildah containers, those that exist; throws when one cannot be removed. */
export async function removeContainers(names: readonly string[]): Promise<void> {
  const { stdout } = await runTool('buildah', ['containers', '--format', '{{.ContainerName}}']);
  const existing = new Set(stdout.split('\n'));
  for (const name of names.filter((candidate) => existing.has(candidate))) await runTool('buildah', ['rm', name]);
}

/** Removes these images, those that exist; throws when one cannot be removed. */
export async function removeImages(names: readonly string[]): Promise<void> {
  for (const name of names) {
    if ((await runProcess('podman', ['image', 'exists', name], { env: { ...process.env } })).exitCode === 0) await runTool('podman', ['rmi', name]);
  }
}
