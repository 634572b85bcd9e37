/**
 * `@seer/core/node/eval`: running evaluations on Node (data sets, runs, reports, charts). Apart from the
 * rest of `@seer/core/node` because its scorer loads a computer-algebra library that other commands
 * should not pay for at start-up.
 */
export { EVAL_ANSWER_TOKENS } from './answer-eval-item';
export * from './eval-dataset';
export * from './eval-report';
export * from './eval-results';
export * from './eval-run-file';
export * from './plan-eval-cost';
export { DEFAULT_EVAL_TEMPLATE, type EvalOptions } from './prepare-eval';
export * from './render-chart';
export * from './rescore-eval';
export * from './run-eval';
