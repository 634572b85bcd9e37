import { isHEIF } from './sniff-image';

/** The video containers the playground tells apart by their first bytes. */
export type SniffedVideoType =
  | 'video/mp4'
  | 'video/quicktime'
  | 'video/webm'
  | 'video/x-matroska'
  | 'video/x-msvideo';

/** How many bytes from the start of a file `sniffVideoType` reads: enough for a WebM's DocType. */
export const VIDEO_SNIFF_LENGTH = 64;

/** Top-level QuickTime atoms that old `.mov` files open with instead of `ftyp`. */
const quickTimeAtoms = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** Still-image brands of ISO files: HEIF is known to `isHEIF`; these are AVIF's. */
const avifBrands = new Set(['avif', 'avis']);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/**
 * The video container of a file from its first `VIDEO_SNIFF_LENGTH` bytes, or undefined when it is none
 * of them: MP4 and MOV (an ISO `ftyp` box whose brand is not a still image's, or a bare QuickTime atom),
 * WebM and Matroska (the EBML magic), AVI (`RIFF….AVI `). Names and MIME types are not trusted. An
 * audio-only MP4 (`M4A `) counts as video here: only the server can tell, and it says so (415).
 *
 * @example
 * sniffVideoType(new Uint8Array(await file.slice(0, VIDEO_SNIFF_LENGTH).arrayBuffer())); // 'video/mp4'
 */
export function sniffVideoType(header: Uint8Array): SniffedVideoType | undefined {
  if (header.length >= 12) {
    const box = ascii(header, 4, 8);
    if (box === 'ftyp') {
      const brand = ascii(header, 8, 12);
      if (isHEIF(header) || avifBrands.has(brand)) return undefined;
      return brand === 'qt  ' ? 'video/quicktime' : 'video/mp4';
    }
    if (quickTimeAtoms.has(box)) return 'video/quicktime';
    if (ascii(header, 0, 4) === 'RIFF' && ascii(header, 8, 12) === 'AVI ') return 'video/x-msvideo';
  }
  if (header[0] === 0x1a && header[1] === 0x45 && header[2] === 0xdf && header[3] === 0xa3) {
    return ascii(header, 4, header.length).includes('webm') ? 'video/webm' : 'video/x-matroska';
  }
  return undefined;
}
