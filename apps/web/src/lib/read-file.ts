/**
 * Reads a file as a `data:` URL, the form the API takes media in JSON.
 *
 * @example
 * const url = await readFileAsDataURL(input.files[0]); // 'data:image/png;base64,iVBOR…'
 */
export function readFileAsDataURL(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
