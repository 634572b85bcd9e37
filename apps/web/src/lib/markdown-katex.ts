/** What the playground uses of KaTeX. */
type KaTeX = typeof import('katex').default;

let katex: KaTeX | undefined;
let isLoading = false;
/** Rendered HTML by display flag and TeX: the growing block re-renders each frame, its math need not. */
const rendered = new Map<string, string>();
const renderedLimit = 2000;
/** Elements waiting for their formula, in the order they were shown, with their formula's key. */
const waiting = new Map<HTMLElement, string>();
let frame: number | undefined;
/**
 * How long one frame may spend rendering and inserting formulas. The browser then styles and lays out
 * what was inserted in the same frame, which costs about as much again: a long answer's formulas
 * arrive a few per frame instead of all at once, and no frame becomes a long task.
 */
const frameBudgetMs = 2;

/** The cache key of a formula: `D` or `I` (display or inline), then its TeX. */
export const mathKey = (tex: string, display: boolean): string => `${display ? 'D' : 'I'}${tex}`;

/**
 * Loads KaTeX, once, the first time an answer holds math; the initial bundle never includes it. Its
 * stylesheet ships with the page instead (see `markdown.tsx`).
 */
function loadKaTeX(): void {
  if (isLoading) return;
  isLoading = true;
  import('katex')
    .then((module) => {
      // A first few formulas, each in a task of its own, get KaTeX's code compiled (slow on a slow
      // machine), which would otherwise land in the first frame's slice.
      const warmUps = ['x^2', '\\frac{a}{b} + c_{0}', '\\boxed{10}'];
      const warmUp = () => {
        const tex = warmUps.shift();
        if (tex !== undefined) {
          renderNow(module.default, tex, false);
          setTimeout(warmUp, 0);
          return;
        }
        katex = module.default;
        schedule();
      };
      setTimeout(warmUp, 0);
    })
    .catch(() => {
      // Offline or a stale deployment: math stays as its TeX source, and later math tries again.
      isLoading = false;
    });
}

/**
 * One slice per frame, in a task of its own: inside the animation-frame callback it would add its time
 * to the frame's style and layout, one task; after it, the browser paints between slices.
 */
function schedule(): void {
  if (frame !== undefined || !katex || waiting.size === 0) return;
  frame = requestAnimationFrame(() => setTimeout(renderFrame, 0));
}

/**
 * Renders waiting formulas and puts them in their elements for at most `frameBudgetMs`, then leaves
 * the rest to the next frame. Inserting outside React means no re-render and no commit per formula.
 */
function renderFrame(): void {
  frame = undefined;
  if (!katex) return;
  const started = performance.now();
  for (const [element, key] of waiting) {
    waiting.delete(element);
    // Gone from the page (the answer moved on, or was cleared): nothing to do.
    if (!element.isConnected) continue;
    let html = rendered.get(key);
    if (html === undefined) {
      html = renderNow(katex, key.slice(1), key[0] === 'D');
      rendered.set(key, html);
    }
    showFormula(element, html);
    if (performance.now() - started > frameBudgetMs) break;
  }
  while (rendered.size > renderedLimit) rendered.delete(rendered.keys().next().value as string);
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

function showFormula(element: HTMLElement, html: string): void {
  element.classList.remove('math-source');
  // KaTeX's own output (see `renderNow`): no HTML written by the model ever reaches the page.
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
 * otherwise its TeX source until KaTeX (loaded on first use) has rendered it in a later frame. Returns
 * the function that forgets the element.
 */
export function showMath(element: HTMLElement, key: string): () => void {
  const html = rendered.get(key);
  if (html !== undefined) {
    showFormula(element, html);
    return () => {};
  }
  showSource(element, key);
  waiting.set(element, key);
  if (katex) schedule();
  else loadKaTeX();
  return () => waiting.delete(element);
}
