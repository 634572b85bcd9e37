import { ComputeEngine, type Expression, isNumber } from '@cortex-js/compute-engine';
import { extractBoxedAnswer } from '../extract/boxed-answer';
import { extractFinalAnswer } from '../extract/final-answer';
import { extractOptionLetter } from '../extract/option-letter';
import type { EvalItem } from './record';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/**
 * A phrase that announces the answer, in English or Chinese; the answer follows it. A bare "the answer" needs a
 * verb or a colon after it, so "the answer must fit both rows" is not read, and "final answer" alone counts only
 * at a line's end (a heading such as "**Final Answer**" with the answer on the next line).
 */
const ANSWER_PHRASE = new RegExp(
  [
    String.raw`\bfinal\s+answer[ \t]*(?:is\b|would\s+be\b|should\s+be\b|will\s+be\b|=|[:：]|$)`,
    String.raw`\b(?:correct|right|best)\s+(?:answer|option|choice)[ \t]*(?:is\b|would\s+be\b|should\s+be\b|will\s+be\b|=|[:：])`,
    String.raw`\bthe\s+answer[ \t]*(?:is\b|would\s+be\b|should\s+be\b|will\s+be\b|=|[:：])`,
    String.raw`\banswer[ \t]*[:：]`,
    String.raw`\bi\s+(?:choose|pick|select)\b`,
    String.raw`(?:最终|正确)?答案\s*(?:应该是|应当是|应该为|应是|应为|就是|是|为|选|[:：])`,
    '(?:故|所以|因此|应)选(?:择)?',
  ].join('|'),
  'gimu',
);

/** Where an answer stated after a phrase ends and its explanation begins. */
const ANSWER_END =
  /[。；！？]|[.;!?](?=\s|$)|,?\s+(?:because|since|as|so|which|given|where|but)\b|[，,](?=\s*\p{Script=Han})/iu;

/** Words that hedge a stated answer ("approximately 3.14") without being part of it. */
const HEDGE = /^(?:approximately|approx\.?|about|roughly|around|nearly|exactly|precisely)\s+/i;

/** LaTeX commands whose argument is plain text: the text stays, the command goes. */
const TEXT_COMMAND =
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
const ANSWER_LENGTH_LIMIT = 1000;

/** Longer than this, a text is no value with units, and the unit search (quadratic in the length) is skipped. */
const UNIT_SEARCH_LIMIT = 200;

let engine: ComputeEngine | undefined;

/** One engine for the whole process: building it costs tens of milliseconds, parsing with it far less. */
function mathEngine(): ComputeEngine {
  engine ??= new ComputeEngine();
  return engine;
}

/**
 * Reads the answer a model gave, as written (math delimiters and markdown dropped, not yet normalized), the way
 * MathVision's evaluate.py does and more: the last `\boxed{…}` (nested braces kept whole); else a last line
 * that is only a choice ("**(D)**", "Answer: B"); else the last "the answer is …", "final answer: …", "the
 * correct option is …", "答案是 …" or "最终答案：…" (cut where its explanation begins); else an option letter
 * at the edge (a response ending " C." or opening with "C" on its own line); else a response ending "… is 12."; else the whole response when it is one short line
 * that reads as a value. Returns `undefined` when nothing can be read, so a caller can count the response as
 * unparsed rather than wrong.
 *
 * @example
 * extractMathVisionAnswer('The correct option is (C) 7 cm.'); // '(C) 7 cm'
 * extractMathVisionAnswer('No idea.'); // undefined
 */
export function extractMathVisionAnswer(response: string): string | undefined {
  if (typeof response !== 'string' || !response.trim()) return undefined;
  const text = response.trim();
  const boxed = extractBoxedAnswer(text);
  const fromBox = boxed === undefined ? undefined : tidyAnswer(boxed);
  if (fromBox) return fromBox;
  // A last line that is only a choice ("**(D)**") concludes the response, whatever was said before it.
  const closingChoice = extractOptionLetter(text);
  if (closingChoice) return closingChoice;
  const phrased = findPhrasedAnswer(text.replace(/\*\*|__/g, ''));
  if (phrased) return phrased;
  const edgeLetter = readLetterAtEdge(text);
  if (edgeLetter) return edgeLetter;
  // MathVision reads a response ending "… is 12." as 12; a degree sign or unit after the number is let through.
  const closingNumber =
    /\bis\s+([-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+))\s*(?:°|[a-z]{1,12}(?:\^?[23])?)?\s*\.?$/i.exec(text)?.[1];
  if (closingNumber) return closingNumber;
  const final = extractFinalAnswer(text);
  if (final) return final;
  if (!text.includes('\n') && text.length <= 80 && readsAsValue(text)) return tidyAnswer(text);
  return undefined;
}

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

