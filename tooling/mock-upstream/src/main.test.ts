import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

async function firstLine(process: ChildProcess): Promise<string> {
  let output = '';
  for await (const part of process.stdout!) {
    output += String(part);
    if (output.includes('\n')) break;
  }
  return output.split('\n')[0] ?? '';
}

it('runs as a separate process, scriptable over HTTP, and exits cleanly on SIGTERM', async () => {
  child = spawn(`${packageDirectory}node_modules/.bin/tsx`, ['src/main.ts', '--port', '0'], {
    cwd: packageDirectory,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await firstLine(child);
  expect(line).toMatch(/^mock-upstream listening on http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const url = line.slice('mock-upstream listening on '.length);

  const models = (await (await fetch(`${url}/models`)).json()) as { data: { id: string }[] };
  expect(models.data[0]?.id).toBe('mock-model');
  const origin = new URL(url).origin;
  await fetch(`${origin}/__mock/script`, {
    method: 'POST',
    body: JSON.stringify({ scenarios: [{ kind: 'status', status: 429, retryAfter: 1 }] }),
  });
  const limited = await fetch(`${url}/chat/completions`, { method: 'POST', body: '{"stream":true}' });
  expect(limited.status).toBe(429);
  const watchable = await fetch(`${url}/chat/completions`, { method: 'POST', body: '{"stream":true}' });
  expect(await watchable.text()).toContain('"reasoning_content"');

  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  expect(await exited).toEqual([0, null]);
}, 20_000);
