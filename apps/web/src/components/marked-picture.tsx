import type { Region } from '@seer/core';
import {
  boxFractions,
  labelAnchor,
  type PictureSize,
  pointFractions,
  regionColour,
  regionShape,
} from '../lib/region-geometry';

/** A region of a result and its index there (which picks its colour and links it to its sentences). */
export interface IndexedRegion {
  region: Region;
  index: number;
}

/** Props of `MarkedPicture`. */
export interface MarkedPictureProps {
  url: string;
  /** The picture's accessible name. */
  alt: string;
  /** The size the regions' pixels are in. */
  size: PictureSize;
  regions: readonly IndexedRegion[];
  /** Whether the regions are drawn: the person can hide them to see the picture. */
  isShown: boolean;
  highlighted: readonly number[];
  onHover: (index: number | undefined) => void;
  /** Unlabelled regions' chip text. */
  unnamedLabel: string;
}

/** Bigger regions first, so that smaller ones lie on top and can still be hovered. */
function byAreaDescending(a: IndexedRegion, b: IndexedRegion, size: PictureSize): number {
  const area = ({ region }: IndexedRegion) => {
    const box = boxFractions(region, size);
    return box ? box.width * box.height : 0;
  };
  return area(b) - area(a);
}

/** The shape of one region in the picture's pixels (the SVG's viewBox is the picture's size). */
function RegionShape({ region, size }: { region: Region; size: PictureSize }) {
  const shape = regionShape(region);
  if (shape === 'box') {
    const box = boxFractions(region, size)!;
    const rect = {
      x: box.left * size.width,
      y: box.top * size.height,
      width: box.width * size.width,
      height: box.height * size.height,
    };
    return (
      <>
        <rect className="region-halo" {...rect} />
        <rect className="region-shape" {...rect} />
      </>
    );
  }
  const points = pointFractions(region, size).map(([x, y]) => [x * size.width, y * size.height] as const);
  if (shape === 'point') {
    const [cx, cy] = points[0]!;
    const r = Math.max(size.width, size.height) * 0.012;
    return (
      <>
        <circle className="region-halo" cx={cx} cy={cy} r={r} />
        <circle className="region-shape region-dot" cx={cx} cy={cy} r={r} />
      </>
    );
  }
  const line = points.map(([x, y]) => `${x},${y}`).join(' ');
  return (
    <>
      <polyline className="region-hit" points={line} />
      <polyline className="region-halo" points={line} />
      <polyline className="region-shape" points={line} />
    </>
  );
}

/**
 * A picture with its regions drawn over it: boxes, points and paths in an SVG laid exactly over the
 * image (its viewBox is the size the regions are in, so each lands at the same fraction of the picture
 * however large it is shown), each in its own colour, with its label on a dark chip. Hovering a region
 * reports it; the highlighted ones are drawn thicker and marked `data-region-highlighted`.
 */
export function MarkedPicture({
  url,
  alt,
  size,
  regions,
  isShown,
  highlighted,
  onHover,
  unnamedLabel,
}: MarkedPictureProps) {
  const ordered = [...regions].sort((a, b) => byAreaDescending(a, b, size));
  return (
    <div className="marked-picture">
      <img src={url} alt={alt} />
      {isShown ? (
        <>
          <svg
            className="region-layer"
            viewBox={`0 0 ${size.width} ${size.height}`}
            preserveAspectRatio="none"
            aria-hidden="true"
          >
            {ordered.map(({ region, index }) => (
              // biome-ignore lint/a11y/noStaticElementInteractions: pointer hover only; the region list is the keyboard and screen-reader way to the same highlight.
              <g
                key={index}
                className="region"
                data-region={index}
                data-region-highlighted={highlighted.includes(index) ? '' : undefined}
                style={{ color: regionColour(index) }}
                onMouseEnter={() => onHover(index)}
                onMouseLeave={() => onHover(undefined)}
              >
                <RegionShape region={region} size={size} />
              </g>
            ))}
          </svg>
          <div className="region-chips" aria-hidden="true">
            {regions.map(({ region, index }) => {
              const [x, y] = labelAnchor(region, size);
              return (
                // biome-ignore lint/a11y/noStaticElementInteractions: pointer hover only, as for the shapes; the region list is the accessible way.
                <span
                  key={index}
                  className="region-chip"
                  data-region={index}
                  data-region-highlighted={highlighted.includes(index) ? '' : undefined}
                  data-below={y < 0.08 ? '' : undefined}
                  style={{
                    left: `${Math.min(x, 0.85) * 100}%`,
                    top: `${y * 100}%`,
                    borderColor: regionColour(index),
                  }}
                  onMouseEnter={() => onHover(index)}
                  onMouseLeave={() => onHover(undefined)}
                >
                  {region.label || unnamedLabel}
                </span>
              );
            })}
          </div>
        </>
      ) : null}
    </div>
  );
}
