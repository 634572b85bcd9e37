/**
 * How the person ran this command, so that advice names a command that works for them: `seer` when it
 * is on their PATH, `pnpm -s seer` inside a clone where it runs through the workspace's `seer` script
 * (pnpm tells its scripts which one they are in `npm_lifecycle_event`).
 */
export function commandName(environment: Record<string, string | undefined> = process.env): string {
  return environment.npm_lifecycle_event === 'seer' ? 'pnpm -s seer' : 'seer';
}
