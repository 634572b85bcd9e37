/** What a `LiveText` tells its views: text to append, or `null` when it was cleared. */
export type LiveTextListener = (appended: string | null) => void;

/**
 * An append-only text that streams into the page without going through React state. Deltas are
 * collected and handed to views at most once per animation frame, and views append them to a DOM text
 * node, so a 100,000-character thinking stream costs one small DOM update per frame instead of a
 * re-render of the whole text per delta.
 *
 * @example
 * const thinking = new LiveText();
 * thinking.append('The third number is ');
 * thinking.value; // 'The third number is '
 */
export class LiveText {
  #text = '';
  #pending = '';
  #frame: number | undefined;
  #task: ReturnType<typeof setTimeout> | undefined;
  readonly #listeners = new Set<LiveTextListener>();

  /** Everything appended since the last `clear()`, including what views have not shown yet. */
  get value(): string {
    return this.#text;
  }

  /** Adds text at the end; views see it just after the next animation frame. */
  append(text: string): void {
    if (text === '') return;
    this.#text += text;
    this.#pending += text;
    // Once per frame, in a task of its own right after it: the views' work (appending text, lexing the
    // growing Markdown block) then never adds to the frame's style and layout in one long task.
    this.#frame ??= requestAnimationFrame(() => {
      this.#task = setTimeout(() => this.flush(), 0);
    });
  }

  #cancel(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    clearTimeout(this.#task);
    this.#frame = undefined;
    this.#task = undefined;
  }

  /** Hands pending text to the views now (e.g. when the stream ends). */
  flush(): void {
    this.#cancel();
    if (this.#pending === '') return;
    const appended = this.#pending;
    this.#pending = '';
    for (const listener of this.#listeners) listener(appended);
  }

  /** Empties the text and the views. */
  clear(): void {
    this.#cancel();
    this.#text = '';
    this.#pending = '';
    for (const listener of this.#listeners) listener(null);
  }

  /**
   * Registers a view. It receives only what is handed out from now on, so it should start from
   * `shownValue`. Returns the function that unregisters it.
   */
  subscribe(listener: LiveTextListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The part of `value` that views have not been given yet. */
  get shownValue(): string {
    return this.#text.slice(0, this.#text.length - this.#pending.length);
  }
}
