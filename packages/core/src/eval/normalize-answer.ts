/** LaTeX commands whose argument is plain text: the text stays, the command goes. */
export const TEXT_COMMAND =
  /\\(?:text|textrm|textbf|textit|textnormal|mathrm|mathbf|mathit|mbox|operatorname)\s*\{([^{}]*)\}/g;

/**
 * Units a model writes straight after a number (`12cm`, `5 m`): only these are dropped when no space separates
 * them, so a variable such as the `x` of `2x` stays.
 */
const UNITS = new Set(
  (
    'mm cm dm m km in inch inches ft feet foot yd mi mile miles meter meters metre metres centimeter centimeters ' +
    'millimeter millimeters kilometer kilometers g kg mg gram grams kilogram kilograms l ml liter liters litre ' +
    'litres s sec secs second seconds min mins minute minutes h hr hrs hour hours day days week weeks year years ' +
    'deg degree degrees rad radian radians unit units sq square cubic dollar dollars cent cents percent'
  ).split(' '),
);

/** A run of unit words at the end of an answer, each maybe squared or cubed, maybe per another unit. */
const TRAILING_UNITS =
  /^(.*?(?:\d|\}|\)|\\pi))(\s*)((?:[a-z]+(?![a-z])\.?(?:\s*\^\s*\{?\s*[23]\s*\}?)?(?:\s*\/\s*[a-z]+(?![a-z])(?:\s*\^\s*\{?\s*[23]\s*\}?)?)?\s*)+)$/i;

/**
 * Longer than this, a text is no answer to rewrite: it is compared with its spacing collapsed only, since nested
 * commands make the rewriting quadratic in the length.
 */
export const ANSWER_LENGTH_LIMIT = 1000;

/** Longer than this, a text is no value with units, and the unit search (quadratic in the length) is skipped. */
const UNIT_SEARCH_LIMIT = 200;

/**
 * Rewrites an answer into the plain LaTeX that MathVision compares: math delimiters, `\left`/`\right`, spacing
 * commands, `\text{…}` wrappers, degree signs (`^\circ`, `°`), `%` (dropped, not divided by 100, as MathVision
 * does), `$` signs and trailing units (`cm^2`, `\mathrm{~m}`, `meters`) go; only the right-hand side of the last
 * `=` or `\approx` is kept; `\sqrt3`, `√3` become `\sqrt{3}`, `\frac12` becomes `\frac{1}{2}`, `π` becomes `\pi`,
 * an integer `a/b` becomes `\frac{a}{b}`, and thousands separators (`1,000`) are dropped. Spaces go, except
 * after a command name where they separate it from a following letter.
 *
 * @example
 * normalizeMathAnswer('$12.5 \\mathrm{~cm}^{2}$'); // '12.5'
 * normalizeMathAnswer('x = 2√3'); // '2\\sqrt{3}'
 */
export function normalizeMathAnswer(text: string): string {
  if (typeof text !== 'string') return '';
  if (text.length > ANSWER_LENGTH_LIMIT) return text.replace(/\s+/g, ' ').trim();
  let answer = text
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .normalize('NFKC')
    .replace(/√\s*\(([^()]*)\)/g, '\\sqrt{$1}')
    .replace(/√\s*(\d+(?:\.\d+)?)/g, '\\sqrt{$1}')
    .replace(/√/g, '\\sqrt')
    .replace(/π/g, '\\pi ')
    .replace(/∞/g, '\\infty ')
    .replace(/[−–]/g, '-')
    .replace(/×/g, '\\times ')
    .replace(/[·⋅]/g, '\\cdot ')
    .replace(/≈/g, '\\approx ')
    .replace(/°/g, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\\[()[\]]/g, ' ')
    .replace(/\\displaystyle/g, ' ')
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\\(?:left|right)(?![a-zA-Z])/g, '')
    .replace(/\\(?:[!,;:> ]|quad|qquad)/g, ' ')
    .replace(/~/g, ' ')
    .replace(/\{,\}/g, ',')
    .replace(/\\textdollar|\\\$|\$/g, ' ');
  // Unwrap text commands from the innermost out, so `\text{\textbf{B}}` keeps its `B`.
  for (let previous = ''; previous !== answer; ) {
    previous = answer;
    answer = answer.replace(TEXT_COMMAND, ' $1 ');
  }
  answer = answer
    .replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\^\s*\{\s*\\degree\s*\}|\\degree/g, '')
    .replace(/\\%|%/g, '');
  answer = rightHandSide(answer);
  answer = dropTrailingUnits(answer.trim());
  answer = fixCommandArguments(answer)
    .trim()
    // A space only matters between a command name and a letter (`\pi r`).
    .replace(/(\\[a-zA-Z]+)?\s+(?=([a-zA-Z])?)/g, (_match: string, command?: string, letter?: string) =>
      command ? (letter ? `${command} ` : command) : '',
    )
    .replace(/^[:：]+/, '')
    .replace(/[.。,，;；:：!！?？、]+$/, '');
  while (/^\{[^{}]*\}$/.test(answer)) answer = answer.slice(1, -1);
  if (/^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(answer)) answer = answer.replace(/,/g, '');
  answer = answer.replace(/(^|[^\d])\.(?=\d)/g, (_match: string, before: string) => `${before}0.`);
  const fraction = /^([-+]?\d+)\/(\d+)$/.exec(answer);
  if (fraction) answer = `\\frac{${fraction[1]}}{${fraction[2]}}`;
  return answer;
}