/**
 * Python's `round(value, digits)` on a double, which MathVision applies before comparing two numbers: the
 * double's exact binary value is rounded half to even, so `round(0.375, 2)` is 0.38 (0.375 is exact and 8 is
 * even), `round(0.125, 2)` is 0.12, and `round(2.675, 2)` is 2.67 (the double lies just below 2.675). The result
 * is the double nearest the rounded decimal, as in Python.
 *
 * @example
 * roundLikePython(0.125, 2); // 0.12
 */
export function roundLikePython(value: number, digits: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biasedExponent === 0 ? 1 : biasedExponent) - 1075;
  // A double with no fractional bits is already whole, and Python returns it unchanged.
  if (exponent >= 0) return value;
  const scale = 10n ** BigInt(digits);
  const numerator = mantissa * scale;
  const denominator = 1n << BigInt(-exponent);
  let quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n))
    quotient += 1n;
  const rounded = Number(`${quotient}e-${digits}`);
  return value < 0 ? -rounded : rounded;
}

/**
 * The real number a normalized answer stands for (`2\sqrt{3}`, `\frac{\pi}{2}`, `0.375`), computed by the
 * compute engine; `undefined` when it has free variables, is not real, or does not parse.
 *
 * @example
 * mathValue('\\frac{\\pi}{2}'); // 1.5707963267948966
 */
