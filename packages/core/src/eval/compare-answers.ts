import { ComputeEngine, type Expression, isNumber } from '@cortex-js/compute-engine';
import { normalizeMathAnswer } from './normalize-answer';

let engine: ComputeEngine | undefined;

/** One engine for the whole process: building it is slow, parsing with it is not. */
function mathEngine(): ComputeEngine {
  engine ??= new ComputeEngine();
  return engine;
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

/** Case and spacing ignored, as MathVision compares text (it lowercases both answers). */
function compact(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

/** The elements of a tuple or list of two or more, split at top-level commas; `undefined` for anything else. */
export function splitTuple(text: string): { brackets: string; elements: string[] } | undefined {
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
