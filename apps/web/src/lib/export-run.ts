import { annotatePicture } from './annotate-picture';
import { formatBytes, formatCount, formatSeconds, formatSize } from './format';
import { formatRunTime, type HistoryMedia, type HistoryRun, runTitle } from './history';
import { readRegions } from './read-result';
import { picturesFromHistory, type RunPicture } from './run-pictures';

/** "puzzle.png (image, 64×48, 1.2 KB; sent 56×56, 4 tokens)". */
function describeMedia(item: HistoryMedia): string {
  const facts: string[] = [item.kind];
  if (item.width && item.height) facts.push(formatSize(item.width, item.height));
  facts.push(formatBytes(item.bytes));
  if (item.durationSeconds !== undefined) facts.push(`${item.durationSeconds.toFixed(1)} s`);
  const sent: string[] = [];
  if (item.sentWidth && item.sentHeight) sent.push(`sent ${formatSize(item.sentWidth, item.sentHeight)}`);
  if (item.tokens !== undefined) sent.push(`${formatCount(item.tokens)} tokens`);
  return `${item.name} (${facts.join(', ')}${sent.length > 0 ? `; ${sent.join(', ')}` : ''})`;
}

/** A fence longer than any run of backticks in `text`, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(longest + 1);
}

/** A picture of a saved run to export with its regions drawn on it, and the file it goes in. */
export interface AnnotatedPictureExport {
  /** The media index. */
  image: number;
  name: string;
  /** Its file name, beside the Markdown's. */
  fileName: string;
}

/**
 * The pictures of a saved run that get an annotated PNG in its export: each photo with a preview and
 * at least one region, named after the Markdown file (`seer-palm-reading-2025-03-04-1405-picture-1.png`).
 */
export function annotatedPictures(run: HistoryRun, timeZone?: string): AnnotatedPictureExport[] {
  const regions = readRegions(run.result);
  const stem = exportFileName(run, 'md', timeZone).replace(/\.md$/, '');
  return picturesFromHistory(run.media).flatMap((picture, image) =>
    picture.url && picture.size && regions.some((region) => region.image === image)
      ? [{ image, name: picture.name, fileName: `${stem}-picture-${image + 1}.png` }]
      : [],
  );
}

/**
 * A saved run as a Markdown document: `# Task — model`, when and what was asked, the question, the
 * thinking, the answer (as the model wrote it), the pictures with their regions drawn (the PNGs that
 * `downloadRun` puts beside it), the usage, the result and any error. The headings are English; the
 * task title is in `locale`.
 */
export function runToMarkdown(run: HistoryRun, locale: 'en' | 'zh' = 'en', timeZone?: string): string {
  const lines: string[] = [`# ${runTitle(run, locale)} — ${run.model.label}`, ''];
  lines.push(`- Date: ${formatRunTime(run.createdAt, timeZone)}`);
  lines.push(`- Model: ${run.model.id}`);
  lines.push(`- Task: ${run.template.id}`);
  lines.push(`- Locale: ${run.locale}`);
  lines.push(`- Status: ${run.status}${run.finishReason ? ` (${run.finishReason})` : ''}`);
  if (run.media.length > 0) {
    lines.push('- Media:');
    for (const item of run.media) lines.push(`  - ${describeMedia(item)}`);
  }
  lines.push('');
  if (run.question) lines.push('## Question', '', run.question, '');
  if (run.reasoning) {
    const tokens = run.reasoningEnd?.tokens;
    const duration = run.reasoningEnd
      ? ` (${formatSeconds(run.reasoningEnd.durationMs)}${tokens === undefined ? '' : `, ${formatCount(tokens)} tokens`})`
      : '';
    // The thinking is quoted so its own headings and lists stay inside this section.
    const quoted = run.reasoning
      .trimEnd()
      .split('\n')
      .map((line) => (line ? `> ${line}` : '>'));
    lines.push(`## Thinking${duration}`, '', ...quoted, '');
  }
  lines.push('## Answer', '', run.answer.trimEnd() || '_No answer._', '');
  const pictures = annotatedPictures(run, timeZone);
  if (pictures.length > 0) {
    lines.push('## Marked pictures', '');
    for (const picture of pictures) lines.push(`![${picture.name}, marked](${picture.fileName})`, '');
  }
  if (run.usage || run.timing) {
    lines.push('## Usage', '');
    if (run.usage) {
      lines.push(`- Input: ${formatCount(run.usage.inputTokens)} tokens`);
      lines.push(`- Output: ${formatCount(run.usage.outputTokens)} tokens`);
      if (run.usage.reasoningTokens !== undefined) {
        lines.push(`- Reasoning: ${formatCount(run.usage.reasoningTokens)} tokens`);
      }
    }
    if (run.timing) lines.push(`- Time: ${formatSeconds(run.timing.totalMs)}`);
    lines.push('');
  }
  if (run.result) {
    const json = JSON.stringify(run.result, null, 2);
    const fence = fenceFor(json);
    lines.push('## Result', '', `${fence}json`, json, fence, '');
  }
  if (run.error) lines.push('## Error', '', `${run.error.message} (\`${run.error.code}\`)`, '');
  return lines.join('\n');
}

