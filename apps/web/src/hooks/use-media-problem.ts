import type { TemplateDescription } from '@seer/core';
import { useEffect, useMemo, useState } from 'react';
import { describeMediaProblem } from '../lib/describe-media-problem';
import type { Locale } from '../lib/i18n';
import { countMedia, type MediaKind } from '../lib/media-words';
import type { RunError } from './use-analysis';

/** What `useMediaProblem` gives a component. */
export interface MediaProblem {
  /** What the chosen task needs that the added media do not give; undefined when they fit. */
  problem: string | undefined;
  /** The problem that stopped the last Analyze, as an error to show. */
  blockingError: RunError | undefined;
  /** Stops Analyze with the current problem. */
  block: () => void;
  /** Forgets what stopped the last Analyze, as a run starts. */
  unblock: () => void;
}

/**
 * Whether the added media fit the chosen task (the server would refuse them with a 400 otherwise), and
 * the problem that stopped the last Analyze: it shows until the media or the task change.
 */
export function useMediaProblem(
  template: TemplateDescription | undefined,
  items: ReadonlyArray<{ kind: MediaKind }>,
  locale: Locale,
): MediaProblem {
  const problem = template ? describeMediaProblem(template, countMedia(items), locale) : undefined;
  const [blockingProblem, setBlockingProblem] = useState<string>();
  // Once the media or the task change, an old refusal no longer applies, even if the same problem returns.
  useEffect(() => {
    if (blockingProblem !== undefined && blockingProblem !== problem) setBlockingProblem(undefined);
  }, [blockingProblem, problem]);
  const blockingError = useMemo<RunError | undefined>(
    () =>
      blockingProblem === undefined
        ? undefined
        : { code: 'invalid_request', message: blockingProblem, isRetryable: false },
    [blockingProblem],
  );
  return {
    problem,
    blockingError,
    block: () => setBlockingProblem(problem),
    unblock: () => setBlockingProblem(undefined),
  };
}
