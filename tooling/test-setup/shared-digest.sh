#!/usr/bin/env bash
# Prints a digest of what the tests read from ../shared when it is there (the qwen-vl vectors, the
# recorded streams, the MathVision sample), or "absent". Files outside the repository are not among
# turbo's inputs, so `pnpm test` hands this to turbo as SEER_SHARED_DIGEST, which the test tasks hash:
# a cached result is replayed only for the same ../shared.
set -euo pipefail
cd "$(dirname "$0")/../.."

folders=()
for folder in ../shared/fixtures ../shared/datasets; do
  [ -d "$folder" ] && folders+=("$folder")
done
if [ ${#folders[@]} -eq 0 ]; then
  echo absent
  exit 0
fi
find -L "${folders[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16
