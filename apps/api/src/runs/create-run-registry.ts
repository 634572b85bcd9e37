import type { Lifecycle } from '../lifecycle';
import type { ServerConfig } from '../server-config';
import { createRedisRunMirror } from './redis-run-mirror';
import { RunRegistry } from './run-registry';

/** The runs of a server: in its memory, or shared through Redis when `SEER_REDIS_URL` is set. */
export function createRunRegistry(
  serverConfig: Pick<ServerConfig, 'runs' | 'redisURL'>,
  lifecycle: Lifecycle,
): RunRegistry {
  const mirror = serverConfig.redisURL
    ? createRedisRunMirror(serverConfig.redisURL, serverConfig.runs.ttlMs)
    : undefined;
  return new RunRegistry(serverConfig.runs, lifecycle, mirror);
}
