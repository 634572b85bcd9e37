import type { Region } from '@seer/core';
import { useT } from '../hooks/use-locale';
import type { MessageKey } from '../lib/i18n';
import type { NarrationBeat, TaskCard as TaskCardContent } from '../lib/read-result';
import { regionsNamedIn } from '../lib/region-sentences';
import type { RunFrame } from '../lib/run-pictures';

/** Props of `TaskCard`. */
export interface TaskCardProps {
  card: TaskCardContent;
  regions: readonly Region[];
  highlighted: readonly number[];
  /** A part of the card naming these regions was hovered or focused, or left (undefined). */
  onHighlight: (regions: number[] | undefined) => void;
  /** A narration's video frames, for its timeline's thumbnails. */
  frames?: readonly RunFrame[] | undefined;
  /** A narration beat's time was chosen: show that frame with its regions. */
  onShowFrame?: ((frame: number) => void) | undefined;
}

/** Hover and highlight for a part of the card that names `named` regions (none: no link). */
function linkProps(named: number[], props: Pick<TaskCardProps, 'highlighted' | 'onHighlight'>) {
  if (named.length === 0) return {};
  return {
    'data-regions': named.join(' '),
    'data-region-highlighted': named.some((index) => props.highlighted.includes(index)) ? '' : undefined,
    onMouseEnter: () => props.onHighlight(named),
    onMouseLeave: () => props.onHighlight(undefined),
  };
}

/** The palm lines' names as regions label them (in English and in the Chinese the prompt asks for). */
const palmLineLabels: Record<string, string[]> = {
  heart: ['heart', '感情线'],
  head: ['head', '智慧线'],
  life: ['life', '生命线'],
  fate: ['fate', '事业线', '命运线'],
};

function NarrationTimeline({ beats, ...props }: TaskCardProps & { beats: NarrationBeat[] }) {
  const t = useT();
  return (
    <ol className="timeline">
      {beats.map((beat, position) => {
        const frame = beat.frame === undefined ? undefined : props.frames?.[beat.frame];
        const named = props.regions.flatMap((region, index) =>
          beat.frame !== undefined && region.frame === beat.frame ? [index] : [],
        );
        return (
          <li key={position} className="timeline-beat" {...linkProps(named, props)}>
            {frame ? <img className="timeline-frame" src={frame.url} alt="" /> : null}
            {beat.frame !== undefined && props.onShowFrame ? (
              <button
                type="button"
                className="timeline-time"
                aria-label={t('card.narration.show', { time: beat.time })}
                onClick={() => props.onShowFrame?.(beat.frame!)}
              >
                {beat.time}
              </button>
            ) : (
              <span className="timeline-time">{beat.time}</span>
            )}
            <span className="timeline-text">{beat.text}</span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A task's result as people read it: a palm reading's lines and traits, a comparison's differences, a
 * math answer with its rule, what Find and mark found, a narration's timeline. Each part that names a
 * region is linked to it: hovering one highlights the other.
 */
export function TaskCard(props: TaskCardProps) {
  const t = useT();
  const { card, regions } = props;
  const labelled = regions.map((region) => ({ label: region.label }));
  switch (card.kind) {
    case 'palm-reading':
      return (
        <section className="task-card" aria-label={t('card.palm')}>
          <h3>{t('card.palm')}</h3>
          <dl>
            {card.lines.map(({ line, text }) => {
              const named = regions.flatMap((region, index) =>
                palmLineLabels[line]!.some((name) => region.label.toLocaleLowerCase().includes(name))
                  ? [index]
                  : [],
              );
              return (
                <div key={line} {...linkProps(named, props)}>
                  <dt>{t(`card.palm.${line}` as MessageKey)}</dt>
                  <dd>{text}</dd>
                </div>
              );
            })}
          </dl>
          {card.traits.length > 0 ? (
            <>
              <h4>{t('card.palm.traits')}</h4>
              <ul className="traits">
                {card.traits.map((trait) => (
                  <li key={trait}>{trait}</li>
                ))}
              </ul>
            </>
          ) : null}
          {card.disclaimer ? <p className="task-card-note">{card.disclaimer}</p> : null}
        </section>
      );
    case 'multi-image-compare':
      return (
        <section className="task-card" aria-label={t('card.compare')}>
          <h3>{t('card.compare')}</h3>
          <ul>
            {card.differences.map((difference, position) => (
              <li key={position} {...linkProps(regionsNamedIn(difference, labelled), props)}>
                {difference}
              </li>
            ))}
          </ul>
        </section>
      );
    case 'math-pattern':
      return (
        <section className="task-card" aria-label={t('card.math')}>
          <h3>{t('card.math')}</h3>
          <dl>
            {card.answer ? (
              <div>
                <dt>{t('card.math.answer')}</dt>
                <dd className="math-answer">{card.answer}</dd>
              </div>
            ) : null}
            {card.rule ? (
              <div {...linkProps(regionsNamedIn(card.rule, labelled), props)}>
                <dt>{t('card.math.rule')}</dt>
                <dd>{card.rule}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      );
    case 'locate':
      return (
        <section className="task-card" aria-label={t('card.locate')}>
          <h3>{t('card.locate')}</h3>
          {card.count !== undefined ? (
            <p className="locate-count">{t('card.locate.count', { count: card.count })}</p>
          ) : null}
          <ol className="found-list">
            {regions.map((region, index) => (
              <li key={index} {...linkProps([index], props)}>
                {region.label || t('regions.unnamed')}
              </li>
            ))}
          </ol>
        </section>
      );
    case 'video-narration':
      return (
        <section className="task-card task-card-wide" aria-label={t('card.narration')}>
          <h3>{t('card.narration')}</h3>
          <NarrationTimeline {...props} beats={card.beats} />
        </section>
      );
  }
}
