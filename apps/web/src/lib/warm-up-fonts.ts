import { whenIdle } from './when-idle';

/**
 * Lays out, once and out of sight, a sample of every face the answer uses (headings, bold, italic,
 * code, a table, Chinese), so that the browser has found those fonts before the first answer. Finding a
 * font happens during layout, and on Linux Chromium asks the browser process for each one: on a busy
 * machine the first answer frame waited for that long enough to become a long task (docs/performance.md).
 */
export function warmUpAnswerFonts(): void {
  whenIdle(() => {
    const sample = document.createElement('div');
    sample.className = 'answer-text markdown';
    sample.setAttribute('aria-hidden', 'true');
    Object.assign(sample.style, {
      position: 'absolute',
      top: '0',
      left: '0',
      width: '20em',
      visibility: 'hidden',
      pointerEvents: 'none',
    });
    const body = document.createElement('div');
    // The answer's own blocks skip layout while out of view (`content-visibility`); this one must not.
    body.style.contentVisibility = 'visible';
    const add = (tag: string, text: string, parent: HTMLElement = body) => {
      const element = document.createElement(tag);
      element.textContent = text;
      parent.append(element);
      return element;
    };
    for (const tag of ['h1', 'h2', 'h3', 'strong', 'em', 'code', 'p']) add(tag, 'Row 3: 3 + 7 = 10 答案是。');
    add('code', 'def third(a, b):', add('pre', ''));
    add('td', '10', add('tr', '', add('table', '')));
    sample.append(body);
    document.body.append(sample);
    // Reading the layout makes the browser find the fonts now; the sample then goes.
    sample.getBoundingClientRect();
    sample.remove();
  });
}
