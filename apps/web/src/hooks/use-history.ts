import { startTransition, useCallback, useEffect, useState } from 'react';
import type { HistoryRun } from '../lib/history';
import { deleteHistoryRun, listHistoryRuns, saveHistoryRun } from '../lib/history-store';

/** What `useHistory` gives a component. */
export interface History {
  /** Saved runs, newest first; empty until they are read. */
  runs: HistoryRun[];
  /** False when this browser cannot keep history (no IndexedDB, or it refused). */
  isAvailable: boolean;
  /** True once the saved runs were read (or could not be). */
  isLoaded: boolean;
  save: (run: HistoryRun) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

/** The runs kept in this browser's IndexedDB, read on mount and updated as runs are saved or deleted. */
export function useHistory(): History {
  const [runs, setRuns] = useState<HistoryRun[]>([]);
  const [isAvailable, setAvailable] = useState(true);
  const [isLoaded, setLoaded] = useState(false);

  const reload = useCallback(async () => {
    try {
      const saved = await listHistoryRuns();
      // Not urgent: the list re-renders in slices React can interrupt, not in one task as a run ends
      // (when the answer's last update and its summary are laid out too).
      startTransition(() => {
        setRuns(saved);
        setLoaded(true);
      });
    } catch {
      setAvailable(false);
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const save = useCallback(
    async (run: HistoryRun) => {
      try {
        await saveHistoryRun(run);
      } catch {
        setAvailable(false);
        return;
      }
      await reload();
    },
    [reload],
  );

  const remove = useCallback(
    async (id: string) => {
      setRuns((current) => current.filter((run) => run.id !== id));
      try {
        await deleteHistoryRun(id);
      } catch {
        setAvailable(false);
      }
      await reload();
    },
    [reload],
  );

  return { runs, isAvailable, isLoaded, save, remove };
}
