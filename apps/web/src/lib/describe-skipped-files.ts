/**
 * Says which of the chosen files were not added because they are neither an image nor a video, or
 * undefined when none were skipped.
 *
 * @example
 * describeSkippedFiles([notes.txt]); // 'notes.txt: not an image or a video, so it was not added.'
 */
export function describeSkippedFiles(files: ReadonlyArray<{ name: string }>): string | undefined {
  if (files.length === 0) return undefined;
  const names = files.map((file) => file.name || 'a pasted file').join(', ');
  return files.length === 1
    ? `${names}: not an image or a video, so it was not added.`
    : `${names}: not images or videos, so they were not added.`;
}
