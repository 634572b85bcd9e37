export * from './api-process';
export * from './build-web';
export * from './cutting-proxy';
export * from './photo';
export * from './psnr';
export * from './redis-server';
export * from './system-tools';
