/** One line of `results.jsonl`: an item answered at one budget. */
export interface EvalResult {
  id: string;
  budget: number;
  answer: string;
  extracted: string | null;
  correct: boolean;
  reasoningTokens: number;
  latencyMs: number;
  finishReason: string;
  level?: number;
  subject?: string;
  error?: string;
}

interface Tally {
  n: number;
  correct: number;
  accuracy: number;
}

/** The accuracy of each budget, overall and by level and subject (`summary.json`). */
export interface EvalSummary {
  budgets: (Tally & {
    budget: number;
    byLevel: Record<string, Tally>;
    bySubject: Record<string, Tally>;
    meanReasoningTokens: number;
    meanLatencyMs: number;
  })[];
}

function tally(results: EvalResult[]): Tally {
  const correct = results.filter((result) => result.correct).length;
  return { n: results.length, correct, accuracy: results.length === 0 ? 0 : correct / results.length };
}

function groupBy(
  results: EvalResult[],
  key: (result: EvalResult) => string | undefined,
): Record<string, Tally> {
  const groups = new Map<string, EvalResult[]>();
  for (const result of results) {
    const name = key(result);
    if (name === undefined) continue;
    groups.set(name, [...(groups.get(name) ?? []), result]);
  }
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, group]) => [name, tally(group)]),
  );
}

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/** Sums up results by budget, in ascending budget order. */
export function summarize(results: EvalResult[]): EvalSummary {
  const budgets = [...new Set(results.map((result) => result.budget))].sort((a, b) => a - b);
  return {
    budgets: budgets.map((budget) => {
      const group = results.filter((result) => result.budget === budget);
      return {
        budget,
        ...tally(group),
        byLevel: groupBy(group, (result) => (result.level === undefined ? undefined : String(result.level))),
        bySubject: groupBy(group, (result) => result.subject),
        meanReasoningTokens: Math.round(mean(group.map((result) => result.reasoningTokens))),
        meanLatencyMs: Math.round(mean(group.map((result) => result.latencyMs))),
      };
    }),
  };
}

/** The accuracy-against-thinking-budget chart as a standalone SVG (budgets on a log₂ axis). */
export function accuracyChart(summary: EvalSummary, title: string): string {
  const width = 640;
  const height = 400;
  const left = 64;
  const right = 24;
  const top = 48;
  const bottom = 56;
  const points = summary.budgets;
  const logs = points.map((point) => Math.log2(point.budget));
  const minLog = Math.min(...logs);
  const maxLog = Math.max(...logs);
  const x = (budget: number) =>
    maxLog === minLog
      ? left + (width - left - right) / 2
      : left + ((Math.log2(budget) - minLog) / (maxLog - minLog)) * (width - left - right);
  const y = (accuracy: number) => top + (1 - accuracy) * (height - top - bottom);
  const escapeXML = (text: string) => text.replace(/[<>&"]/g, (character) => `&#${character.charCodeAt(0)};`);
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (value) =>
        `<line x1="${left}" x2="${width - right}" y1="${y(value)}" y2="${y(value)}" stroke="#e3e5ee"/><text x="${left - 8}" y="${y(value) + 4}" text-anchor="end">${Math.round(value * 100)}%</text>`,
    )
    .join('');
  const ticks = points
    .map(
      (point) =>
        `<text x="${x(point.budget)}" y="${height - bottom + 20}" text-anchor="middle">${point.budget.toLocaleString('en-US')}</text>`,
    )
    .join('');
  const line = points.map((point) => `${x(point.budget)},${y(point.accuracy)}`).join(' ');
  const dots = points
    .map(
      (point) =>
        `<circle cx="${x(point.budget)}" cy="${y(point.accuracy)}" r="4"><title>${point.budget} tokens: ${(point.accuracy * 100).toFixed(1)}% of ${point.n}</title></circle>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" fill="#1d2a4d">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">${escapeXML(title)}</text>
${grid}${ticks}
<text x="${width / 2}" y="${height - 12}" text-anchor="middle">thinking budget (tokens)</text>
<polyline points="${line}" fill="none" stroke="#3b3f8f" stroke-width="2"/>
<g fill="#3b3f8f">${dots}</g>
</svg>
`;
}
