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

/** The script that installs every system tool the tests need; the README's test command runs it. */
export const INSTALL_SCRIPT = 'tooling/test-setup/install-system-tools.sh';

function hint(tool: SystemTool): string {
  const variable = tool.environmentVariable ? `, or set ${tool.environmentVariable} to its path` : '';
  return `Run \`bash ${INSTALL_SCRIPT}\` (the README's test command does), or install Debian's ${tool.debianPackage}${variable}.`;
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
 * Finds a system tool the tests need, or fails with a message that names the script installing it.
 * Tests never install anything themselves: `tooling/test-setup/install-system-tools.sh` does, run by
 * the README's test command and by CI.
 */
export function requireSystemTool(tool: SystemTool): string {
  const found = findSystemTool(tool);
  if (found) return found;
  throw new Error(`${tool.name} was not found in ${tool.paths.join(', ')}. ${hint(tool)}`);
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
