/** A piece of model output, sorted into thinking or answer. */
export interface SplitPiece {
  kind: 'reasoning' | 'text';
  text: string;
}

/** How a model writes inline `<think>` tags in its content. */
export type ThinkTagMode =
  /** Look for `<think>` at the start of the content; content without it is all answer. */
  | 'auto'
  /**
   * The chat template already wrote `<think>` (Qwen3-VL-Thinking on vLLM without a reasoning parser):
   * the content starts inside the thinking, which `</think>` closes. A content that never closes it is
   * an answer if the model stopped by itself, and thinking if it was cut; a thought that arrives in its
   * own field (`reasoning_content`, `reasoning`) makes the content an answer. See {@link ThinkTagSplitter}.
   */
  | 'implicit'
  /** Never look for tags: all content is answer. */
  | 'off';

/**
 * How the stream ended, which decides what an implicit thought never closed by `</think>` was: the model
 * `stopped` by itself (it was an answer), or it was `cut` by a length limit, a filter or a broken stream
 * (it was thinking).
 */
export type StreamEnding = 'stopped' | 'cut';

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
 * In `implicit` mode the content starts inside a thought the chat template opened, and is given as
 * thinking while it streams, so that a long thought shows live. Until `</think>` arrives that is a
 * presumption, settled at the end: a model that stopped by itself without ever closing the thought
 * wrote an answer, and {@link flush} gives the whole content again as answer text (after the thinking
 * it was shown as, which cannot be taken back); a model cut by a length limit was still thinking. A
 * thought that arrives in its own field ({@link markReasoningSeparate}) means the server parses the
 * thinking out itself: the content is then read as in `auto` mode.
 *
 * @example
 * const splitter = new ThinkTagSplitter('auto');
 * splitter.push('<thi'); // []
 * splitter.push('nk>Hm</think>Yes'); // [{kind:'reasoning',text:'Hm'},{kind:'text',text:'Yes'}]
 *
 * const implicit = new ThinkTagSplitter('implicit');
 * implicit.push('Hm</thi'); // [{kind:'reasoning',text:'Hm'}]
 * implicit.push('nk>Yes'); // [{kind:'text',text:'Yes'}]
 */
export class ThinkTagSplitter {
  private state: 'before' | 'thinking' | 'answer';
  private pending = '';
  private isStartSettled: boolean;
  /** The thought was opened by the chat template, not by a tag in the content, and is not closed yet. */
  private isThoughtImplied: boolean;
  /** What was given as thinking while {@link isThoughtImplied}, to give again if it turns out an answer. */
  private impliedThought = '';

  constructor(mode: ThinkTagMode = 'auto') {
    this.state = mode === 'off' ? 'answer' : mode === 'implicit' ? 'thinking' : 'before';
    this.isStartSettled = mode === 'off';
    this.isThoughtImplied = mode === 'implicit';
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
        this.isThoughtImplied = false;
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
        this.giveThinking(text.slice(0, text.length - held), pieces);
        return pieces;
      }
      this.giveThinking(text.slice(0, close), pieces);
      text = text.slice(close + CLOSE_TAG.length);
      this.state = 'answer';
      this.isThoughtImplied = false;
      this.impliedThought = '';
    }

    if (text !== '') pieces.push({ kind: 'text', text });
    return pieces;
  }

  /**
   * The server sent thinking in a field of its own (`reasoning_content`, `reasoning`): it parses the
   * thought out of the output, so an implied thought not yet closed is no thought, and the content is
   * answer (or, if it has not started, read as in `auto` mode). What was already given as thinking
   * stays so. Does nothing in other modes, or once the content opened or closed a thought itself.
   */
  markReasoningSeparate(): void {
    if (!this.isThoughtImplied || this.state !== 'thinking') return;
    this.isThoughtImplied = false;
    this.impliedThought = '';
    this.state = this.isStartSettled ? 'answer' : 'before';
  }

  /**
   * Releases whatever is held at the end of the stream, in the block it was in; `ending` settles an
   * implied thought never closed by `</think>`: `stopped` gives all of it again as answer, `cut` leaves it
   * thinking. Content that was only white space gives nothing.
   */
  flush(ending: StreamEnding): SplitPiece[] {
    const text = this.pending;
    const implied = this.impliedThought;
    this.pending = '';
    this.impliedThought = '';
    if (!this.isStartSettled && text.trim() === '') return [];
    if (this.state === 'thinking' && this.isThoughtImplied && ending === 'stopped') {
      this.state = 'answer';
      this.isThoughtImplied = false;
      const answer = implied + text;
      return answer === '' ? [] : [{ kind: 'text', text: answer }];
    }
    if (text === '') return [];
    if (this.state === 'thinking') return [{ kind: 'reasoning', text }];
    return [{ kind: 'text', text }];
  }

  /** Gives `text` as thinking, and keeps it while the thought is only implied. */
  private giveThinking(text: string, pieces: SplitPiece[]): void {
    if (text === '') return;
    if (this.isThoughtImplied) this.impliedThought += text;
    pieces.push({ kind: 'reasoning', text });
  }
}
