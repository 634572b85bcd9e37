/** What the playground uses of KaTeX. */
type KaTeX = typeof import('katex').default;

let katex: KaTeX | undefined;
let isLoading = false;
/** Rendered HTML by display flag and TeX: the growing block re-renders each frame, its math need not. */
const rendered = new Map<string, string>();
const renderedLimit = 2000;
/** Formulas waiting to be rendered, in the order they were asked for. */
const queue = new Set<string>();
const listeners = new Map<string, Set<() => void>>();
let isScheduled = false;
/** How long one task may spend rendering formulas before it yields to the browser. */
const sliceMs = 8;

/** The cache key of a formula: `D` or `I` (display or inline), then its TeX. */
export const mathKey = (tex: string, display: boolean): string => `${display ? 'D' : 'I'}${tex}`;

/**
 * Loads KaTeX and its stylesheet, once, the first time an answer holds math; the initial bundle never
 * includes them.
 */
function loadKaTeX(): void {
  if (isLoading) return;
  isLoading = true;
  Promise.all([import('katex'), import('katex/dist/katex.min.css')])
    .then(([module]) => {
      katex = module.default;
      schedule();
    })
    .catch(() => {
      // Offline or a stale deployment: math stays as its TeX source, and later math tries again.
      isLoading = false;
    });
}

function schedule(): void {
  if (isScheduled || !katex || queue.size === 0) return;
  isScheduled = true;
  setTimeout(renderSlice, 0);
}

/**
 * Renders queued formulas for at most `sliceMs`, then yields: a long answer's hundred formulas (all of
 * them at once when KaTeX arrives) never hold the main thread for long.
 */
function renderSlice(): void {
  isScheduled = false;
  if (!katex) return;
  const started = performance.now();
  const done: string[] = [];
  for (const key of queue) {
    queue.delete(key);
    // Nobody shows it any more (the answer moved on): skip.
    if (!listeners.has(key)) continue;
    rendered.set(key, renderNow(katex, key.slice(1), key[0] === 'D'));
    done.push(key);
    if (performance.now() - started > sliceMs) break;
  }
  while (rendered.size > renderedLimit) rendered.delete(rendered.keys().next().value as string);
  for (const key of done) for (const listener of listeners.get(key) ?? []) listener();
  schedule();
}

/**
 * KaTeX's HTML for TeX. KaTeX escapes the TeX and, with `trust: false`, emits no links, images or
 * styles taken from it; errors render as red source text instead of throwing.
 */
function renderNow(library: KaTeX, tex: string, display: boolean): string {
  return library.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    output: 'htmlAndMathml',
    maxExpand: 1000,
    maxSize: 20,
  });
}

/**
 * For `useSyncExternalStore`: calls `listener` once the formula `key` is rendered, asking for it (and
 * for KaTeX) if needed.
 */
export function subscribeMath(key: string, listener: () => void): () => void {
  const set = listeners.get(key) ?? new Set();
  listeners.set(key, set);
  set.add(listener);
  if (!rendered.has(key)) {
    queue.add(key);
    if (katex) schedule();
    else loadKaTeX();
  }
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(key);
  };
}

/** The formula's HTML once rendered, else `undefined` (a `useSyncExternalStore` snapshot). */
export const renderedMath = (key: string): string | undefined => rendered.get(key);
