export * from './bundle-node-program';
