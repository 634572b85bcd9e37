export type { ChunkObject, CompletionIdentity } from './chunks';
export { buildCompletion, buildStreamChunks, chunkText, defaultUsage } from './chunks';
export type {
  ReasoningDialect,
  ReplayScenario,
  Scenario,
  SilenceScenario,
  SlowHeadersScenario,
  StatusScenario,
  StreamFault,
  StreamScenario,
} from './scenario';
export { isScenario } from './scenario';
export type { MockUpstream, MockUpstreamOptions, ModelsAnswer, ReceivedRequest } from './server';
export { startMockUpstream } from './server';
export { mulberry32, splitAtOffsets, splitAtRandomBoundaries } from './split';
