import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { RunState } from '../hooks/use-analysis';
import { useT } from '../hooks/use-locale';
import type { LiveText } from '../lib/live-text';
import { type MarkdownBlock, MarkdownBlocks } from '../lib/markdown-blocks';
import { readRegions } from '../lib/read-result';
import { namesOfRegions } from '../lib/region-sentences';
import type { RunPicture } from '../lib/run-pictures';
import { CopyButton } from './copy-button';
import { GroundedResult } from './grounded-result';
import { Markdown, type SentenceMarks } from './markdown';
import { RunNotes } from './run-notes';
import { RunSummary } from './run-summary';

/** Props of `AnswerPanel`. */
export interface AnswerPanelProps {
  state: RunState;
  answer: LiveText;
  /** Shown after the run's summary, e.g. the thinking budget it used. */
  footer?: ReactNode;
  /** The region's name and heading; "Answer" unless given (compare mode: "Answer (A)", "Answer (B)"). */
  label?: string;
  /** The run's pictures, by media index, to draw the places the model marked on. */
  pictures?: readonly RunPicture[];
}

/**
 * The regions highlighted now (a region, a sentence or a part of the result card hovered or focused),
 * changed only when they differ, so that moving within one sentence does not re-render the panel.
 */
function useHighlight(): [readonly number[], (regions: number[] | undefined) => void] {
  const [highlighted, setHighlighted] = useState<readonly number[]>([]);
  const highlight = useCallback((regions: number[] | undefined) => {
    const next = regions ?? [];
    setHighlighted((current) => (current.join(' ') === next.join(' ') ? current : next));
  }, []);
  return [highlighted, highlight];
}

/**
 * The answer's Markdown blocks, updated at most once per animation frame as text arrives (`LiveText`
 * batches the deltas). Finished blocks keep their identity, so only the growing last one re-renders.
 */
function useMarkdownBlocks(text: LiveText): readonly MarkdownBlock[] {
  const [splitter] = useState(() => new MarkdownBlocks());
  const [blocks, setBlocks] = useState<readonly MarkdownBlock[]>(() => splitter.update(text.shownValue));
  useEffect(() => {
    const update = () => setBlocks(splitter.update(text.shownValue));
    update();
    return text.subscribe(update);
  }, [text, splitter]);
  return blocks;
}

/**
 * The region named "Answer": the answer rendered as Markdown (math through KaTeX, loaded when the answer
 * first holds some) while it streams, announced politely to screen readers, with a button that copies
 * its Markdown source; then the places the model marked, drawn on the run's pictures and linked to the
 * sentences naming them, the task's result as a card, and the run's usage, time and raw result.
 */
export function AnswerPanel({ state, answer, footer, label, pictures = [] }: AnswerPanelProps) {
  const t = useT();
  const blocks = useMarkdownBlocks(answer);
  const result = state.finish?.result;
  const marks = useMemo((): SentenceMarks | undefined => {
    const regions = readRegions(result);
    return regions.length > 0 ? { names: namesOfRegions(answer.value, regions) } : undefined;
  }, [result, answer]);
  const [highlighted, highlight] = useHighlight();
  const name = label ?? t('answer.label');
  const isWaiting = state.status === 'running' && state.answer === 'none';
  return (
    <section aria-label={name} aria-live="polite" className="panel answer-panel">
      <div className="answer-header">
        <h2 className="panel-title">{name}</h2>
        {blocks.length > 0 ? (
          <CopyButton
            getText={() => answer.value}
            label={t('answer.copy')}
            copiedLabel={t('answer.copied')}
            failedLabel={t('answer.copyFailed')}
          />
        ) : null}
      </div>
      {isWaiting ? <p className="panel-placeholder">{t('answer.waiting')}</p> : null}
      <Markdown
        blocks={blocks}
        className="answer-text markdown"
        marks={marks}
        highlighted={highlighted}
        onSentenceHover={marks ? highlight : undefined}
      />
      {state.finish ? (
        <GroundedResult
          result={result}
          templateId={state.start?.template}
          media={state.media}
          pictures={pictures}
          highlighted={highlighted}
          onHighlight={highlight}
        />
      ) : null}
      {state.status === 'stopped' ? (
        <p className="run-note" role="status">
          {t('answer.stopped')}
        </p>
      ) : null}
      {state.status === 'interrupted' ? (
        <p className="run-note" role="status">
          {t('run.interrupted')}
        </p>
      ) : null}
      <RunNotes state={state} />
      {state.finish ? <RunSummary finish={state.finish} /> : null}
      {footer}
    </section>
  );
}
