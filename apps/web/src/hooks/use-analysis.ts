import { type AnalysisEventOf, type PreparedMediaInfo, SeerError } from '@seer/core';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import {
  cancelAnalysis,
  type FollowAnalysisOptions,
  followAnalysis,
  type RunNotice,
  type StreamedEvent,
  streamAnalysis,
} from '../api/analysis-runs';
import type { AnalysisRequest } from '../api/seer-api';
import { LiveText } from '../lib/live-text';

/**
 * Where a run is: not started, streaming, or ended in one of three ways; or, for a saved run only,
 * interrupted: the page closed while it ran, and it could not be found again.
 */
export type RunStatus = 'idle' | 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';

/** A failure to show: the API's error code and its sentence. */
export interface RunError {
  code: string;
  message: string;
  isRetryable: boolean;
  /** E.g. zod `issues` of a 400 `invalid_request`. */
  details?: Record<string, unknown> | undefined;
}

/** What the server prepared from one media item: the `item` of a `media` event. */
export type PreparedMediaReport = PreparedMediaInfo;

/** Everything about the current run except the streamed texts, which live in `LiveText`s. */
export interface RunState {
  status: RunStatus;
  start?: AnalysisEventOf<'start'>;
  /** What the server prepared, by media index. */
  media: Partial<Record<number, PreparedMediaReport>>;
  reasoning: 'none' | 'streaming' | 'done';
  reasoningEnd?: AnalysisEventOf<'reasoning-end'>;
  answer: 'none' | 'streaming' | 'done';
  finish?: AnalysisEventOf<'finish'>;
  error?: RunError;
  /** The connection dropped and is being restored, or was restored and the run read on. */
  link?: 'reconnecting' | 'reconnected';
  /** The run was found again after the page was reloaded, and read from its start. */
  isReattached?: boolean;
  /** What the server said beside the output, e.g. that a replay left out the oldest thinking. */
  notices?: readonly RunNotice[];
}

type Action =
  | { type: 'run'; isReattached?: boolean }
  | { type: 'event'; event: StreamedEvent }
  | { type: 'notice'; notice: RunNotice }
  | { type: 'link'; link: 'reconnecting' | 'reconnected' }
  | { type: 'stopped' }
  | { type: 'failed'; error: RunError }
  | { type: 'reset' };

const initialState: RunState = { status: 'idle', media: {}, reasoning: 'none', answer: 'none' };

function reduce(state: RunState, action: Action): RunState {
  switch (action.type) {
    case 'run':
      return { ...initialState, status: 'running', ...(action.isReattached ? { isReattached: true } : {}) };
    case 'notice':
      return { ...state, notices: [...(state.notices ?? []), action.notice] };
    case 'link':
      return state.status === 'running' ? { ...state, link: action.link } : state;
    case 'reset':
      return initialState;
    case 'stopped':
      return state.status === 'running' ? { ...settled(state), status: 'stopped' } : state;
    case 'failed':
      return { ...settled(state), status: 'failed', error: action.error };
    case 'event':
      return reduceEvent(state, action.event);
  }
}

/** The state of a run that ended: still "reconnected" if it was, no longer "reconnecting". */
function settled(state: RunState): RunState {
  if (state.link !== 'reconnecting') return state;
  const { link: _link, ...rest } = state;
  return rest;
}

function reduceEvent(state: RunState, event: StreamedEvent): RunState {
  switch (event.type) {
    case 'start':
      return { ...state, start: event };
    case 'media':
      return { ...state, media: { ...state.media, [event.item.index]: event.item } };
    case 'reasoning-start':
    case 'reasoning-delta':
      return state.reasoning === 'none' ? { ...state, reasoning: 'streaming' } : state;
    case 'reasoning-end':
      return { ...state, reasoning: 'done', reasoningEnd: event };
    case 'text-start':
    case 'text-delta':
      return state.answer === 'none' ? { ...state, answer: 'streaming' } : state;
    case 'text-end':
      return { ...state, answer: 'done' };
    case 'finish':
      return {
        ...state,
        status: 'finished',
        finish: event,
        reasoning: state.reasoning === 'streaming' ? 'done' : state.reasoning,
        answer: state.answer === 'streaming' ? 'done' : state.answer,
      };
    case 'error':
      return {
        ...settled(state),
        status: 'failed',
        error: { code: event.code, message: event.message, isRetryable: event.retryable },
      };
  }
}

function toRunError(error: unknown): RunError {
  if (SeerError.isInstance(error)) {
    return {
      code: error.code,
      message: error.message,
      isRetryable: error.isRetryable,
      details: error.details,
    };
  }
  // `fetch` rejects with a TypeError when the network or the server is unreachable.
  return {
    code: 'network_error',
    message: 'Seer could not reach its server. Check that it is running, then try again.',
    isRetryable: true,
  };
}

