import { CHROMIUM, requireSystemTool } from '@seer/test-setup';
import { type Browser, chromium } from 'playwright-core';

/** Finds Chromium, or fails naming the script that installs it. */
export function ensureChromium(): string {
  return requireSystemTool(CHROMIUM);
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
