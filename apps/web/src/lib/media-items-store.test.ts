import { planImage, SeerError } from '@seer/core';
import { describe, expect, test, vi } from 'vitest';
import type { PreprocessedMedia } from '../api/seer-api';
import { MediaItemsStore, type MediaModel, type MediaTools } from './media-items-store';
import type { Size } from './resize-steps';

const qvqMax: MediaModel = { id: 'qvq-max', family: 'qwen2.5-vl', provider: 'dashscope' };
const qwen3: MediaModel = { id: 'qwen3-vl-plus', family: 'qwen3-vl', provider: 'dashscope' };

const jpegBytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const mp4Bytes = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom'), 0, 0, 0, 0]);
const photo = (name: string) => new File([jpegBytes], name, { type: 'image/jpeg' });
const clip = (name: string) => new File([mp4Bytes], name, { type: 'video/mp4' });

/** What the server answers for a video sampled for `model`: frames whose size tells the model apart. */
function sampledFor(model: string | undefined): PreprocessedMedia {
  const width = model === qwen3.id ? 640 : 644;
  return {
    index: 0,
    type: 'video',
    width,
    height: 476,
    tokens: 3910,
    bytes: 1000,
    durationSeconds: 10,
    frames: [{ index: 0, timestamp: 0 }],
    urls: [`data:image/jpeg;base64,${width}`],
  };
}

/** Tools that decode every photo as 3024×4032 (or as `sizes` says), and draw without a canvas. */
function fakeTools(sizes = new Map<Blob, Size>()) {
  const closed: string[] = [];
  const tools = {
    decodeImage: vi.fn(async (file: Blob) => {
      const { width, height } = sizes.get(file) ?? { width: 3024, height: 4032 };
      const name = file instanceof File ? file.name : 'blob';
      return { width, height, close: () => closed.push(name) } as unknown as ImageBitmap;
    }),
    renderImage: vi.fn(async (_image: ImageBitmap, target: Size) => ({
      blob: new Blob([`${target.width}x${target.height}`]),
      type: 'image/jpeg' as const,
      width: target.width,
      height: target.height,
    })),
    preprocessImage: vi.fn(
      async (): Promise<PreprocessedMedia> => ({
        index: 0,
        type: 'image',
        width: 1000,
        height: 800,
        tokens: 1000,
        bytes: 1000,
        originalWidth: 2000,
        originalHeight: 1600,
        urls: ['data:image/jpeg;base64,AA'],
      }),
    ),
    sampleVideo: vi.fn(async (_file: File, model: string | undefined, _signal: AbortSignal) =>
      sampledFor(model),
    ),
    createObjectURL: vi.fn((_blob: Blob) => 'blob:preview'),
    revokeObjectURL: vi.fn((_url: string) => {}),
  } satisfies MediaTools;
  return { tools, closed };
}

