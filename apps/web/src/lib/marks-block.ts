/** The keys a model writes its marks with (docs/grounding.md). */
const markKeys = /"(bbox_2d|point_2d|points_2d)"\s*:/g;

/**
 * How many marks a fenced code block of the answer holds, when it is a block of marks (JSON with
 * `bbox_2d`, `point_2d` or `points_2d`): the playground folds it away behind "Marks (n)" rather than
 * show it as a large block of code. Undefined for any other code.
 *
 * @example
 * countMarks('json', '[{"bbox_2d":[1,2,3,4],"label":"boat"}]'); // 1
 * countMarks('python', 'print(1)'); // undefined
 */
export function countMarks(language: string | undefined, code: string): number | undefined {
  if (language && !/^json/i.test(language)) return undefined;
  const count = [...code.matchAll(markKeys)].length;
  return count > 0 ? count : undefined;
}
