/** The image formats the playground tells apart by their first bytes. */
export type SniffedImageType =
  | 'image/jpeg'
  | 'image/png'
  | 'image/gif'
  | 'image/bmp'
  | 'image/webp'
  | 'image/tiff'
  | 'image/avif'
  | 'image/heif';

/** How many bytes from the start of a file `sniffImageType` needs. */
export const SNIFF_LENGTH = 16;

/** The major brands of HEIF files as phones write them (HEVC stills, sequences and the generic brands). */
const heifBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'heif']);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/**
 * Whether the bytes are a HEIF/HEIC image (an iPhone photo): an ISO box `ftyp` at offset 4 whose major
 * brand is one of HEIF's. File names and MIME types are not trusted: browsers often give HEIC no type.
 *
 * @example
 * isHEIF(new Uint8Array(await file.slice(0, SNIFF_LENGTH).arrayBuffer())); // true for IMG_0001.HEIC
 */
export function isHEIF(header: Uint8Array): boolean {
  return header.length >= 12 && ascii(header, 4, 8) === 'ftyp' && heifBrands.has(ascii(header, 8, 12));
}

/**
 * The image format of a file from its first `SNIFF_LENGTH` bytes, or undefined when it is none of them.
 *
 * @example
 * sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])); // 'image/jpeg'
 */
export function sniffImageType(header: Uint8Array): SniffedImageType | undefined {
  if (startsWith(header, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(header, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(header, 0, 6) === 'GIF87a' || ascii(header, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(header, 0, 2) === 'BM') return 'image/bmp';
  if (ascii(header, 0, 4) === 'RIFF' && ascii(header, 8, 12) === 'WEBP') return 'image/webp';
  if (startsWith(header, [0x49, 0x49, 0x2a, 0x00]) || startsWith(header, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'image/tiff';
  }
  if (
    header.length >= 12 &&
    ascii(header, 4, 8) === 'ftyp' &&
    ['avif', 'avis'].includes(ascii(header, 8, 12))
  ) {
    return 'image/avif';
  }
  if (isHEIF(header)) return 'image/heif';
  return undefined;
}

/** Formats that store pixels exactly: their few-colour pictures (puzzles, diagrams) stay PNG. */
export function isLosslessType(type: SniffedImageType | undefined): boolean {
  return type === 'image/png' || type === 'image/gif' || type === 'image/bmp';
}
