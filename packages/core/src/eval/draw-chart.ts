import { describeCounts } from './chart-series';
import {
  type Box,
  coordinate,
  escapeXML,
  type LabelSpot,
  MARKER_SHAPES,
  marker,
  SERIES_COLORS,
  textBox,
  textWidth,
  wrapText,
} from './chart-svg';
import { formatAccuracy, formatBudget, formatCount, formatThousands } from './format-summary';
import type { BudgetSummary } from './summarize-eval';

/** The title and optional subtitle of a chart; name the data set and model in the title. */
export interface EvalChartOptions {
  title: string;
  subtitle?: string;
}

interface PlottedPoint {
  /** Horizontal position in pixels. */
  x: number;
  budget: BudgetSummary;
  /** Text drawn beside the point, when the chart labels points. */
  label?: string;
}

interface PlottedSeries {
  label: string;
  points: PlottedPoint[];
}

/** The horizontal axis: its title, its ticks, and where it is broken. */
export interface Axis {
  title: string;
  ticks: { x: number; label: string }[];
  /** Where the axis is broken, between a budget of 0 and the first doubling. */
  breakX?: number;
}

const WIDTH = 760;
/** The plot's left edge in pixels, where the accuracy axis stands. */
export const PLOT_LEFT = 76;
/** The plot's right edge in pixels. */
export const PLOT_RIGHT = WIDTH - 40;
const PLOT_HEIGHT = 300;