/** Lets the store's follow-up work (planning again after a change) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MediaItemsStore', () => {
  test('reads a photo: its size, a preview, and its resized form for the model', async () => {
    const { tools, closed } = fakeTools();
    const store = new MediaItemsStore(tools);
    store.setModel(qvqMax);
    await store.add([photo('IMG_0001.jpg')]);
    const [item] = store.getSnapshot().items;
    const plan = planImage({ width: 3024, height: 4032 }, qvqMax);
    expect(item).toMatchObject({
      kind: 'image',
      name: 'IMG_0001.jpg',
      type: 'image/jpeg',
      status: 'ready',
      source: { width: 3024, height: 4032 },
      previewURL: 'blob:preview',
      rendered: { width: plan.width, height: plan.height },
    });
    expect(tools.decodeImage).toHaveBeenCalledTimes(1);
    expect(closed).toEqual(['IMG_0001.jpg']);
  });

  test('tells its subscribers of each change, and keeps its snapshot until the next', async () => {
    const { tools } = fakeTools();
    const store = new MediaItemsStore(tools);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const before = store.getSnapshot();
    expect(store.getSnapshot()).toBe(before);
    await store.add([photo('a.jpg')]);
    expect(listener).toHaveBeenCalled();
    expect(store.getSnapshot()).not.toBe(before);
    unsubscribe();
    listener.mockClear();
    store.remove(store.getSnapshot().items[0]!.id);
    expect(listener).not.toHaveBeenCalled();
    expect(store.getSnapshot().items).toEqual([]);
  });

  test('leaves out files that are neither images nor videos, and says so', async () => {
    const { tools } = fakeTools();
    const store = new MediaItemsStore(tools);
    await store.add([new File(['hello'], 'notes.txt', { type: 'text/plain' }), photo('a.jpg')]);
    expect(store.getSnapshot().items.map((item) => item.name)).toEqual(['a.jpg']);
    expect(store.getSnapshot().notice).toBe('notes.txt: not an image or a video, so it was not added.');
  });

  test('has the server measure a photo the browser cannot decode, and uploads it as it is', async () => {
    const { tools } = fakeTools();
    tools.decodeImage.mockRejectedValue(new Error('unsupported'));
    const store = new MediaItemsStore(tools);
    store.setModel(qvqMax);
    const scan = photo('scan.tiff');
    await store.add([scan]);
    expect(tools.preprocessImage).toHaveBeenCalledWith(scan, 'qvq-max');
    expect(store.getSnapshot().items[0]).toMatchObject({
      status: 'ready',
      source: { width: 2000, height: 1600 },
      previewURL: 'data:image/jpeg;base64,AA',
      isPreparedByServer: true,
    });
    expect(await store.prepareUploads(qvqMax)).toEqual([{ kind: 'image', file: scan }]);
  });

  test('removes a photo nobody can read, and says why', async () => {
    const { tools } = fakeTools();
    tools.decodeImage.mockRejectedValue(new Error('unsupported'));
    tools.preprocessImage.mockRejectedValue(
      new SeerError({ code: 'unreadable_media', message: 'it is not an image Seer can read.', status: 422 }),
    );
    const store = new MediaItemsStore(tools);
    await store.add([photo('broken.jpg')]);
    expect(store.getSnapshot().items).toEqual([]);
    expect(store.getSnapshot().notice).toBe('broken.jpg: it is not an image Seer can read.');
  });

  test('decodes one photo at a time', async () => {
    const { tools } = fakeTools();
    let finishFirst = () => {};
    tools.decodeImage.mockImplementationOnce(
      (file) =>
        new Promise((resolve) => {
          finishFirst = () =>
            resolve({ width: 100, height: 100, close: () => {}, name: (file as File).name } as never);
        }),
    );
    const store = new MediaItemsStore(tools);
    const adding = store.add([photo('first.jpg'), photo('second.jpg')]);
    await settle();
    expect(tools.decodeImage).toHaveBeenCalledTimes(1);
    finishFirst();
    await adding;
    expect(tools.decodeImage).toHaveBeenCalledTimes(2);
    expect(store.getSnapshot().items.map((item) => item.status)).toEqual(['ready', 'ready']);
  });

  test('resizes again for another model, and keeps the sizes made before', async () => {
    const { tools } = fakeTools();
    const store = new MediaItemsStore(tools);
    store.setModel(qvqMax);
    await store.add([photo('a.jpg')]);
    const source = { width: 3024, height: 4032 };
    const forQwen3 = planImage(source, qwen3);
    expect(forQwen3.width).not.toBe(planImage(source, qvqMax).width);
    store.setModel(qwen3);
    await vi.waitFor(() => expect(store.getSnapshot().items[0]?.rendered?.width).toBe(forQwen3.width));
    const renders = tools.renderImage.mock.calls.length;
    store.setModel(qvqMax);
    await settle();
    expect(tools.renderImage.mock.calls.length).toBe(renders);
  });

  test('uploads each photo resized for the model asked, named for what is sent, and videos as they are', async () => {
    const { tools } = fakeTools();
    const store = new MediaItemsStore(tools);
    store.setModel(qvqMax);
    const video = clip('clip.mp4');
    await store.add([photo('IMG_0001.HEIC'), video]);
    const uploads = await store.prepareUploads(qwen3);
    const plan = planImage({ width: 3024, height: 4032 }, qwen3);
    expect(uploads.map(({ kind, file }) => [kind, file.name, file.type])).toEqual([
      ['image', 'IMG_0001.jpg', 'image/jpeg'],
      ['video', 'clip.mp4', 'video/mp4'],
    ]);
    expect(await uploads[0]!.file.text()).toBe(`${plan.width}x${plan.height}`);
    expect(uploads[1]!.file).toBe(video);
  });

  test('has the server sample a video for each model once, and shows the frames for the one chosen', async () => {
    const { tools } = fakeTools();
    const store = new MediaItemsStore(tools);
    store.setModel(qvqMax);
    await store.add([clip('clip.mp4')]);
    expect(store.getSnapshot().items[0]).toMatchObject({
      kind: 'video',
      status: 'ready',
      video: { model: 'qvq-max', width: 644 },
      previewURL: 'data:image/jpeg;base64,644',
    });
    store.setModel(qwen3);
    await vi.waitFor(() => expect(store.getSnapshot().items[0]?.video?.model).toBe('qwen3-vl-plus'));
    store.setModel(qvqMax);
    expect(store.getSnapshot().items[0]?.video?.width).toBe(644);
    expect(tools.sampleVideo.mock.calls.map(([, model]) => model)).toEqual(['qvq-max', 'qwen3-vl-plus']);
  });

  test("removes a video the server refuses, and shows the server's reason", async () => {
    const { tools } = fakeTools();
    tools.sampleVideo.mockRejectedValue(
      new SeerError({ code: 'unsupported_media', message: 'it has no video stream.', status: 415 }),
    );
    const store = new MediaItemsStore(tools);
    await store.add([clip('song.m4a')]);
    expect(store.getSnapshot().items).toEqual([]);
    expect(store.getSnapshot().refusal).toBe('song.m4a: it has no video stream.');
    await store.add([photo('a.jpg')]);
    expect(store.getSnapshot().refusal).toBeUndefined();
  });

  test('removing or letting go stops the sampling and frees the previews', async () => {
    const { tools } = fakeTools();
    const signals: AbortSignal[] = [];
    tools.sampleVideo.mockImplementation((_file, _model, signal) => {
      signals.push(signal);
      return new Promise(() => {});
    });
    const store = new MediaItemsStore(tools);
    store.setModel(qvqMax);
    void store.add([clip('one.mp4'), clip('two.mp4'), photo('a.jpg')]);
    await vi.waitFor(() => expect(store.getSnapshot().items[2]?.status).toBe('ready'));
    const [one] = store.getSnapshot().items;
    store.remove(one!.id);
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
    store.dispose();
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
    expect(tools.revokeObjectURL).toHaveBeenCalledWith('blob:preview');
  });
});