/** Keeps only what follows the last `=` or `\approx`, as MathVision does with `x = 5` and `\approx 3.14`. */
function rightHandSide(text: string): string {
  const parts = text.split(/(?<![<>!\\])=|\\approx|\\simeq/);
  if (parts.length < 2) return text;
  const last = parts[parts.length - 1]!.trim();
  return last ? last : text;
}

/**
 * Drops units after a value: any run of words after a space (`12 apples`, `8 square units`), or a known unit
 * right after the number (`12.5cm^2`), never a lone variable like the `x` of `2x`.
 */
function dropTrailingUnits(text: string): string {
  if (text.length > UNIT_SEARCH_LIMIT) return text;
  const match = TRAILING_UNITS.exec(text);
  if (!match) return text;
  const [, value = '', space = '', units = ''] = match;
  if (!/\d/.test(value)) return text;
  const words = units.match(/[a-z]+/gi) ?? [];
  const first = (words[0] ?? '').toLowerCase();
  const spaced = space.length > 0;
  // A lone letter after a space could still be a variable (`3 x`), so it must be a known unit too.
  const isUnit = UNITS.has(first) && (first.length > 1 || spaced || words.length > 1 || /\^/.test(units));
  if (!isUnit && !(spaced && first.length > 1)) return text;
  return value.trim();
}

/** Braces the one-token arguments of `\sqrt` and `\frac`: `\sqrt3` is `\sqrt{3}`, `\frac12` is `\frac{1}{2}`. */
function fixCommandArguments(text: string): string {
  const command = /\\(sqrt|frac)(?![a-zA-Z])/g;
  const rootIndex = /\s*\[[^\]]*\]/y;
  let output = '';
  let index = 0;
  for (let match = command.exec(text); match; match = command.exec(text)) {
    output += text.slice(index, match.index) + match[0];
    index = match.index + match[0].length;
    // An optional root index, as in `\sqrt[3]{8}`, passes through unchanged.
    rootIndex.lastIndex = index;
    const root = match[1] === 'sqrt' ? rootIndex.exec(text) : null;
    if (root) {
      output += root[0].trim();
      index += root[0].length;
    }
    for (let argument = 0; argument < (match[1] === 'frac' ? 2 : 1); argument++) {
      const read = readArgument(text, index);
      if (!read) break;
      output += `{${fixCommandArguments(read.content)}}`;
      index = read.end;
    }
    command.lastIndex = index;
  }
  return output + text.slice(index);
}

/** Reads one TeX argument at `start`: a braced group, a command name, or a single character. */
function readArgument(text: string, start: number): { content: string; end: number } | undefined {
  let index = start;
  while (text[index] === ' ') index++;
  const character = text[index];
  if (character === undefined || character === '}') return undefined;
  if (character === '{') {
    let depth = 0;
    for (let end = index; end < text.length; end++) {
      if (text[end] === '\\') end++;
      else if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0)
        return { content: text.slice(index + 1, end), end: end + 1 };
    }
    return undefined;
  }
  if (character === '\\') {
    const name = /\\(?:[a-zA-Z]+|.)/y;
    name.lastIndex = index;
    const found = name.exec(text)?.[0] ?? character;
    return { content: found, end: index + found.length };
  }
  return { content: character, end: index + 1 };
}
