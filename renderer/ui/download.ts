/** Saves an ExportFile from the API (base64 bytes) through the browser's download, as a user-chosen file would be. */
import type { ExportFile } from '../../app/common/contract';
import { h } from './dom';

export function downloadFile(file: ExportFile): void {
  saveBlob(new Blob([Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0))], { type: file.mime }), file.filename);
}

/** Text made in the page (a chart's SVG, a table's CSV), saved as a file. */
export function downloadText(filename: string, text: string, mime: string): void {
  saveBlob(new Blob([text], { type: mime }), filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { attrs: { href: url, download: filename, hidden: true } });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now, but revoking at once can cancel it in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
