import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { REDIS_SERVER, requireSystemTool } from './system-tools';

/** A real redis-server for a test, on a free loopback port, keeping nothing on disk. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Kills it at once. */
  stop(): void;
}

/** A TCP port no one listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts Debian's redis-server (installed by the test set-up); resolves once it accepts connections. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(
    requireSystemTool(REDIS_SERVER),
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 15_000);
    child.stdout!.on('data', (text: Buffer) => {
      output += text.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}
