/** The longer side of a history preview, in CSS pixels. */
export const thumbnailSize = 160;

/** The size a `width`×`height` picture is drawn at so that neither side exceeds `limit`. */
export function fitWithin(
  width: number,
  height: number,
  limit = thumbnailSize,
): { width: number; height: number } {
  const scale = Math.min(1, limit / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * A small JPEG `data:` URL of a preview (`blob:` or `data:` URL), at most 160 px on its longer side, to
 * keep in the history instead of the media; undefined when the preview cannot be drawn.
 */
export async function makeThumbnail(url: string | undefined): Promise<string | undefined> {
  if (!url) return undefined;
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const size = fitWithin(image.naturalWidth, image.naturalHeight);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    context.drawImage(image, 0, 0, size.width, size.height);
    return canvas.toDataURL('image/jpeg', 0.75);
  } catch {
    return undefined;
  }
}
