/** Saves an ExportFile from the API (base64 bytes) through the browser's download, as a user-chosen file would be. */
import type { ExportFile } from '../../app/common/contract';
import { h } from './dom';

export function downloadFile(file: ExportFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = h('a', { attrs: { href: url, download: file.filename, hidden: true } });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now, but revoking at once can cancel it in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
