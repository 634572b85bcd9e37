import { useState } from 'react';
import type { PreparedMediaReport } from '../hooks/use-analysis';
import { useT } from '../hooks/use-locale';
import { formatFrameTime } from '../lib/format';
import { readRegions, readRegionsDropped, readTaskCard } from '../lib/read-result';
import type { PictureSize } from '../lib/region-geometry';
import type { RunPicture } from '../lib/run-pictures';
import { type IndexedRegion, MarkedPicture } from './marked-picture';
import { RegionList } from './region-list';
import { TaskCard } from './task-card';
import './grounded-result.css';

/** Props of `GroundedResult`. */
export interface GroundedResultProps {
  result: Record<string, unknown> | undefined;
  templateId: string | undefined;
  /** What the server prepared, by media index: the size the regions are in. */
  media: Partial<Record<number, PreparedMediaReport>>;
  pictures: readonly RunPicture[];
  highlighted: readonly number[];
  onHighlight: (regions: number[] | undefined) => void;
}

/** The size a media item's regions are in: as the server received it (a video: its display size). */
function sizeFrom(
  picture: RunPicture | undefined,
  report: PreparedMediaReport | undefined,
): PictureSize | undefined {
  if (picture?.size) return picture.size;
  if (!report) return undefined;
  return report.originalWidth && report.originalHeight
    ? { width: report.originalWidth, height: report.originalHeight }
    : { width: report.width, height: report.height };
}

/**
 * A finished run's result as people read it: each picture with the places the model marked drawn over
 * it (for a video, the frame chosen), one switch to hide them, the places listed as text, and the
 * task's own card beside (palm lines, differences, the answer and rule, the count, the timeline).
 * Nothing when the result has neither regions nor a card.
 */
export function GroundedResult({
  result,
  templateId,
  media,
  pictures,
  highlighted,
  onHighlight,
}: GroundedResultProps) {
  const t = useT();
  const [isShown, setShown] = useState(true);
  // The frame shown of each video, by media index; until chosen, the frame of its first region.
  const [chosenFrames, setChosenFrames] = useState<Partial<Record<number, number>>>({});
  const regions = readRegions(result);
  const dropped = readRegionsDropped(result);
  const card = readTaskCard(templateId, result);
  if (regions.length === 0 && !card && dropped === 0) return null;
  const indexed: IndexedRegion[] = regions.map((region, index) => ({ region, index }));
  const sizeOf = (image: number) => sizeFrom(pictures[image], media[image]);
  const shownFrame = (image: number) =>
    chosenFrames[image] ??
    regions.find((region) => region.image === image && region.frame !== undefined)?.frame ??
    0;
  const showFrame = (image: number, frame: number) =>
    setChosenFrames((frames) => ({ ...frames, [image]: frame }));
  const videoIndex = pictures.findIndex((picture) => picture.kind === 'video');
  const hover = (index: number | undefined) => onHighlight(index === undefined ? undefined : [index]);

  const figures = pictures.flatMap((picture, image) => {
    const size = sizeOf(image);
    const onThis = indexed.filter(({ region }) => region.image === image);
    if (!size || onThis.length === 0) return [];
    if (picture.kind === 'video') {
      const frame = shownFrame(image);
      const url = picture.frames?.[frame]?.url;
      if (!url) return [];
      const time = formatFrameTime(picture.frames![frame]!.time);
      const alt = t('regions.frameOf', { time, name: picture.name });
      const onFrame = onThis.filter(({ region }) => region.frame === undefined || region.frame === frame);
      return [{ image, url, alt, regions: onFrame, size }];
    }
    return picture.url ? [{ image, url: picture.url, alt: picture.name, regions: onThis, size }] : [];
  });

  return (
    <section className="grounded-result" aria-label={t('regions.pictures')}>
      {regions.length > 0 ? (
        <label className="region-toggle">
          <input type="checkbox" checked={isShown} onChange={(event) => setShown(event.target.checked)} />
          {t('regions.show')}
        </label>
      ) : null}
      <div className="grounded-layout">
        {figures.length > 0 ? (
          <div className="marked-pictures">
            {figures.map((figure) => (
              <figure key={figure.image} className="marked-figure">
                <MarkedPicture
                  url={figure.url}
                  alt={figure.alt}
                  size={figure.size}
                  regions={figure.regions}
                  isShown={isShown}
                  highlighted={highlighted}
                  onHover={hover}
                  unnamedLabel={t('regions.unnamed')}
                />
                <figcaption>{figure.alt}</figcaption>
              </figure>
            ))}
          </div>
        ) : null}
        {card ? (
          <TaskCard
            card={card}
            regions={regions}
            highlighted={highlighted}
            onHighlight={onHighlight}
            frames={videoIndex === -1 ? undefined : pictures[videoIndex]?.frames}
            onShowFrame={videoIndex === -1 ? undefined : (frame) => showFrame(videoIndex, frame)}
          />
        ) : null}
      </div>
      {regions.length > 0 ? (
        <RegionList
          regions={indexed}
          pictures={pictures}
          sizeOf={sizeOf}
          highlighted={highlighted}
          onHover={hover}
          onChoose={(index) => {
            const region = regions[index];
            if (region?.frame !== undefined) showFrame(region.image, region.frame);
          }}
        />
      ) : null}
      {dropped > 0 ? <p className="run-note">{t('regions.dropped', { count: dropped })}</p> : null}
    </section>
  );
}