/** A request and the files its media items name, ready to send. */
export interface AnalysisInput {
  request: AnalysisRequest;
  files?: ReadonlyMap<string, File>;
}

/** What `useAnalysis` gives a component. */
export interface Analysis {
  state: RunState;
  /** The model's thinking, streamed. */
  thinking: LiveText;
  /** The answer, streamed. */
  answer: LiveText;
  /**
   * Starts a run, stopping any run in progress. The input may still be in the making (images being
   * resized): the run shows as started at once, and Stop works meanwhile.
   */
  run: (input: AnalysisInput | Promise<AnalysisInput>) => void;
  /** Stops the run in progress, on the server too; what arrived so far stays. */
  stop: () => void;
  /**
   * Reads a run that is already going on the server, e.g. one started before the page was reloaded,
   * from its first event, as a live run. Calls `onGone` (and shows nothing) when the server no longer
   * has it.
   */
  attach: (id: string, onGone: () => void) => void;
}

/** One reading of a run: its abort, and the run's id once the server gave it. */
interface Reading {
  controller: AbortController;
  runId?: string;
}

/**
 * Runs analyses against the API and keeps their state: the events in a reducer, the thinking and answer
 * texts in `LiveText`s that views append to directly. A dropped connection is reconnected by the API
 * client; Stop and a new run cancel the run on the server, while leaving the page does not, so that a
 * reload can find the run again.
 */
export function useAnalysis(): Analysis {
  const [state, dispatch] = useReducer(reduce, initialState);
  const [thinking] = useState(() => new LiveText());
  const [answer] = useState(() => new LiveText());
  const readingRef = useRef<Reading | null>(null);

  const stop = useCallback(() => {
    const reading = readingRef.current;
    if (!reading) return;
    // Best effort: a run nobody reads is stopped by the server after its grace period anyway.
    if (reading.runId !== undefined) cancelAnalysis(reading.runId).catch(() => {});
    reading.controller.abort();
  }, []);

  /** Starts reading a run: stops the one in progress, clears the texts, and makes the handlers. */
  const begin = useCallback(
    (isReattached: boolean) => {
      stop();
      const reading: Reading = { controller: new AbortController() };
      readingRef.current = reading;
      const { signal } = reading.controller;
      thinking.clear();
      answer.clear();
      dispatch({ type: 'run', isReattached });

      // Deltas only grow the texts; the reducer sees the first of each kind, so React renders per phase,
      // not per delta.
      let hasThinking = false;
      let hasAnswer = false;
      const handlers: FollowAnalysisOptions = {
        signal,
        onEvent: (event) => {
          if (signal.aborted) return;
          if (event.type === 'reasoning-delta') {
            thinking.append(event.text);
            if (hasThinking) return;
            hasThinking = true;
          } else if (event.type === 'text-delta') {
            answer.append(event.text);
            if (hasAnswer) return;
            hasAnswer = true;
          }
          dispatch({ type: 'event', event });
        },
        onNotice: (notice) => {
          if (!signal.aborted) dispatch({ type: 'notice', notice });
        },
        onRunId: (id) => {
          reading.runId = id;
        },
        onReconnecting: () => {
          if (!signal.aborted) dispatch({ type: 'link', link: 'reconnecting' });
        },
        onReconnected: () => {
          if (!signal.aborted) dispatch({ type: 'link', link: 'reconnected' });
        },
      };

      /** Shows how the reading ended; `onGone` is for a run the server does not have (404). */
      const settle = (done: Promise<unknown>, onGone?: () => void) => {
        done
          .catch((error: unknown) => {
            // A reading replaced by the next run's has nothing more to show.
            if (readingRef.current !== reading) return;
            if (signal.aborted) dispatch({ type: 'stopped' });
            else if (onGone && SeerError.isInstance(error) && error.status === 404) {
              dispatch({ type: 'reset' });
              onGone();
            } else dispatch({ type: 'failed', error: toRunError(error) });
          })
          .finally(() => {
            if (readingRef.current !== reading) return;
            readingRef.current = null;
            thinking.flush();
            answer.flush();
          });
      };
      return { reading, handlers, settle };
    },
    [stop, thinking, answer],
  );

  const run = useCallback(
    (input: AnalysisInput | Promise<AnalysisInput>) => {
      const { handlers, settle } = begin(false);
      settle(
        Promise.resolve(input).then(({ request, files }) => {
          handlers.signal?.throwIfAborted();
          return streamAnalysis(request, { ...handlers, ...(files ? { files } : {}) });
        }),
      );
    },
    [begin],
  );

  const attach = useCallback(
    (id: string, onGone: () => void) => {
      const { reading, handlers, settle } = begin(true);
      reading.runId = id;
      settle(followAnalysis(id, handlers), onGone);
    },
    [begin],
  );

  // Leaving the page only stops reading: the run goes on, to be found again after a reload.
  useEffect(() => () => readingRef.current?.controller.abort(), []);

  return { state, thinking, answer, run, stop, attach };
}
