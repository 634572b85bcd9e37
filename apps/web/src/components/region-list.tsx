import { useT } from '../hooks/use-locale';
import { formatFrameTime } from '../lib/format';
import type { MessageKey } from '../lib/i18n';
import { type PictureSize, regionColour, regionPlace, regionShape } from '../lib/region-geometry';
import type { RunPicture } from '../lib/run-pictures';
import type { IndexedRegion } from './marked-picture';

/** Props of `RegionList`. */
export interface RegionListProps {
  regions: readonly IndexedRegion[];
  pictures: readonly RunPicture[];
  sizeOf: (image: number) => PictureSize | undefined;
  highlighted: readonly number[];
  onHover: (index: number | undefined) => void;
  /** The person chose a region (click or Enter): for a video, show the frame it is on. */
  onChoose: (index: number) => void;
}

/**
 * The regions as text, one button each: label, which picture (and for a video the time of its frame),
 * its shape and which part of the picture it is in. Focusing or hovering one highlights it on the
 * picture and in the answer, so the links work from the keyboard and for screen readers.
 */
export function RegionList({ regions, pictures, sizeOf, highlighted, onHover, onChoose }: RegionListProps) {
  const t = useT();
  return (
    <ul className="region-list" aria-label={t('regions.list')}>
      {regions.map(({ region, index }) => {
        const picture = pictures[region.image];
        const size = sizeOf(region.image);
        const place = size ? regionPlace(region, size) : undefined;
        const values = {
          label: region.label || t('regions.unnamed'),
          picture: t('regions.picture', { number: region.image + 1, name: picture?.name ?? '' }),
          shape: t(`regions.shape.${regionShape(region)}` as MessageKey),
          place: place ? t(`regions.place.${place.vertical}.${place.horizontal}` as MessageKey) : '',
          time: region.time === undefined ? '' : formatFrameTime(region.time),
        };
        return (
          <li key={index}>
            <button
              type="button"
              className="region-item"
              data-region={index}
              data-region-highlighted={highlighted.includes(index) ? '' : undefined}
              onMouseEnter={() => onHover(index)}
              onMouseLeave={() => onHover(undefined)}
              onFocus={() => onHover(index)}
              onBlur={() => onHover(undefined)}
              onClick={() => onChoose(index)}
            >
              <span
                className="region-swatch"
                style={{ background: regionColour(index) }}
                aria-hidden="true"
              />
              {t(region.time === undefined ? 'regions.item' : 'regions.itemFrame', values).trim()}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
