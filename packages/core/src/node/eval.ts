/**
 * `@seer/core/node/eval`: running evaluations on Node (data sets, runs, reports, charts). Apart from the
 * rest of `@seer/core/node` because its scorer loads a computer-algebra library that other commands
 * should not pay for at start-up.
 */
export * from './eval-dataset';
export * from './eval-report';
export * from './eval-results';
export * from './eval-run-file';
export * from './generate-pattern-set';
export * from './render-chart';
export * from './run-eval';
