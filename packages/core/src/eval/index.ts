export * from './accuracy-charts';
export type { EvalChartSeries } from './chart-series';
export { type ConfidenceInterval, clusteredInterval, wilsonInterval } from './confidence-intervals';
export type { EvalChartOptions } from './draw-chart';
export * from './prompt';
export * from './record';
export * from './score';
export * from './summarize-eval';
export * from './summary-tables';
