import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * Accepts files dropped anywhere on the page while `isEnabled`, and says whether files are being
 * dragged over it (to highlight the drop zone). Dropping outside a drop target would otherwise make the
 * browser navigate away to the file.
 */
export function useFileDrop(onFiles: (files: File[]) => void, isEnabled: boolean): boolean {
  const [isDragging, setDragging] = useState(false);
  const onFilesRef = useRef(onFiles);
  useLayoutEffect(() => {
    onFilesRef.current = onFiles;
  });

  useEffect(() => {
    // dragenter and dragleave fire for every element crossed; counting them tells when the drag left the page.
    let depth = 0;
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = isEnabled ? 'copy' : 'none';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      if (isEnabled) onFilesRef.current([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [isEnabled]);

  return isDragging && isEnabled;
}
