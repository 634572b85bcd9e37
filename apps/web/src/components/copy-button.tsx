import { useEffect, useState } from 'react';

/** Props of `CopyButton`. */
export interface CopyButtonProps {
  /** The text to copy, read when clicked (so a streaming answer is copied as it is then). */
  getText: () => string;
  label?: string;
  copiedLabel?: string;
  failedLabel?: string;
  disabled?: boolean;
}

/** How long the button says "Copied". */
const copiedMs = 2000;

/** A button that copies text to the clipboard and says "Copied" for a moment. */
export function CopyButton({
  getText,
  label = 'Copy',
  copiedLabel = 'Copied',
  failedLabel = 'Copy failed',
  disabled,
}: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), copiedMs);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    // `navigator.clipboard` exists only on secure origins (https, localhost).
    const written = navigator.clipboard
      ? navigator.clipboard.writeText(getText())
      : Promise.reject(new Error('No clipboard here.'));
    written.then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <button
      type="button"
      className="copy-button"
      onClick={copy}
      disabled={disabled}
      data-copied={state === 'copied' ? '' : undefined}
    >
      {state === 'copied' ? copiedLabel : state === 'failed' ? failedLabel : label}
    </button>
  );
}
