import { useEffect, useRef } from 'react';
import type { HistoryRun } from '../lib/history';
import type { Analysis } from './use-analysis';
import type { History } from './use-history';

/** What `useRunRecovery` works with. */
export interface RunRecoveryOptions {
  history: History;
  analysis: Analysis;
  /**
   * Tells the page that the run read from now on is this saved one: the history saving, and the run view
   * (its pictures went with the old page; it draws on the saved previews).
   */
  noteResumed: (run: HistoryRun) => void;
  /** Whether the page can talk to the server yet (its catalog loaded, with the token if one is needed). */
  isReady: boolean;
  /** Shows a run that could not be found again, saved as interrupted. */
  onInterrupted: (run: HistoryRun) => void;
}

/**
 * Finds, once the page has loaded, the run it was reading when it went away (a reload, a closed tab):
 * the newest saved run, still marked running. It is read again from its first event as a live run, and
 * saved as it ends; one the server no longer has is saved as interrupted and shown so.
 */
export function useRunRecovery({
  history,
  analysis,
  noteResumed,
  isReady,
  onInterrupted,
}: RunRecoveryOptions) {
  const isCheckedRef = useRef(false);
  const { runs, isLoaded, save } = history;
  const { attach, state } = analysis;

  useEffect(() => {
    if (isCheckedRef.current || !isLoaded || !isReady) return;
    isCheckedRef.current = true;
    const [latest] = runs;
    // A run started here meanwhile is the one to show.
    if (latest?.status !== 'running' || state.status !== 'idle') return;
    noteResumed(latest);
    attach(latest.id, () => {
      const interrupted: HistoryRun = { ...latest, status: 'interrupted' };
      void save(interrupted);
      onInterrupted(interrupted);
    });
  }, [isLoaded, isReady, runs, state.status, attach, noteResumed, save, onInterrupted]);
}
