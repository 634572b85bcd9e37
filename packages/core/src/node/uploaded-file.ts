/** An uploaded file that arrived too large to keep in memory: Seer wrote it to a private file. */
export interface FileOnDisk {
  path: string;
  bytes: number;
}

/** One uploaded multipart file: its bytes, or where they are on disk. */
export type UploadedFile = Uint8Array | FileOnDisk;

/** Whether an upload is on disk rather than in memory. */
export function isFileOnDisk(file: UploadedFile): file is FileOnDisk {
  return !(file instanceof Uint8Array);
}
