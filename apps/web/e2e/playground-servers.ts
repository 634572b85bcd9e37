import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { type APIServer, type CuttingProxy, startAPIServer, startCuttingProxy } from '@seer/test-setup';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { openPlayground as openPage } from './playground-page';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy';

/** What a playground test file drives: the mock provider, the real API, Chromium, and a page opener. */
export interface PlaygroundServers {
  readonly mock: MockUpstream;
  readonly api: APIServer;
  /** Present with `recordUploads`: the page talks to the API through it. */
  readonly proxy: RecordingProxy | undefined;
  /** Present with `cutConnections`: the page talks to the API through it, and a test can drop them. */
  readonly cuttingProxy: CuttingProxy | undefined;
  readonly browser: Browser;
  /** Opens the playground in a fresh browser context, closed again after the test. */
  openPlayground(viewport?: { width: number; height: number }): ReturnType<typeof openPage>;
}

/**
 * Starts, around a test file, the mock provider, the real API in front of it with DashScope's presets
 * (QVQ-Max the default, Qwen3-VL with a native budget), and Chromium; with `recordUploads`, a recording
 * proxy between page and API so the test sees the exact bytes uploaded; with `cutConnections`, a TCP
 * proxy there whose connections the test can cut, as a dropped network does; `env` adds to the API's
 * environment. Each test's browser context is closed after it, and the mock's script and record are
 * cleared.
 */
export function usePlaygroundServers(
  options: { recordUploads?: boolean; cutConnections?: boolean; env?: Record<string, string> } = {},
): PlaygroundServers {
  let mock: MockUpstream | undefined;
  let api: APIServer | undefined;
  let proxy: RecordingProxy | undefined;
  let cuttingProxy: CuttingProxy | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    mock = await startMockUpstream();
    api = await startAPIServer({ DASHSCOPE_API_KEY: 'test', DASHSCOPE_BASE_URL: mock.url, ...options.env });
    if (options.recordUploads) proxy = await startRecordingProxy(api.url);
    if (options.cutConnections) cuttingProxy = await startCuttingProxy(api.url);
    browser = await launchChromium();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    mock?.reset();
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await cuttingProxy?.close();
    await api?.stop();
    await mock?.close();
  });

  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is started in beforeAll.`);
    return value;
  };
  return {
    get mock() {
      return started(mock, 'The mock upstream');
    },
    get api() {
      return started(api, 'The API');
    },
    get proxy() {
      return proxy;
    },
    get cuttingProxy() {
      return cuttingProxy;
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    async openPlayground(viewport) {
      const opened = await openPage(
        started(browser, 'Chromium'),
        (proxy ?? cuttingProxy ?? started(api, 'The API')).url,
        viewport,
      );
      context = opened.context;
      return opened;
    },
  };
}
