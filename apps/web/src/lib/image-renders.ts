import type { RenderedImage, RenderImageOptions } from './render-image';
import type { Size } from './resize-steps';
import type { SniffedImageType } from './sniff-image';
import { isLosslessType } from './sniff-image';

/** Decoding and drawing images, as the browser does them (handed in, so that tests need no browser). */
export interface ImageTools {
  /** Decodes an image file upright; rejects when the browser cannot read it. */
  decodeImage: (file: Blob, type: SniffedImageType | undefined) => Promise<ImageBitmap>;
  /** Draws a decoded image at exactly `target` pixels and encodes it. */
  renderImage: (image: ImageBitmap, target: Size, options: RenderImageOptions) => Promise<RenderedImage>;
}

/** An image file to resize: the media item's id, its file and its format. */
export interface ImageSource {
  id: string;
  file: Blob;
  type: SniffedImageType | undefined;
}

/**
 * The file of an image for a renderer to decode again, where the browser decodes it itself: not HEIF,
 * which most browsers leave to `heic-decode`.
 */
export function decodableFile({ file, type }: ImageSource): { file?: Blob } {
  return type === 'image/heif' ? {} : { file };
}

/**
 * The resized forms of the added images, made once per image and size and kept, so that choosing a
 * model again costs nothing. Decoding runs one image at a time: a handful of large photos never hold
 * all their pixels at once.
 */
export class ImageRenders {
  readonly #tools: ImageTools;
  readonly #renders = new Map<string, Promise<RenderedImage>>();
  #decoding: Promise<unknown> = Promise.resolve();

  /** Resizes with `tools`. */
  constructor(tools: ImageTools) {
    this.#tools = tools;
  }

  /** Runs `job` after every decoding job queued before it has settled. */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#decoding.then(job, job);
    this.#decoding = result.catch(() => {});
    return result;
  }

  /**
   * The image at `size`: the one made before, or a new one, from `bitmap` when the image is decoded
   * already, else decoded in turn. `onMade` hears of a new one once it is made; a failed one is
   * forgotten, so that asking again tries again.
   */
  render(
    image: ImageSource,
    size: Size,
    { bitmap, onMade }: { bitmap?: ImageBitmap | undefined; onMade?: (rendered: RenderedImage) => void } = {},
  ): Promise<RenderedImage> {
    const key = `${image.id}@${size.width}x${size.height}`;
    const cached = this.#renders.get(key);
    if (cached) return cached;
    const { decodeImage, renderImage } = this.#tools;
    const options = {
      mayKeepLossless: isLosslessType(image.type),
      matchServer: true,
      ...decodableFile(image),
    };
    const rendered = bitmap
      ? renderImage(bitmap, size, options)
      : this.enqueue(async () => {
          const decoded = await decodeImage(image.file, image.type);
          try {
            return await renderImage(decoded, size, options);
          } finally {
            decoded.close();
          }
        });
    this.#renders.set(key, rendered);
    rendered.then(onMade, () => this.#renders.delete(key));
    return rendered;
  }

  /** Forgets every size made of an image. */
  forget(id: string): void {
    for (const key of this.#renders.keys()) if (key.startsWith(`${id}@`)) this.#renders.delete(key);
  }
}
