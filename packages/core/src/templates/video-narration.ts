import type { PreparedMediaInfo } from '../contract/events';
import type { Locale } from '../contract/templates';
import { extractTimedBeats, formatBeatTime, parseBeatTime, type TimedBeat } from '../extract/timed-beats';
import { nearestFrame } from '../grounding/place-regions';
import { type MarkRequest, markPlacesParagraph } from './mark-places';
import { answerLanguageLine, extraQuestionParagraph, joinParagraphs } from './prompt-parts';
import type { PromptInput, Template } from './template';

/** What a beat shows is boxed on the frame it happens in. */
const VIDEO_MARKS: MarkRequest = { shape: 'box', example: { en: "the snail's eyes", zh: '蜗牛的眼睛' } };

/** The structured result of a video narration. */
export type VideoNarrationResult = {
  /**
   * The narration's beats in the order written, each with its `mm:ss.s` time and, when the video's
   * frames are known, the position of the sampled frame nearest that time.
   */
  beats: (TimedBeat & { frame?: number })[];
};

/** Up to this many frames, the prompt lists every frame's time; beyond it, only the span and spacing. */
const MAX_LISTED_FRAMES = 48;

/** Seconds for prose: `9.5`, `10`. */
function formatSeconds(seconds: number): string {
  return String(Math.round(seconds * 10) / 10);
}

/** The sentences that tell the model when its frames were taken, so beats can carry real times. */
function describeFrames(locale: Locale, timestamps: readonly number[] | undefined): string {
  const times = (timestamps ?? []).filter((time) => Number.isFinite(time));
  const isChinese = locale === 'zh';
  if (times.length === 0) {
    return isChinese
      ? '这些画面是从同一段视频里按时间顺序抽取的。具体时间不详，请根据画面的先后顺序估计每个情节发生的时间。'
      : 'These frames were sampled in order from one video. Their exact times are not known, so estimate when each beat happens from its place in the sequence.';
  }
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? first;
  if (times.length === 1) {
    return isChinese
      ? `这段视频只抽取了一帧，时间点是 ${formatBeatTime(first)}。`
      : `Only one frame was sampled from the video, at ${formatBeatTime(first)}.`;
  }
  const span = last - first;
  const interval = span / (times.length - 1);
  const isEven = times.every(
    (time, index) => Math.abs(time - (first + index * interval)) <= Math.max(0.05, interval * 0.1),
  );
  const listed =
    times.length <= MAX_LISTED_FRAMES
      ? times.map((time) => formatBeatTime(time)).join(isChinese ? '、' : ', ')
      : undefined;
  if (isChinese) {
    return [
      `这些画面是从同一段视频里按时间顺序抽取的 ${times.length} 帧，从 ${formatBeatTime(first)} 到 ${formatBeatTime(last)}，覆盖约 ${formatSeconds(span)} 秒`,
      isEven ? `，大约每 ${formatSeconds(interval)} 秒一帧。` : '。',
      listed ? `各帧的时间依次是：${listed}。` : '',
    ].join('');
  }
  return [
    `These ${times.length} frames were sampled in order from one video, from ${formatBeatTime(first)} to ${formatBeatTime(last)}, spanning about ${formatSeconds(span)} s of the clip`,
    isEven ? `, roughly one frame every ${formatSeconds(interval)} s.` : '.',
    listed ? ` The frame times, in order: ${listed}.` : '',
  ].join('');
}

function buildVideoNarrationPrompt(input: PromptInput): string {
  const video = input.media?.find((item) => item?.type === 'video') ?? input.media?.[0];
  const frames = describeFrames(input.locale, video?.frameTimestamps);
  if (input.locale === 'zh') {
    return joinParagraphs([
      frames,
      '请把这些画面当成一段连贯的视频来看，用生动的语言讲述里面发生了什么：先出现了什么，什么在动、在变化，事情怎样一步步展开，最后怎样收尾。像解说员一样讲得有画面感，但要忠于画面——帧与帧之间推断不出来的事情不要编，看不清的地方就说看不清。',
      extraQuestionParagraph('zh', input.question),
      [
        '请把讲述拆成若干个情节，按时间先后每行写一个。行首用方括号标出情节发生的时间（分:秒，精确到十分之一秒，比如 [00:03.5] 就是第 3.5 秒），时间以上面给出的帧时间为准。格式如下：',
        '[00:00.0] <开头的画面>',
        '[00:02.5] <接下来发生的事>',
        '短视频一般写 4 到 12 个情节就够了。所有情节写完之后，可以再用一句话总结整段视频。',
      ].join('\n'),
      markPlacesParagraph('zh', input.coordinates, input.media, VIDEO_MARKS),
      answerLanguageLine('zh'),
    ]);
  }
  return joinParagraphs([
    frames,
    'Watch the frames as one continuous clip and narrate what happens: what appears first, what moves or changes, how the action unfolds and how it ends. Tell it vividly, like a narrator, but stay faithful to the frames: do not invent events you cannot infer from them, and say when something is unclear.',
    extraQuestionParagraph('en', input.question),
    [
      'Write the narration as a series of beats in time order, one per line, each starting with the time it happens in the form [mm:ss.s] (minutes, seconds and tenths), taken from the frame times above. For example:',
      '[00:00.0] <what the clip opens on>',
      '[00:02.5] <what happens next>',
      'A short clip usually needs 4 to 12 beats. After the beats you may add one sentence that sums up the clip.',
    ].join('\n'),
    markPlacesParagraph('en', input.coordinates, input.media, VIDEO_MARKS),
    answerLanguageLine('en'),
  ]);
}

/**
 * Reads a narration's beats: the lines that start with a timestamp (`[00:03.5] …`, `00:03 - …`), with times
 * normalized to `mm:ss.s`. Returns `undefined` when there is no beat.
 *
 * @example
 * extractVideoNarration('[00:03.5] The snail’s shell spirals into view.');
 * // { beats: [{ time: '00:03.5', text: 'The snail’s shell spirals into view.' }] }
 */
export function extractVideoNarration(
  answer: string,
  media: readonly PreparedMediaInfo[] = [],
): VideoNarrationResult | undefined {
  const frames = media.find((item) => item.type === 'video')?.frames ?? [];
  const beats = extractTimedBeats(answer).map((beat) => {
    const seconds = parseBeatTime(beat.time);
    return frames.length > 0 && seconds !== undefined
      ? { ...beat, frame: nearestFrame(frames, seconds) }
      : beat;
  });
  return beats.length > 0 ? { beats } : undefined;
}

/** Video narration: a short clip retold as a vivid narration tied to timestamps (exactly 1 video). */
export const videoNarrationTemplate: Template = {
  id: 'video-narration',
  title: { en: 'Video narration', zh: '视频讲述' },
  description: {
    en: 'Retells a short video as a vivid narration, with each moment tied to its timestamp.',
    zh: '把一段短视频讲成生动的解说，每个情节都标上发生的时间。',
  },
  media: { image: { min: 0, max: 0 }, video: { min: 1, max: 1 }, allowsMixing: false },
  question: 'optional',
  buildPrompt: buildVideoNarrationPrompt,
  extractResult: (answer, _locale, context) => extractVideoNarration(answer, context?.media),
};
