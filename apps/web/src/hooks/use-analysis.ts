import { type AnalysisEvent, type AnalysisEventOf, type PreparedMediaInfo, SeerError } from '@seer/core';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { type AnalysisRequest, streamAnalysis } from '../api/seer-api';
import { LiveText } from '../lib/live-text';

/** Where a run is: not started, streaming, or ended in one of three ways. */
export type RunStatus = 'idle' | 'running' | 'finished' | 'stopped' | 'failed';

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
}

type Action =
  | { type: 'run' }
  | { type: 'event'; event: AnalysisEvent }
  | { type: 'stopped' }
  | { type: 'failed'; error: RunError };

const initialState: RunState = { status: 'idle', media: {}, reasoning: 'none', answer: 'none' };

function reduce(state: RunState, action: Action): RunState {
  switch (action.type) {
    case 'run':
      return { ...initialState, status: 'running' };
    case 'stopped':
      return state.status === 'running' ? { ...state, status: 'stopped' } : state;
    case 'failed':
      return { ...state, status: 'failed', error: action.error };
    case 'event':
      return reduceEvent(state, action.event);
  }
}

function reduceEvent(state: RunState, event: AnalysisEvent): RunState {
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
        ...state,
        status: 'failed',
        error: { code: event.code, message: event.message, isRetryable: event.retryable },
      };
    case 'notice':
      return state;
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
  /** Stops the run in progress; what arrived so far stays. */
  stop: () => void;
}

/**
 * Runs analyses against the API and keeps their state: the events in a reducer, the thinking and answer
 * texts in `LiveText`s that views append to directly.
 */
export function useAnalysis(): Analysis {
  const [state, dispatch] = useReducer(reduce, initialState);
  const [thinking] = useState(() => new LiveText());
  const [answer] = useState(() => new LiveText());
  const controllerRef = useRef<AbortController | null>(null);

  const stop = useCallback(() => {
    controllerRef.current?.abort();
  }, []);

  const run = useCallback(
    (input: AnalysisInput | Promise<AnalysisInput>) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      thinking.clear();
      answer.clear();
      dispatch({ type: 'run' });

      // Deltas only grow the texts; the reducer sees the first of each kind, so React renders per phase,
      // not per delta.
      let hasThinking = false;
      let hasAnswer = false;
      const onEvent = (event: AnalysisEvent) => {
        if (controller.signal.aborted) return;
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
      };

      Promise.resolve(input)
        .then(({ request, files }) => {
          controller.signal.throwIfAborted();
          return streamAnalysis(request, { signal: controller.signal, onEvent, ...(files ? { files } : {}) });
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) dispatch({ type: 'stopped' });
          else dispatch({ type: 'failed', error: toRunError(error) });
        })
        .finally(() => {
          if (controllerRef.current !== controller) return;
          controllerRef.current = null;
          thinking.flush();
          answer.flush();
        });
    },
    [thinking, answer],
  );

  useEffect(() => () => controllerRef.current?.abort(), []);

  return { state, thinking, answer, run, stop };
}
