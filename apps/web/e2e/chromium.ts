import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const knownPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const installHint =
  'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/** The Chromium to drive: `CHROMIUM_PATH`, else the first of the usual system paths that exists. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROMIUM_PATH is ${fromEnv}, but no file is there. ${installHint}`);
    return fromEnv;
  }
  return knownPaths.find((candidate) => existsSync(candidate));
}

function hasAptGet(): boolean {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Finds Chromium, installing Debian's package with apt-get when it is missing and this is a Linux root
 * process (a CI container); otherwise fails with how to install it.
 */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = process.platform === 'linux' && process.getuid?.() === 0;
  if (!isRoot || !hasAptGet())
    throw new Error(`No Chromium found in ${knownPaths.join(', ')}. ${installHint}`);
  console.log('e2e: Chromium is missing; installing it with apt-get…');
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed. ${installHint}`);
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium, but it is not in ${knownPaths.join(', ')}.`);
  return installed;
}

/** Launches a headless Chromium suited to containers (no sandbox, no GPU, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
