import { extractBoxedAnswer } from './boxed-answer';
import { extractOptionLetter, normalizeOptionLetter } from './option-letter';

/**
 * "The answer is …", "Final answer: …", "the correct answer would be …", "Answer: …" (at a line start). A
 * mid-sentence "the answer" needs a verb or colon after it, so "the answer must fit both rows" is not read.
 */
const ENGLISH_ANSWER =
  /(?:\b(?:final|correct)\s+answer|\bthe\s+(?:right\s+)?answer|^\s*answer)\s*(?:(?:is|would\s+be|should\s+be|must\s+be|=)\s*[:：]?|[:：]|$)\s*(.*)$/i;

/** "答案是…", "答案：…", "最终答案…", "答案为…", "答案应该是…", "正确答案选…"; a bare mid-sentence "答案" is not read. */
const CHINESE_ANSWER =
  /(?:最终|正确)?答案\s*(?=[是为选应就:：]|$)(?:应该是|应当是|应该为|应是|应为|就是|是|为|选)?\s*[:：]?\s*(.*)$/;

/** Where an English answer phrase ends and its explanation begins. */
const ENGLISH_END = /[。；！？]|[.;!?](?=\s|$)|,?\s+(?:because|since|as|which|so|given)\b/i;

/** Where a Chinese answer phrase ends: a full stop, or a comma before more Chinese text. */
const CHINESE_END = /[。；！？]|[.;!?](?=\s|$)|[，,](?=\s*\p{Script=Han})/u;

/** A whole-answer LaTeX text wrapper such as `\text{B}`. */
const TEXT_WRAPPER = /^\\(?:text|textbf|textrm|mathrm|mathbf|mbox)\s*\{([^{}]*)\}$/;

/**
 * Tidies an extracted answer: drops math delimiters (`$`, `\(`, `\[`), markdown emphasis and code ticks,
 * a whole-answer `\text{…}`, and punctuation around it; a lone option like `(B)` or `Option B` becomes `B`.
 * Returns `undefined` when nothing is left.
 *
 * @example
 * normalizeAnswerText(' **$10$**. '); // '10'
 */
export function normalizeAnswerText(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  let answer = value
    .replace(/\*\*|__|`|\$/g, '')
    .replace(/\\[()[\]]/g, '')
    .trim();
  answer = answer.replace(/^[:：\s]+/, '').replace(/[\s.。,，;；:：!！?？、]+$/, '');
  // Single-asterisk or underscore emphasis around the whole answer.
  answer = answer
    .replace(/^[*_]+(?=\S)/, '')
    .replace(/(?<=\S)[*_]+$/, '')
    .trim();
  const wrapped = TEXT_WRAPPER.exec(answer);
  if (wrapped) answer = (wrapped[1] ?? '').trim();
  answer = normalizeOptionLetter(answer) ?? answer;
  return answer || undefined;
}

/**
 * Reads the final answer from a model's answer text, trying in turn: the last `\boxed{…}`/`\fbox{…}`;
 * "the answer is …" / "final answer: …" (English, any case); "答案是…" / "答案：…" / "最终答案…"; and a lone
 * option letter closing the text (`(B)`, `B.`). The result is tidied by {@link normalizeAnswerText}. Returns
 * `undefined` when none is found; never throws.
 *
 * @example
 * extractFinalAnswer('Each row adds up, so the answer is 10.'); // '10'
 * extractFinalAnswer('最终答案：C'); // 'C'
 */
export function extractFinalAnswer(text: string): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  const boxed = extractBoxedAnswer(text);
  const fromBox = boxed === undefined ? undefined : normalizeAnswerText(boxed);
  if (fromBox) return fromBox;
  const plain = text.replace(/\*\*|__/g, '');
  return (
    findPhrasedAnswer(plain, ENGLISH_ANSWER, ENGLISH_END) ??
    findPhrasedAnswer(plain, CHINESE_ANSWER, CHINESE_END) ??
    extractOptionLetter(text)
  );
}

/** The answer after the last line holding `phrase`, cut where its explanation begins. */
function findPhrasedAnswer(text: string, phrase: RegExp, end: RegExp): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = phrase.exec(lines[index] ?? '');
    if (!match) continue;
    let rest = (match[1] ?? '').trim();
    // A label on its own line ("Final answer:") puts the answer on the next non-empty line.
    if (!rest)
      rest =
        lines
          .slice(index + 1)
          .find((line) => line.trim())
          ?.trim() ?? '';
    const cut = end.exec(rest.replace(/^[:：]\s*/, ''));
    const candidate = cut ? rest.replace(/^[:：]\s*/, '').slice(0, cut.index) : rest;
    const answer = normalizeAnswerText(candidate);
    if (answer) return answer;
  }
  return undefined;
}
