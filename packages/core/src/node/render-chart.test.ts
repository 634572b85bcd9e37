import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { accuracyByBudgetChart } from '../eval/accuracy-charts';
import { summarizeEval } from '../eval/summarize-eval';
import { renderChartPNG } from './render-chart';

describe('renderChartPNG', () => {
  it('renders a chart as a PNG of twice its size, with something drawn on it', async () => {
    const records = [128, 1024].flatMap((budget) =>
      Array.from({ length: 10 }, (_, index) => ({
        id: `item-${index}`,
        repeat: 0,
        budget,
        sent: { how: 'thinking_budget' as const, value: budget },
        status: 'scored' as const,
        answer: 'A',
        extracted: 'A',
        correct: index < (budget === 128 ? 4 : 7),
        text: 'A',
        usage: { inputTokens: 100, outputTokens: 50, reasoningTokens: budget / 2, isEstimated: false },
        finishReason: 'stop',
        latencyMs: 500,
      })),
    );
    const svg = accuracyByBudgetChart([{ label: 'model', summary: summarizeEval(records) }], {
      title: 'MathVision · model',
    });
    const [, width, height] = svg.match(/width="(\d+)" height="(\d+)"/)!.map(Number);
    const png = await renderChartPNG(svg);
    const metadata = await sharp(png).metadata();
    expect(metadata).toMatchObject({ format: 'png', width: width! * 2, height: height! * 2 });
    const stats = await sharp(png).stats();
    expect(stats.channels[0]!.max).toBe(255);
    expect(stats.channels[0]!.min).toBeLessThan(100);
    expect(stats.isOpaque).toBe(true);
  });
});
