import type { RunState } from '../hooks/use-analysis';
import { useT } from '../hooks/use-locale';

/** Props of `RunNotes`. */
export interface RunNotesProps {
  state: RunState;
}

/**
 * Quiet lines about how a run reached the page, not about the model's output: the connection dropped
 * and is being restored, or was; the run was picked up after a reload; what the server noted (e.g. old
 * thinking left out of a replay). None of these is an error, so none is an alert.
 */
export function RunNotes({ state }: RunNotesProps) {
  const t = useT();
  const lines = [
    ...(state.isReattached ? [t('run.reattached')] : []),
    ...(state.link ? [t(state.link === 'reconnecting' ? 'run.reconnecting' : 'run.reconnected')] : []),
    ...(state.notices ?? []).map((notice) => notice.message),
  ];
  if (lines.length === 0) return null;
  return (
    <div className="run-notes" role="status">
      {lines.map((line) => (
        <p key={line} className="run-note">
          {line}
        </p>
      ))}
    </div>
  );
}