export function mathValue(latex: string): number | undefined {
  const expression = parseMath(latex);
  if (!expression) return undefined;
  try {
    const numeric = expression.N();
    if (!isNumber(numeric)) return undefined;
    const real = numeric.re;
    const imaginary = numeric.im;
    if (Number.isNaN(real) || (imaginary !== 0 && !Number.isNaN(imaginary))) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

/**
 * Whether `answer` equals `gold` the way MathVision's `is_equal` decides: both normalized by
 * {@link normalizeMathAnswer}; the same text ignoring case and spaces; for tuples or lists like `(1,2)`, the same
 * bracket, length and each element equal; else the same number after rounding both to two decimals as Python
 * does ({@link roundLikePython}), so 0.333 equals `\frac{1}{3}` and 0.34 does not. Where MathVision gives up
 * (free variables), the compute engine's symbolic equality decides (`x+1` equals `1+x`). Never throws.
 *
 * @example
 * isMathEqual('\\frac{\\pi}{2}', '\\pi/2'); // true
 */
export function isMathEqual(gold: string, answer: string): boolean {
  const goldForm = normalizeMathAnswer(gold);
  const answerForm = normalizeMathAnswer(answer);
  if (!goldForm || !answerForm) return false;
  if (compact(goldForm) === compact(answerForm)) return true;
  const goldTuple = splitTuple(goldForm);
  const answerTuple = splitTuple(answerForm);
  if (goldTuple || answerTuple) {
    if (!goldTuple || !answerTuple) return false;
    if (goldTuple.brackets !== answerTuple.brackets) return false;
    if (goldTuple.elements.length !== answerTuple.elements.length) return false;
    return goldTuple.elements.every((element, index) => {
      const other = answerTuple.elements[index] ?? '';
      return compact(element) === compact(other) || valuesMatch(element, other);
    });
  }
  return valuesMatch(goldForm, answerForm);
}

/**
 * The option a multiple-choice answer names, as its letter: a bare letter (`C`, `(c)`, `Option C`, `选C`), an
 * option's own text (`7 cm` for the option "7 cm"), or a letter given with text (`(C) 7 cm`, `C. 7 cm`, `C 7 cm`
 * when the text is that option's). Only letters within the options count. `undefined` when none is named; a value
 * that merely equals an option's is left to {@link isMathEqual}.
 *
 * @example
 * readOptionLetter('\\text{(B) }12', ['10', '12', '14']); // 'B'
 */
export function readOptionLetter(answer: string, options: readonly string[]): string | undefined {
  if (answer.length > ANSWER_LENGTH_LIMIT) return undefined;
  const letters = LETTERS.slice(0, options.length);
  const text = tidyOptionText(answer);
  if (!text) return undefined;
  const bare = /^(?:(?:option|choice|选项|选)\s*[:：]?\s*)?[([]?\s*([a-h])\s*[)\]]?$/i
    .exec(text)?.[1]
    ?.toUpperCase();
  if (bare && letters.includes(bare)) return bare;
  const key = optionKey(text);
  const byText = options.findIndex((option) => optionKey(tidyOptionText(option)) === key);
  if (byText !== -1) return letters[byText];
  const marked = /^(?:(?:option|choice)\s*)?(?:\(([A-H])\)|\[([A-H])\]|([A-H])\s*[.:)])\s*(.*)$/i.exec(text);
  const markedLetter = (marked?.[1] ?? marked?.[2] ?? marked?.[3])?.toUpperCase();
  if (markedLetter && letters.includes(markedLetter)) return markedLetter;
  const spaced = /^([A-H])\s+(.+)$/.exec(text);
  if (spaced) {
    const index = letters.indexOf(spaced[1]!);
    const option = options[index];
    if (option !== undefined && namesOption(spaced[2]!, option)) return letters[index];
  }
  const trailing = /^(.+?)\s+\(([A-H])\)$/.exec(text);
  if (trailing && letters.includes(trailing[2]!)) return trailing[2];
  return undefined;
}

/**
 * Scores a model's response to a MathVision-format item as MathVision's evaluate.py would, with its extraction
 * widened for reasoning models ({@link extractMathVisionAnswer}). A multiple-choice answer is right when it names
 * the gold letter ({@link readOptionLetter}) or, given as a value, equals the gold option's value (MathVision's
 * second `is_equal`); a free-form answer is right when {@link isMathEqual} holds. `extracted` is the option
 * letter or the normalized answer, and is `undefined` when no answer could be read (the caller counts that as
 * unparsed).
 *
 * @example
 * scoreAnswer('The correct option is (C) 7 cm.', { answer: 'C', options: ['3 cm', '5 cm', '7 cm'] });
 * // { extracted: 'C', isCorrect: true }
 */
export function scoreAnswer(
  response: string,
  item: Pick<EvalItem, 'answer' | 'options'>,
): { extracted?: string; isCorrect: boolean } {
  const answer = extractMathVisionAnswer(response);
  if (answer === undefined) return { isCorrect: false };
  const gold = String(item.answer ?? '').trim();
  const options = Array.isArray(item.options) ? item.options.map(String) : [];
  if (options.length > 0) {
    const goldLetter = gold.toUpperCase();
    const goldOption = options[LETTERS.indexOf(goldLetter)];
    const letter = readOptionLetter(answer, options);
    if (letter) {
      if (letter === goldLetter) return { extracted: letter, isCorrect: true };
      // A letter that is also the gold option's own text ("E", where option D reads "E") is right, as
      // MathVision's second `is_equal` has it.
      const isGoldText =
        goldOption !== undefined &&
        optionKey(tidyOptionText(goldOption)) === optionKey(tidyOptionText(answer));
      return isGoldText
        ? { extracted: goldLetter, isCorrect: true }
        : { extracted: letter, isCorrect: false };
    }
    const value = normalizeMathAnswer(answer);
    if (!value) return { isCorrect: false };
    if (goldOption !== undefined && isMathEqual(goldOption, answer))
      return { extracted: goldLetter, isCorrect: true };
    // A free-form gold among options (or a letter-valued one) is still compared directly, as MathVision's first
    // `is_equal` does.
    if (isMathEqual(gold, answer)) return { extracted: value, isCorrect: true };
    const matched = options.findIndex((option) => isMathEqual(option, answer));
    return { extracted: matched === -1 ? value : LETTERS[matched], isCorrect: false };
  }
  const value = normalizeMathAnswer(answer);
  if (!value) return { isCorrect: false };
  return { extracted: value, isCorrect: isMathEqual(gold, answer) };
}

/** Drops markdown and a whole-answer hedge, and punctuation around the answer. */
function tidyAnswer(value: string): string | undefined {
  const answer = value
    .replace(/\*\*|__|`/g, '')
    .trim()
    .replace(/^[:：\s]+/, '')
    .replace(HEDGE, '')
    .replace(/[\s.。,，;；:：!！?？、]+$/, '')
    .trim();
  return answer || undefined;
}

/** The answer after the last phrase announcing one, cut where its explanation begins. */
function findPhrasedAnswer(text: string): string | undefined {
  const matches = [...text.matchAll(ANSWER_PHRASE)];
  for (let index = matches.length - 1; index >= 0; index--) {
    const match = matches[index]!;
    const start = (match.index ?? 0) + match[0].length;
    const lineEnd = text.indexOf('\n', start);
    let rest = text.slice(start, lineEnd === -1 ? undefined : lineEnd);
    // A heading ("Final Answer:") puts the answer on the next non-empty line.
    if (!rest.replace(/[\s*:：]/g, '') && lineEnd !== -1) {
      rest =
        text
          .slice(lineEnd + 1)
          .split(/\r?\n/)
          .find((line) => line.trim()) ?? '';
    }
    rest = rest.replace(/^[\s:：]+/, '');
    const cut = ANSWER_END.exec(rest);
    const answer = tidyAnswer(cut ? rest.slice(0, cut.index) : rest);
    if (answer) return answer;
  }
  return undefined;
}

/**
 * A letter at the edge of the response, as MathVision's evaluate.py reads one: a response ending " C." or
 * " (C).", or opening with "C" or "(C)" on a line of its own.
 */
function readLetterAtEdge(text: string): string | undefined {
  const closing = /\s(?:([A-E])|\(([A-E])\))\.$/.exec(text);
  if (closing) return closing[1] ?? closing[2];
  return /^(?:\(([A-E])\)(?: \1)?|([A-E]))\n/.exec(text)?.slice(1).find(Boolean);
}

/** Whether a whole short response is itself an answer: a value, a tuple of values, or an option letter. */
function readsAsValue(text: string): boolean {
  const tidy = tidyAnswer(text);
  if (!tidy) return false;
  if (/^[([]?\s*[A-E]\s*[)\]]?$/.test(tidy)) return true;
  const normalized = normalizeMathAnswer(tidy);
  if (!normalized) return false;
  const tuple = splitTuple(normalized);
  if (tuple) return tuple.elements.every((element) => mathValue(element) !== undefined);
  return mathValue(normalized) !== undefined;
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

/** Case and spacing ignored, as MathVision compares text (it lowercases both answers). */
function compact(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

/** The elements of a tuple or list of two or more, split at top-level commas; `undefined` for anything else. */
function splitTuple(text: string): { brackets: string; elements: string[] } | undefined {
  const open = text[0];
  const close = text[text.length - 1];
  if (!((open === '(' && close === ')') || (open === '[' && close === ']'))) return undefined;
  const elements: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of text.slice(1, -1)) {
    if ('([{'.includes(character)) depth++;
    if (')]}'.includes(character)) depth--;
    if (depth < 0) return undefined;
    if (character === ',' && depth === 0) {
      elements.push(current.trim());
      current = '';
    } else {
      current += character;
    }
  }
  elements.push(current.trim());
  return elements.length > 1 ? { brackets: `${open}${close}`, elements } : undefined;
}

/**
 * Two normalized answers as values: the same number after Python's two-decimal rounding when both have one;
 * otherwise, when neither has one, the compute engine's structural or symbolic equality.
 */
function valuesMatch(gold: string, answer: string): boolean {
  const goldValue = mathValue(gold);
  const answerValue = mathValue(answer);
  if (goldValue !== undefined || answerValue !== undefined) {
    if (goldValue === undefined || answerValue === undefined) return false;
    return roundLikePython(goldValue, 2) === roundLikePython(answerValue, 2);
  }
  const goldExpression = parseMath(gold);
  const answerExpression = parseMath(answer);
  if (!goldExpression || !answerExpression) return false;
  try {
    return (
      goldExpression.isSame(answerExpression) ||
      goldExpression.is(answerExpression) ||
      goldExpression.isEqual(answerExpression) === true
    );
  } catch {
    return false;
  }
}

/** Parses LaTeX with the shared engine; `undefined` for text it cannot read or a result holding errors. */
function parseMath(latex: string): Expression | undefined {
  if (!latex || latex.length > 300) return undefined;
  try {
    const expression = mathEngine().parse(latex);
    return expression.isValid ? expression : undefined;
  } catch {
    return undefined;
  }
}

/** An answer or option text with math delimiters, markdown, text wrappers and closing punctuation dropped. */
function tidyOptionText(text: string): string {
  let tidy = text.normalize('NFKC').replace(/\*\*|__|`|\$|\\[()[\]]/g, '');
  for (let previous = ''; previous !== tidy; ) {
    previous = tidy;
    tidy = tidy.replace(TEXT_COMMAND, '$1');
  }
  return tidy
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.。,，;；:：!！?？]+$/, '');
}

/** How an option's text is compared with an answer's: case, spaces and closing full stops ignored. */
function optionKey(text: string): string {
  return text.toLowerCase().replace(/[\s.。]+/g, '');
}

/** Whether the text after a letter ("C 7 cm") is that option's own text or value. */
function namesOption(text: string, option: string): boolean {
  return optionKey(tidyOptionText(text)) === optionKey(tidyOptionText(option)) || isMathEqual(option, text);
}
