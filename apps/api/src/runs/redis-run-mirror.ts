import { type AnalysisEvent, AnalysisEventSchema, type RunStatus, RunStatusSchema } from '@seer/core';
import { Redis } from 'ioredis';
import { droppedNotice, isTerminal, type RunDescription, type RunItem } from './local-run';
import type { RunMirror, SharedRun } from './run-mirror';

/** How long a run's keys outlive a silent instance while it runs: it refreshes them as it goes. */
const RUNNING_EXPIRY_MS = 60 * 60 * 1000;
/** A running run whose instance has not said it is alive for this long is lost. */
const LOST_AFTER_MS = 5000;
/** How long a reader on another instance counts after it last said it reads. */
const READER_EXPIRY_MS = 3000;
/** A follower looks at the run's status at least this often, to notice a lost run. */
const STATUS_CHECK_MS = 1000;
/** Events read from the stream at once. */
const PAGE = 500;

const runKey = (id: string) => `seer:run:${id}`;
const eventsKey = (id: string) => `seer:run:${id}:events`;
const readerKey = (id: string) => `seer:run:${id}:reader`;
const eventsChannel = (id: string) => `seer:run:${id}:appended`;
const STOP_CHANNEL = 'seer:runs:stop';
/** A run's events are a Redis stream whose entry ids are `0-<SSE id + 1>`, so a replay starts at an id. */
const entryId = (seq: number) => `0-${seq + 1}`;
const seqOf = (entry: string) => Number(entry.slice(entry.indexOf('-') + 1)) - 1;

/** The event a reader gets when the instance running its run went away. */
const LOST_EVENT: AnalysisEvent = {
  type: 'error',
  code: 'run_lost',
  message: 'The server running this analysis went away before it finished. Start it again.',
  retryable: true,
};

/**
 * Runs shared through Redis (docs/runs.md, several instances): each run's events in a Redis stream,
 * its description and status in a hash, a pub/sub message per event so that followers on other
 * instances wake at once, and a channel for stop requests. The instance running a run writes in
 * order on one connection without waiting; followers page through the stream with `XRANGE`.
 */
