import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A system program the tests need, and the Debian package that ships it. */
export interface SystemTool {
  /** What it is, for messages: `Chromium`. */
  name: string;
  /** Where it may be, in order of preference. */
  paths: string[];
  debianPackage: string;
  /** An environment variable that names its path and wins over `paths`. */
  environmentVariable?: string;
}

function hint(tool: SystemTool): string {
  const variable = tool.environmentVariable ? `, or set ${tool.environmentVariable} to its path` : '';
  return `Install it (Debian/Ubuntu: \`apt-get install -y ${tool.debianPackage}\`)${variable}.`;
}

/** The tool's path, or undefined when it is not on this machine. */
export function findSystemTool(tool: SystemTool): string | undefined {
  const fromEnvironment = tool.environmentVariable ? process.env[tool.environmentVariable] : undefined;
  if (fromEnvironment) {
    if (!existsSync(fromEnvironment)) {
      throw new Error(
        `${tool.environmentVariable} is ${fromEnvironment}, but no file is there. ${hint(tool)}`,
      );
    }
    return fromEnvironment;
  }
  return tool.paths.find((candidate) => existsSync(candidate));
}

/**
 * Finds a system tool, installing its Debian package with apt-get when it is missing and this is a
 * Linux root process (a CI machine); otherwise fails with how to install it. This is what lets one
 * command set up and run every test on a fresh Debian machine.
 */
export function ensureSystemTool(tool: SystemTool): string {
  const found = findSystemTool(tool);
  if (found) return found;
  const isRoot = process.platform === 'linux' && process.getuid?.() === 0;
  const hasAptGet = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasAptGet)
    throw new Error(`${tool.name} was not found in ${tool.paths.join(', ')}. ${hint(tool)}`);
  console.log(`tests: ${tool.name} is missing; installing Debian's ${tool.debianPackage}…`);
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', tool.debianPackage],
  ]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed. ${hint(tool)}`);
  }
  const installed = findSystemTool(tool);
  if (!installed)
    throw new Error(
      `apt-get installed ${tool.debianPackage}, but ${tool.name} is not in ${tool.paths.join(', ')}.`,
    );
  return installed;
}

/** Debian's Chromium, which the browser tests drive with playwright-core. */
export const CHROMIUM: SystemTool = {
  name: 'Chromium',
  paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  debianPackage: 'chromium',
  environmentVariable: 'CHROMIUM_PATH',
};

/** libheif's encoder, with which the tests make HEIC photos as an iPhone would. */
export const HEIF_ENCODER: SystemTool = {
  name: 'heif-enc',
  paths: ['/usr/bin/heif-enc', '/usr/local/bin/heif-enc'],
  debianPackage: 'libheif-examples',
  environmentVariable: 'HEIF_ENC_PATH',
};

/** Redis, which the tests start on a free port to check rate limits shared by several API instances. */
export const REDIS_SERVER: SystemTool = {
  name: 'redis-server',
  paths: ['/usr/bin/redis-server', '/usr/local/bin/redis-server'],
  debianPackage: 'redis-server',
  environmentVariable: 'REDIS_SERVER_PATH',
};
