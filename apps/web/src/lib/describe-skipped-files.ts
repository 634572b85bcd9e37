/**
 * Says which of the chosen files were not added, and why, or undefined when none were skipped.
 *
 * @example
 * describeSkippedFiles([clip.mp4]); // 'clip.mp4: video arrives in a later version of the playground; …'
 */
export function describeSkippedFiles(
  files: ReadonlyArray<{ name: string; type: string }>,
): string | undefined {
  const videos = files.filter((file) => file.type.startsWith('video/'));
  const others = files.filter((file) => !file.type.startsWith('video/'));
  const sentences: string[] = [];
  if (videos.length > 0) {
    sentences.push(
      `${videos.map((file) => file.name).join(', ')}: video arrives in a later version of the playground; for now it takes images.`,
    );
  }
  if (others.length > 0) {
    sentences.push(`${others.map((file) => file.name).join(', ')}: not an image, so it was not added.`);
  }
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}
