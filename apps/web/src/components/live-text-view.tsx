import { useLayoutEffect, useRef } from 'react';
import type { LiveText } from '../lib/live-text';

/** Props of `LiveTextView`. */
export interface LiveTextViewProps {
  text: LiveText;
  className?: string;
  /** Keeps the element scrolled to the end while text arrives, unless the reader scrolled up. */
  followsEnd?: boolean;
}

/**
 * Shows a `LiveText` as plain text (never HTML), appending each batch to one DOM text node so React
 * never re-renders the growing text.
 */
export function LiveTextView({ text, className, followsEnd = false }: LiveTextViewProps) {
  const elementRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const node = document.createTextNode(text.shownValue);
    element.replaceChildren(node);
    return text.subscribe((appended) => {
      if (appended === null) {
        node.data = '';
        return;
      }
      // Measured before appending: was the reader at the end?
      const isAtEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      node.appendData(appended);
      if (followsEnd && isAtEnd) element.scrollTop = element.scrollHeight;
    });
  }, [text, followsEnd]);

  return <div ref={elementRef} className={className} />;
}
