/** A piece of model output, sorted into thinking or answer. */
export interface SplitPiece {
  kind: 'reasoning' | 'text';
  text: string;
}

/** How a model writes inline `<think>` tags in its content. */
export type ThinkTagMode =
  /** Look for `<think>` at the start of the content; content without it is all answer. */
  | 'auto'
  /** The chat template already wrote `<think>`: the content starts inside the thinking. */
  | 'open-implied'
  /** Never look for tags: all content is answer. */
  | 'off';

const OPEN_TAG = '<think>';
const CLOSE_TAG = '</think>';

/** How long the end of `text` is a prefix of `tag` (so the tag may be completed by the next chunk). */
function partialTagLength(text: string, tag: string): number {
  const longest = Math.min(text.length, tag.length - 1);
  for (let length = longest; length > 0; length--) {
    if (tag.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}

/**
 * Separates inline `<think>…</think>` thinking from the answer in streamed content, with tags split
 * across chunks at any character. Only a tag at the very start of the content (after white space)
 * opens a thinking block, so an answer that mentions `<think>` is left alone; after `</think>`
 * everything is answer.
 *
 * @example
 * const splitter = new ThinkTagSplitter('auto');
 * splitter.push('<thi'); // []
 * splitter.push('nk>Hm</think>Yes'); // [{kind:'reasoning',text:'Hm'},{kind:'text',text:'Yes'}]
 */
export class ThinkTagSplitter {
  private state: 'before' | 'thinking' | 'answer';
  private pending = '';
  private isStartSettled: boolean;

  constructor(mode: ThinkTagMode = 'auto') {
    this.state = mode === 'off' ? 'answer' : mode === 'open-implied' ? 'thinking' : 'before';
    this.isStartSettled = mode === 'off';
  }

  /** Sorts the next piece of content; text that may be part of a tag is held until it is known. */
  push(chunk: string): SplitPiece[] {
    const pieces: SplitPiece[] = [];
    let text = this.pending + chunk;
    this.pending = '';

    if (!this.isStartSettled) {
      const trimmed = text.trimStart();
      if (trimmed.startsWith(OPEN_TAG)) {
        // With an implied opening tag, a model that writes it anyway still gets it removed.
        text = trimmed.slice(OPEN_TAG.length);
        this.state = 'thinking';
      } else if (trimmed === '' || OPEN_TAG.startsWith(trimmed)) {
        this.pending = text;
        return pieces;
      } else if (this.state === 'before') {
        this.state = 'answer';
      }
      this.isStartSettled = true;
    }

    if (this.state === 'thinking') {
      const close = text.indexOf(CLOSE_TAG);
      if (close === -1) {
        const held = partialTagLength(text, CLOSE_TAG);
        this.pending = text.slice(text.length - held);
        const thinking = text.slice(0, text.length - held);
        if (thinking !== '') pieces.push({ kind: 'reasoning', text: thinking });
        return pieces;
      }
      const thinking = text.slice(0, close);
      if (thinking !== '') pieces.push({ kind: 'reasoning', text: thinking });
      text = text.slice(close + CLOSE_TAG.length);
      this.state = 'answer';
    }

    if (text !== '') pieces.push({ kind: 'text', text });
    return pieces;
  }

  /** Releases whatever is held at the end of the stream, in the block it was in. */
  flush(): SplitPiece[] {
    const text = this.pending;
    this.pending = '';
    if (text === '') return [];
    if (this.state === 'thinking') return [{ kind: 'reasoning', text }];
    if (this.state === 'before' && text.trim() === '') return [];
    return [{ kind: 'text', text }];
  }

  /** Whether the splitter is currently inside a thinking block. */
  get isThinking(): boolean {
    return this.state === 'thinking';
  }
}
