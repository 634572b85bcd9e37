import type { ModelStreamEvent } from '@seer/core';
import type { StartedAnalysis } from '@seer/core/node';
import type { CommandContext } from '../command-context';
import { createStyle, DIM_OFF, DIM_ON, type Spinner, type Style, startSpinner } from '../terminal';
import { describeBudget, describeMedia, describeRegions, describeUsage } from './describe-analysis';

/**
 * Writes an analysis to a terminal as it comes: a heading, the thinking (dimmed on a terminal), then
 * the answer, then a footer with the token counts and times. A spinner waits on stderr until the
 * model's first words.
 */
export class TerminalRenderer {
  private readonly style: Style;
  private isAtLineStart = true;
  private section: 'none' | 'reasoning' | 'text' = 'none';
  /** Whatever is written next to stdout stops it first. */
  private spinner: Spinner | undefined;

  constructor(private readonly context: CommandContext) {
    this.style = createStyle(context.terminal.isStdoutTTY && !context.terminal.hasNoColor);
  }

  private write(text: string): void {
    if (text === '') return;
    this.spinner?.stop();
    this.context.stdout.write(text);
    this.isAtLineStart = text.endsWith('\n');
  }

  private endLine(): void {
    if (!this.isAtLineStart) this.write('\n');
  }

  private openSection(section: 'reasoning' | 'text'): void {
    if (this.section === section) return;
    this.endLine();
    if (this.section !== 'none') this.write('\n');
    this.write(`${this.style.bold(section === 'reasoning' ? 'Thinking' : 'Answer')}\n`);
    this.section = section;
  }

  /** Writes the heading (model, task and media) and waits for the model with a spinner. */
  start(started: StartedAnalysis): void {
    this.heading(`${started.model} · ${started.template} · ${describeMedia(started.media)}`);
    this.spinner = startSpinner(
      this.context.stderr,
      `Waiting for ${started.model}…`,
      this.context.terminal.isStderrTTY,
    );
  }

  /** Writes a heading line (dimmed on a terminal) and the blank line under it. */
  heading(line: string): void {
    this.write(`${this.style.dim(line)}\n\n`);
  }

  /** Writes what one event adds: thinking, answer, or the footer of `finish`. */
  show(event: ModelStreamEvent): void {
    if (event.type === 'reasoning-delta') this.reasoning(event.text);
    else if (event.type === 'text-delta') this.answer(event.text);
    else if (event.type === 'finish') {
      const budget = event.budget ? ` · ${describeBudget(event.budget)}` : '';
      const regions = describeRegions(event.result);
      this.footer(
        `${describeUsage(event.usage, event.timing)}${budget}${regions ? ` · ${regions}` : ''} · ${event.finishReason}`,
      );
    }
  }

  private reasoning(text: string): void {
    this.openSection('reasoning');
    // Each piece is closed on its own, so an interrupted run never leaves the terminal faint.
    this.write(this.style.isEnabled ? `${DIM_ON}${text}${DIM_OFF}` : text);
  }

  private answer(text: string): void {
    this.openSection('text');
    this.write(text);
  }

  private footer(line: string): void {
    this.endLine();
    this.write(`\n${this.style.dim(line)}\n`);
  }

  /** Stops the spinner and ends the last line. */
  close(): void {
    this.spinner?.stop();
    this.endLine();
  }
}