export function createRedisRunMirror(url: string, ttlMs: number): RunMirror {
  const commands = new Redis(url, { maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { maxRetriesPerRequest: 2 });
  // ioredis reconnects by itself; a run meanwhile goes on for its readers on this instance.
  commands.on('error', () => {});
  subscriber.on('error', () => {});
  const wakers = new Map<string, Set<() => void>>();
  const stopHandlers: ((id: string) => void)[] = [];
  subscriber.on('message', (channel: string, message: string) => {
    if (channel === STOP_CHANNEL) {
      for (const handler of stopHandlers) handler(message);
      return;
    }
    for (const wake of wakers.get(channel) ?? []) wake();
  });
  const ignore = () => {};

  /** Wakes `wake` whenever the run gets an event, until the returned function is called. */
  const listen = (id: string, wake: () => void): (() => void) => {
    const channel = eventsChannel(id);
    let set = wakers.get(channel);
    if (!set) {
      set = new Set();
      wakers.set(channel, set);
      subscriber.subscribe(channel).catch(ignore);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && wakers.get(channel) === set) {
        wakers.delete(channel);
        subscriber.unsubscribe(channel).catch(ignore);
      }
    };
  };

  const find = async (id: string): Promise<SharedRun | undefined> => {
    const fields = await commands.hgetall(runKey(id));
    if (!fields.description) return undefined;
    let status = RunStatusSchema.parse(fields.status);
    let lastEventId = Number(fields.lastEventId);
    if (status === 'running' && Date.now() - Number(fields.aliveAt) > LOST_AFTER_MS) {
      await markLost(id, lastEventId);
      status = 'failed';
      lastEventId++;
    }
    return { description: JSON.parse(fields.description) as RunDescription, status, lastEventId };
  };

  /** Ends a run whose instance died: its readers get `run_lost`, its status is `failed`. */
  const markLost = async (id: string, lastEventId: number): Promise<void> => {
    // Two followers may notice at once: the stream refuses the second event with the same id.
    await commands
      .multi()
      .xadd(eventsKey(id), entryId(lastEventId + 1), 'e', JSON.stringify(LOST_EVENT))
      .hset(runKey(id), 'status', 'failed', 'lastEventId', lastEventId + 1)
      .pexpire(runKey(id), ttlMs)
      .pexpire(eventsKey(id), ttlMs)
      .publish(eventsChannel(id), String(lastEventId + 1))
      .exec()
      .catch(ignore);
  };

  async function* follow(id: string, after: number, signal: AbortSignal): AsyncGenerator<RunItem> {
    let last = after;
    let wake: () => void = () => {};
    // An event published between reading the stream and starting to wait must not be missed.
    let hasNews = false;
    const stopListening = listen(id, () => {
      hasNews = true;
      wake();
    });
    try {
      for (;;) {
        hasNews = false;
        const entries = (await commands.xrange(eventsKey(id), `(${entryId(last)}`, '+', 'COUNT', PAGE)) as [
          string,
          string[],
        ][];
        for (const [entry, fields] of entries) {
          const seq = seqOf(entry);
          if (seq > last + 1) {
            const dropped = Number(await commands.hget(runKey(id), 'dropped'));
            yield { event: droppedNotice(dropped) };
          }
          last = seq;
          const event = AnalysisEventSchema.parse(JSON.parse(fields[1]!));
          yield { seq, event };
          if (isTerminal(event)) return;
        }
        if (signal.aborted) return;
        if (entries.length > 0 || hasNews) continue;
        const shared = await find(id);
        if (!shared) return;
        if (shared.status !== 'running' && shared.lastEventId <= last) return;
        if (shared.lastEventId > last || hasNews) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, STATUS_CHECK_MS);
          function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
          }
          wake = done;
          signal.addEventListener('abort', done, { once: true });
        });
      }
    } finally {
      stopListening();
    }
  }

  return {
    started(description) {
      commands
        .multi()
        .hset(runKey(description.id), {
          description: JSON.stringify(description),
          status: 'running',
          lastEventId: -1,
          aliveAt: Date.now(),
          dropped: 0,
        })
        .pexpire(runKey(description.id), RUNNING_EXPIRY_MS)
        .exec()
        .catch(ignore);
    },
    appended(id, seq, event) {
      commands
        .multi()
        .xadd(eventsKey(id), entryId(seq), 'e', JSON.stringify(event))
        .pexpire(eventsKey(id), RUNNING_EXPIRY_MS)
        .hset(runKey(id), 'lastEventId', seq)
        .publish(eventsChannel(id), String(seq))
        .exec()
        .catch(ignore);
    },
    dropped(id, seqs, droppedEvents) {
      commands
        .multi()
        .xdel(eventsKey(id), ...seqs.map(entryId))
        .hset(runKey(id), 'dropped', droppedEvents)
        .exec()
        .catch(ignore);
    },
    ended(id, status: RunStatus) {
      commands
        .multi()
        .hset(runKey(id), 'status', status)
        .pexpire(runKey(id), ttlMs)
        .pexpire(eventsKey(id), ttlMs)
        .publish(eventsChannel(id), 'end')
        .exec()
        .catch(ignore);
    },
    alive(ids) {
      const now = Date.now();
      const batch = commands.multi();
      for (const id of ids) batch.hset(runKey(id), 'aliveAt', now);
      batch.exec().catch(ignore);
    },
    find,
    follow,
    async requestStop(id) {
      await commands.publish(STOP_CHANNEL, id);
    },
    onStopRequest(handler) {
      if (stopHandlers.length === 0) subscriber.subscribe(STOP_CHANNEL).catch(ignore);
      stopHandlers.push(handler);
    },
    markReader(id) {
      commands.set(readerKey(id), '1', 'PX', READER_EXPIRY_MS).catch(ignore);
    },
    async hasRemoteReaders(id) {
      return (await commands.exists(readerKey(id)).catch(() => 0)) === 1;
    },
    async close() {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