/** Draws the accuracy axis, the series with their interval bars, the legend, titles and footnotes. */
export function drawChart(
  options: EvalChartOptions,
  series: PlottedSeries[],
  xAxis: Axis,
  footnotes: string[],
  isDodged: boolean,
): string {
  const hasLegend = series.length > 1;
  const titleSize = Math.max(11, Math.min(17, (WIDTH - 40) / (options.title.length * 0.6)));
  let cursor = 32;
  const parts: string[] = [
    `<text x="${WIDTH / 2}" y="${cursor}" text-anchor="middle" font-size="${coordinate(titleSize)}" font-weight="bold">${escapeXML(options.title)}</text>`,
  ];
  if (options.subtitle !== undefined) {
    cursor += 22;
    parts.push(
      `<text x="${WIDTH / 2}" y="${cursor}" text-anchor="middle" font-size="13" fill="#555">${escapeXML(options.subtitle)}</text>`,
    );
  }
  if (hasLegend) {
    cursor += 26;
    let legendX = PLOT_LEFT;
    const entries: string[] = [];
    series.forEach((run, index) => {
      const color = SERIES_COLORS[index % SERIES_COLORS.length]!;
      const entryWidth = 34 + textWidth(run.label, 12) + 22;
      if (legendX + entryWidth > PLOT_RIGHT && legendX > PLOT_LEFT) {
        legendX = PLOT_LEFT;
        cursor += 20;
      }
      entries.push(
        `<g class="legend-entry"><line x1="${legendX}" x2="${legendX + 26}" y1="${cursor - 4}" y2="${cursor - 4}" stroke="${color}" stroke-width="2"/>${marker(MARKER_SHAPES[index % MARKER_SHAPES.length]!, legendX + 13, cursor - 4, color)}<text x="${legendX + 34}" y="${cursor}" font-size="12">${escapeXML(run.label)}</text></g>`,
      );
      legendX += entryWidth;
    });
    parts.push(`<g class="legend">${entries.join('')}</g>`);
  }
  const plotTop = cursor + 24;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const y = (accuracy: number) => plotBottom - accuracy * PLOT_HEIGHT;

  const grid: string[] = [];
  for (let percent = 0; percent <= 100; percent += 10) {
    const lineY = coordinate(y(percent / 100));
    grid.push(
      `<line x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${lineY}" y2="${lineY}" stroke="${percent % 20 === 0 ? '#dcdfe6' : '#eef0f4'}"/>`,
    );
    if (percent % 20 === 0)
      grid.push(
        `<text x="${PLOT_LEFT - 8}" y="${coordinate(y(percent / 100) + 4)}" text-anchor="end" font-size="12">${percent}</text>`,
      );
  }
  let lastLabelRight = Number.NEGATIVE_INFINITY;
  for (const tick of xAxis.ticks) {
    const x = coordinate(tick.x);
    grid.push(`<line x1="${x}" x2="${x}" y1="${plotBottom}" y2="${plotBottom + 5}" stroke="#888"/>`);
    const halfWidth = textWidth(tick.label, 12) / 2;
    if (tick.x - halfWidth < lastLabelRight + 6) continue;
    lastLabelRight = tick.x + halfWidth;
    grid.push(
      `<text x="${x}" y="${plotBottom + 20}" text-anchor="middle" font-size="12">${escapeXML(tick.label)}</text>`,
    );
  }
  parts.push(
    `<g class="grid">${grid.join('')}</g>`,
    `<line x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${plotBottom}" y2="${plotBottom}" stroke="#888"/>`,
    `<line x1="${PLOT_LEFT}" x2="${PLOT_LEFT}" y1="${plotTop}" y2="${plotBottom}" stroke="#888"/>`,
  );
  if (xAxis.breakX !== undefined) {
    const x = xAxis.breakX;
    parts.push(
      `<g class="axis-break" stroke="#888"><rect x="${coordinate(x - 4)}" y="${plotBottom - 5}" width="8" height="10" fill="#fff" stroke="none"/><line x1="${coordinate(x - 6)}" x2="${coordinate(x - 2)}" y1="${plotBottom + 5}" y2="${plotBottom - 5}"/><line x1="${coordinate(x + 2)}" x2="${coordinate(x + 6)}" y1="${plotBottom + 5}" y2="${plotBottom - 5}"/></g>`,
    );
  }
  parts.push(
    `<text class="axis-title" x="${coordinate((PLOT_LEFT + PLOT_RIGHT) / 2)}" y="${plotBottom + 44}" text-anchor="middle" font-size="13">${escapeXML(xAxis.title)}</text>`,
    `<text class="axis-title" transform="translate(24 ${coordinate((plotTop + plotBottom) / 2)}) rotate(-90)" text-anchor="middle" font-size="13">accuracy (%)</text>`,
  );

  const placed = series.map((run, index) => {
    const offset = isDodged ? (index - (series.length - 1) / 2) * 8 : 0;
    return run.points.map((point) => ({ ...point, x: point.x + offset, y: y(point.budget.accuracy) }));
  });
  // Labels must hide no marker, interval bar, line or accuracy tick, nor each other.
  const occupied: Box[] = [0, 20, 40, 60, 80, 100].map((percent) => ({
    left: PLOT_LEFT - 8 - textWidth(String(percent), 12),
    right: PLOT_LEFT,
    top: y(percent / 100) - 6,
    bottom: y(percent / 100) + 5,
  }));
  occupied.push(
    ...placed.flat().flatMap((point) => [
      { left: point.x - 6, right: point.x + 6, top: point.y - 6, bottom: point.y + 6 },
      {
        left: point.x - 4,
        right: point.x + 4,
        top: y(point.budget.ci95[1]),
        bottom: y(point.budget.ci95[0]),
      },
    ]),
  );
  for (const points of placed)
    for (let index = 1; index < points.length; index++) {
      const from = points[index - 1]!;
      const to = points[index]!;
      const steps = Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / 4);
      for (let step = 1; step < steps; step++) {
        const x = from.x + ((to.x - from.x) * step) / steps;
        const lineY = from.y + ((to.y - from.y) * step) / steps;
        occupied.push({ left: x - 1.5, right: x + 1.5, top: lineY - 1.5, bottom: lineY + 1.5 });
      }
    }
  const isFree = (box: Box, leftmost: number) =>
    box.left >= leftmost &&
    box.right <= WIDTH - 4 &&
    box.top >= plotTop - 10 &&
    box.bottom <= plotBottom - 2 &&
    !occupied.some(
      (other) =>
        box.left < other.right && box.right > other.left && box.top < other.bottom && box.bottom > other.top,
    );
  // Counts may reach past the accuracy axis, where they still read as counts; budgets would read as ticks.
  const place = (text: string, fontSize: number, spots: LabelSpot[], leftmost = PLOT_LEFT + 2) => {
    const spot = spots.find((candidate) => isFree(textBox(text, fontSize, candidate), leftmost));
    if (spot !== undefined) occupied.push(textBox(text, fontSize, spot));
    return spot;
  };
  const labelAttributes = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

  const countLabels: string[] = [];
  if (series.length === 1) {
    const points = placed[0]!;
    const spots = points.map((point) => {
      const text = `n = ${formatCount(point.budget, point.budget.repeats)}`;
      return {
        text,
        spot: place(
          text,
          10.5,
          [
            { x: point.x, y: y(point.budget.ci95[0]) + 14, anchor: 'middle' },
            { x: point.x, y: y(point.budget.ci95[1]) - 6, anchor: 'middle' },
            { x: point.x - 3, y: y(point.budget.ci95[0]) + 14, anchor: 'start' },
            { x: point.x - 3, y: y(point.budget.ci95[1]) - 6, anchor: 'start' },
          ],
          4,
        ),
      };
    });
    if (spots.every((label) => label.spot !== undefined)) {
      for (const { text, spot } of spots)
        countLabels.push(
          `<text class="count" x="${coordinate(spot!.x)}" y="${coordinate(spot!.y)}" text-anchor="${spot!.anchor}" font-size="10.5" fill="#666" ${labelAttributes}>${text}</text>`,
        );
    } else {
      // Counts that do not fit beside every point go to a footnote rather than beside some.
      occupied.splice(occupied.length - spots.filter((label) => label.spot !== undefined).length);
      footnotes.splice(
        1,
        0,
        describeCounts(
          { label: series[0]!.label, summary: { budgets: points.map((point) => point.budget) } },
          false,
        ),
      );
    }
  }

  const unlabelledNotes: string[] = [];
  series.forEach((run, index) => {
    const unlabelled: string[] = [];
    const color = SERIES_COLORS[index % SERIES_COLORS.length]!;
    const shape = MARKER_SHAPES[index % MARKER_SHAPES.length]!;
    const points = placed[index]!;
    const drawn: string[] = [];
    if (points.length > 1)
      drawn.push(
        `<polyline points="${points.map((point) => `${coordinate(point.x)},${coordinate(point.y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2" stroke-opacity="0.85"/>`,
      );
    for (const point of points) {
      const x = coordinate(point.x);
      const low = coordinate(y(point.budget.ci95[0]));
      const high = coordinate(y(point.budget.ci95[1]));
      drawn.push(
        `<g class="interval" stroke="${color}" stroke-width="1.5"><line x1="${x}" x2="${x}" y1="${low}" y2="${high}"/><line x1="${coordinate(point.x - 4)}" x2="${coordinate(point.x + 4)}" y1="${low}" y2="${low}"/><line x1="${coordinate(point.x - 4)}" x2="${coordinate(point.x + 4)}" y1="${high}" y2="${high}"/></g>`,
      );
    }
    for (const point of points) {
      const tooltip = `${series.length === 1 ? '' : `${run.label} · `}budget ${formatBudget(point.budget.budget)}: ${formatAccuracy(point.budget)}, n = ${formatCount(point.budget, point.budget.repeats)}, thinking ${formatThousands(point.budget.thinkingTokens.mean)} tokens (mean)`;
      drawn.push(
        `<g class="point"><title>${escapeXML(tooltip)}</title>${marker(shape, point.x, point.y, color)}</g>`,
      );
      if (point.label === undefined) continue;
      // Beside the marker first; failing that, beyond either end of its interval bar.
      const spot = place(point.label, 11, [
        { x: point.x - 8, y: point.y - 6, anchor: 'end' },
        { x: point.x + 8, y: point.y + 14, anchor: 'start' },
        { x: point.x + 8, y: point.y - 6, anchor: 'start' },
        { x: point.x - 8, y: point.y + 14, anchor: 'end' },
        { x: point.x, y: y(point.budget.ci95[1]) - 5, anchor: 'middle' },
        { x: point.x, y: y(point.budget.ci95[0]) + 13, anchor: 'middle' },
      ]);
      if (spot === undefined) unlabelled.push(point.label);
      else
        drawn.push(
          `<text class="point-label" x="${coordinate(spot.x)}" y="${coordinate(spot.y)}" text-anchor="${spot.anchor}" font-size="11" fill="${color}" ${labelAttributes}>${escapeXML(point.label)}</text>`,
        );
    }
    parts.push(`<g class="series">${drawn.join('')}</g>`);
    if (unlabelled.length > 0)
      unlabelledNotes.push(`${series.length === 1 ? '' : `${run.label} `}${unlabelled.join(', ')}`);
  });
  parts.push(...countLabels);
  if (unlabelledNotes.length > 0)
    footnotes.push(`Unlabelled where points crowd: ${unlabelledNotes.join('; ')}.`);
  if (series.every((run) => run.points.length === 0))
    parts.push(
      `<text x="${coordinate((PLOT_LEFT + PLOT_RIGHT) / 2)}" y="${coordinate((plotTop + plotBottom) / 2)}" text-anchor="middle" font-size="13" fill="#888">no answers to plot</text>`,
    );

  let footY = plotBottom + 68;
  for (const line of footnotes.flatMap((note) => wrapText(note, 11, WIDTH - PLOT_LEFT - 16))) {
    parts.push(
      `<text class="footnote" x="${PLOT_LEFT}" y="${footY}" font-size="11" fill="#555">${escapeXML(line)}</text>`,
    );
    footY += 16;
  }
  const height = footY + 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, sans-serif" fill="#1d2333">
<rect width="100%" height="100%" fill="#fff"/>
${parts.join('\n')}
</svg>
`;
}
