import { useLayoutEffect, useRef } from 'react';
import type { LiveText } from '../lib/live-text';

/** Props of `LiveTextView`. */
export interface LiveTextViewProps {
  text: LiveText;
  className?: string;
  /** Keeps the element scrolled to the end while text arrives, unless the reader scrolled up. */
  followsEnd?: boolean;
}

/** About how many characters one block holds before the next line break starts a new one. */
const blockSize = 2048;
/** A block without line breaks is split after a space once it is this long. */
const longParagraphSize = 8192;

/**
 * Shows a `LiveText` as plain text (never HTML), appending each batch to a DOM text node so React never
 * re-renders the growing text. Long texts are split into blocks after a line break, so that each frame
 * lays out only the last block rather than all of a 100,000-character thinking. The element gets
 * `data-empty` while there is no text.
 */
export function LiveTextView({ text, className, followsEnd = false }: LiveTextViewProps) {
  const elementRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    let node = document.createTextNode('');

    const startBlock = () => {
      const block = document.createElement('div');
      node = document.createTextNode('');
      block.append(node);
      element.append(block);
    };
    const write = (appended: string) => {
      let rest = appended;
      for (;;) {
        // A block ends after a line break, where a new block looks exactly the same in pre-wrap text.
        let breakAt = rest.indexOf('\n', Math.max(0, blockSize - node.length - 1));
        if (breakAt === -1 && node.length + rest.length > longParagraphSize) {
          // A paragraph this long is rare; one early wrap after a space keeps each frame short.
          breakAt = rest.indexOf(' ', Math.max(0, longParagraphSize - node.length - 1));
        }
        if (breakAt === -1) break;
        node.appendData(rest.slice(0, breakAt + 1));
        rest = rest.slice(breakAt + 1);
        startBlock();
      }
      node.appendData(rest);
      element.toggleAttribute('data-empty', text.shownValue === '');
    };
    const reset = () => {
      element.replaceChildren();
      startBlock();
      write(text.shownValue);
    };

    // Whether the reader is at the end, kept up to date by scrolling: reading it from the layout before
    // each append would force a layout of the whole text every frame.
    let isAtEnd = true;
    const onScroll = () => {
      isAtEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    };
    if (followsEnd) element.addEventListener('scroll', onScroll, { passive: true });

    reset();
    const unsubscribe = text.subscribe((appended) => {
      if (appended === null) {
        isAtEnd = true;
        return reset();
      }
      write(appended);
      if (followsEnd && isAtEnd) element.scrollTop = element.scrollHeight;
    });
    return () => {
      unsubscribe();
      element.removeEventListener('scroll', onScroll);
    };
  }, [text, followsEnd]);

  return <div ref={elementRef} className={className} />;
}
