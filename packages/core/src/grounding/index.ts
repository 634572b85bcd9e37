export * from './coordinate-system';
export * from './ground-answer';
export * from './place-regions';
export * from './read-marks';
export * from './region-colour';
