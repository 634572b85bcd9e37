import katex from 'katex';

/** Formulas to render, sent by `showMath` (lib/markdown-katex.ts). */
export interface KaTeXRequest {
  formulas: { key: string; tex: string; display: boolean }[];
}

/** Rendered formulas by key: KaTeX's HTML. */
export interface KaTeXResponse {
  rendered: { key: string; html: string }[];
}

/** How long the worker renders before it sends what it has, so that a long batch shows progressively. */
const sendEveryMs = 16;

/**
 * KaTeX's HTML for TeX. KaTeX escapes the TeX and, with `trust: false`, emits no links, images or
 * styles taken from it; errors render as red source text instead of throwing.
 */
function render(tex: string, display: boolean): string {
  return katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    output: 'htmlAndMathml',
    maxExpand: 1000,
    maxSize: 20,
  });
}

// KaTeX's rendering is pure string work: here it costs the page's main thread nothing, not even the
// 20 ms or more of compiling KaTeX's code on a slow machine when the first formula arrives.
self.onmessage = ({ data }: MessageEvent<KaTeXRequest>) => {
  let rendered: KaTeXResponse['rendered'] = [];
  let sentAt = performance.now();
  for (const { key, tex, display } of data.formulas) {
    rendered.push({ key, html: render(tex, display) });
    if (performance.now() - sentAt > sendEveryMs) {
      self.postMessage({ rendered } satisfies KaTeXResponse);
      rendered = [];
      sentAt = performance.now();
    }
  }
  if (rendered.length > 0) self.postMessage({ rendered } satisfies KaTeXResponse);
};
