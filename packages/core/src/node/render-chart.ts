import { loadSharp } from './load-sharp';

/**
 * Renders a chart's SVG (such as `accuracyByBudgetChart`'s) to PNG, for papers, slides and viewers
 * that do not show SVG. Rendered at 144 dpi, twice the SVG's 72 dpi size in each direction, so the image
 * stays sharp on high-density screens and in print. Text uses the fonts installed on this machine (the
 * charts ask for DejaVu Sans, then any sans-serif).
 */
export async function renderChartPNG(svg: string): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
}
