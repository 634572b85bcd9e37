import type { KaTeXRequest, KaTeXResponse } from '../workers/katex-worker';

/** Rendered HTML by formula key: the growing block re-renders each frame, its math need not. */
const rendered = new Map<string, string>();
const renderedLimit = 2000;
/** Elements waiting for their formula, in the order they were shown, with their formula's key. */
const waiting = new Map<HTMLElement, string>();
/** Formulas asked of the worker and not yet back. */
const requested = new Set<string>();
/** Formulas to ask for in the next message, gathered over one task (one React commit). */
let toRequest: KaTeXRequest['formulas'] = [];
let worker: Worker | undefined;
let frame: number | undefined;
/**
 * How long one frame may spend putting rendered formulas into the page. The browser then styles and
 * lays out what was inserted, which costs about as much again: a long answer's formulas appear a few
 * per frame instead of all at once, and no frame comes near 50 ms.
 */
const frameBudgetMs = 4;

/** The cache key of a formula: `D` or `I` (display or inline), then its TeX. */
export const mathKey = (tex: string, display: boolean): string => `${display ? 'D' : 'I'}${tex}`;

/**
 * The worker that renders formulas with KaTeX, started the first time an answer holds math: neither
 * KaTeX nor its worker is in the initial bundle. KaTeX's stylesheet ships with the page instead (see
 * `markdown.tsx`). When the worker cannot start (offline, a stale deployment), math stays as its TeX
 * source, and later math tries again.
 */
function startWorker(): Worker {
  const started = new Worker(new URL('../workers/katex-worker.ts', import.meta.url), {
    type: 'module',
    name: 'katex',
  });
  started.onmessage = ({ data }: MessageEvent<KaTeXResponse>) => {
    for (const { key, html } of data.rendered) {
      rendered.set(key, html);
      requested.delete(key);
    }
    while (rendered.size > renderedLimit) rendered.delete(rendered.keys().next().value as string);
    schedule();
  };
  started.onerror = (event) => {
    event.preventDefault();
    started.terminate();
    if (worker === started) worker = undefined;
    requested.clear();
  };
  return started;
}

/** Sends the formulas gathered in this task to the worker, in one message. */
function sendRequests(): void {
  const formulas = toRequest;
  toRequest = [];
  if (formulas.length === 0) return;
  worker ??= startWorker();
  worker.postMessage({ formulas } satisfies KaTeXRequest);
}

function request(key: string): void {
  if (requested.has(key)) return;
  requested.add(key);
  if (toRequest.length === 0) queueMicrotask(sendRequests);
  toRequest.push({ key, tex: key.slice(1), display: key[0] === 'D' });
}

/**
 * One slice per frame, in a task of its own: inside the animation-frame callback it would add its time
 * to the frame's style and layout, one task; after it, the browser paints between slices.
 */
function schedule(): void {
  if (frame !== undefined || waiting.size === 0) return;
  frame = requestAnimationFrame(() => setTimeout(insertFrame, 0));
}

/**
 * Puts rendered formulas into their waiting elements for at most `frameBudgetMs`, then leaves the rest
 * to the next frame. Inserting outside React means no re-render and no commit per formula.
 */
function insertFrame(): void {
  frame = undefined;
  const started = performance.now();
  let isOverBudget = false;
  let hasReady = false;
  for (const [element, key] of waiting) {
    // Gone from the page (the answer moved on, or was cleared): nothing to do.
    if (!element.isConnected) {
      waiting.delete(element);
      continue;
    }
    const html = rendered.get(key);
    if (html === undefined) continue;
    if (isOverBudget) {
      hasReady = true;
      break;
    }
    waiting.delete(element);
    showFormula(element, html);
    isOverBudget = performance.now() - started > frameBudgetMs;
  }
  if (hasReady) schedule();
}

function showFormula(element: HTMLElement, html: string): void {
  element.classList.remove('math-source');
  // KaTeX's own output (see the worker's `render`): no HTML written by the model ever reaches the page.
  element.innerHTML = html;
}

function showSource(element: HTMLElement, key: string): void {
  const code = document.createElement('code');
  code.textContent = key[0] === 'D' ? `\\[${key.slice(1)}\\]` : `\\(${key.slice(1)}\\)`;
  element.classList.add('math-source');
  element.replaceChildren(code);
}

/**
 * Shows formula `key` in `element`, which React leaves childless: at once if it is already rendered,
 * otherwise its TeX source until the KaTeX worker has rendered it and a later frame puts it in.
 * Returns the function that forgets the element.
 */
export function showMath(element: HTMLElement, key: string): () => void {
  const html = rendered.get(key);
  if (html !== undefined) {
    showFormula(element, html);
    return () => {};
  }
  showSource(element, key);
  waiting.set(element, key);
  request(key);
  return () => waiting.delete(element);
}