/** A saved run as pretty JSON: the stored object itself. */
export function runToJSON(run: HistoryRun): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

/**
 * The file name of an export: `seer-math-pattern-2025-03-04-1405.md`.
 *
 * @example
 * exportFileName(run, 'json');
 */
export function exportFileName(run: HistoryRun, format: 'md' | 'json', timeZone?: string): string {
  const time = formatRunTime(run.createdAt, timeZone).replace(' ', '-').replace(':', '');
  const task = run.template.id.replace(/[^\w-]+/g, '-');
  return `seer-${task}-${time}.${format}`;
}

/** Downloads a Blob as `fileName` (through an `a[download]`). */
function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; the URL can go once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The pictures a saved run's PNGs are drawn on: its saved previews, each photo replaced by the run's own
 * picture when the page still has it (`captured`, by media index), which is far sharper than a 160 px
 * preview. The regions' size stays the saved one: the server placed them in that space either way.
 */
export function picturesToAnnotate(
  run: HistoryRun,
  captured: readonly RunPicture[] | undefined,
): RunPicture[] {
  return picturesFromHistory(run.media).map((picture, image) => {
    const own = captured?.[image];
    return own?.kind === 'image' && own.url && picture.kind === 'image'
      ? { ...picture, url: own.url }
      : picture;
  });
}

/**
 * Downloads a saved run as Markdown or JSON; with Markdown, each picture with regions also as an
 * annotated PNG, the files the Markdown's images name: drawn on the run's own pictures when given
 * (`captured`: the live run's, by media index), else on its saved previews.
 */
export async function downloadRun(
  run: HistoryRun,
  format: 'md' | 'json',
  locale: 'en' | 'zh' = 'en',
  captured?: readonly RunPicture[],
): Promise<void> {
  const text = format === 'md' ? runToMarkdown(run, locale) : runToJSON(run);
  const type = format === 'md' ? 'text/markdown;charset=utf-8' : 'application/json';
  downloadBlob(new Blob([text], { type }), exportFileName(run, format));
  if (format !== 'md') return;
  const regions = readRegions(run.result).map((region, index) => ({ region, index }));
  const pictures = picturesToAnnotate(run, captured);
  for (const { image, fileName } of annotatedPictures(run)) {
    const { url, size } = pictures[image]!;
    const onPicture = regions.filter(({ region }) => region.image === image);
    try {
      downloadBlob(await annotatePicture(url!, onPicture, size!), fileName);
    } catch {
      // A picture this browser cannot draw: the Markdown is still whole, its image link just unresolved.
    }
  }
}
