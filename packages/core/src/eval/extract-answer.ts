import { extractBoxedAnswer } from '../extract/boxed-answer';
import { extractFinalAnswer } from '../extract/final-answer';
import { extractOptionLetter } from '../extract/option-letter';
import { mathValue, splitTuple } from './compare-answers';
import { normalizeMathAnswer } from './normalize-answer';

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
