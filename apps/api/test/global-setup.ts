import { HEIF_ENCODER, requireSystemTool } from '@seer/test-setup';

/** Once per API test run: the HEIC encoder the image tests make iPhone-like photos with. */
export default function setup(): void {
  requireSystemTool(HEIF_ENCODER);
}
