import type { AnalysisEvent, RunStatus } from '@seer/core';
import type { RunDescription, RunItem } from './local-run';

/** A run as the shared store knows it: what it is about, where it is, and its last event so far. */
export interface SharedRun {
  description: RunDescription;
  status: RunStatus;
  lastEventId: number;
}

/**
 * Where runs are shared between instances (Redis): every instance copies its own runs' events and
 * status there as they happen, and reads other instances' runs from there. Without one, each instance
 * knows only its own runs.
 */
export interface RunMirror {
  /** A run of this instance started. */
  started(description: RunDescription): void;
  /** A run of this instance produced its event `seq`. */
  appended(id: string, seq: number, event: AnalysisEvent): void;
  /** Events of a run of this instance were dropped from its replay. */
  dropped(id: string, seqs: number[], droppedEvents: number): void;
  /** A run of this instance ended. */
  ended(id: string, status: RunStatus): void;
  /** The runs of this instance still running: they are alive. */
  alive(ids: readonly string[]): void;
  /** A run of any instance, or undefined when none has it (or its time is up). */
  find(id: string): Promise<SharedRun | undefined>;
  /** A run's events after `after`, then as they come, until its last; see {@link LocalRun.follow}. */
  follow(id: string, after: number, signal: AbortSignal): AsyncGenerator<RunItem>;
  /** Asks the instance running `id` to stop it. */
  requestStop(id: string): Promise<void>;
  /** Calls `handler` when another instance asks for one of this instance's runs to stop. */
  onStopRequest(handler: (id: string) => void): void;
  /** A reader on this instance follows a run of another: it counts as a reader there. */
  markReader(id: string): void;
  /** Whether a reader on another instance follows `id`. */
  hasRemoteReaders(id: string): Promise<boolean>;
  close(): Promise<void>;
}
