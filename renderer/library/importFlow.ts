/**
 * Import: files chosen with the Import button, dropped on the window, or sent by the desktop app's
 * File > Import…. Each file's extracted text and metadata are shown for the user to correct and
 * confirm before anything is written; a document of the same name is replaced only when they say so.
 */
import { type ImportPreview, type WrittenDocument } from '../../app/common/contract';
import { IMPORT_EXTENSIONS, importFailure, importSizeProblem } from '../../app/common/formats';
import { api, errorMessage } from '../api';
import { confirmDialog, modal } from '../ui/dialogs';
import { h } from '../ui/dom';
import { metadataForm } from './metadataForm';
import { toast, toastError } from '../ui/toast';

export const ACCEPTED = IMPORT_EXTENSIONS.join(',');

export interface ImportHooks {
  /** A document was written: show the new library and open the document. */
  imported(result: WrittenDocument): void;
}

export interface ImportSource {
  filename: string;
  base64: string;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () =>
      reject(
        new Error(`Cannot import “${file.name}”: the file could not be read (${reader.error?.message ?? 'unknown error'}). Nothing was written to the corpus.`),
      );
    reader.readAsDataURL(file);
  });
}

export class ImportFlow {
  /** The hidden file input behind the Import button (the browser's, or in the desktop app the system's, file dialog). */
  readonly input: HTMLInputElement;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly hooks: ImportHooks) {
    this.input = h('input', { testid: 'import-input', attrs: { type: 'file', multiple: true, accept: ACCEPTED, hidden: true } });
    this.input.addEventListener('change', () => {
      const files = [...(this.input.files ?? [])];
      this.input.value = '';
      this.importFiles(files);
    });
  }

  choose(): void {
    this.input.click();
  }

  importFiles(files: File[]): void {
    for (const file of files) {
      this.enqueue(async () => {
        // Said here, naming the file, rather than as a refused request once megabytes have been sent.
        const tooLarge = importSizeProblem(file.size);
        if (tooLarge) throw new Error(importFailure(file.name, tooLarge));
        return { filename: file.name, base64: await readAsBase64(file) };
      });
    }
  }

  importSources(sources: ImportSource[]): void {
    for (const s of sources) this.enqueue(async () => s);
  }

  /** One file at a time: each preview waits for the one before to be confirmed or cancelled. */
  private enqueue(read: () => Promise<ImportSource>): void {
    this.queue = this.queue.then(async () => {
      try {
        const source = await read();
        const preview = await api.importPreview(source);
        await this.review(preview);
      } catch (e) {
        toastError(e);
      }
    });
  }

  /** The preview dialog; resolves when the user has imported the file or cancelled. */
  private review(preview: ImportPreview): Promise<void> {
    return new Promise((resolve) => {
      const form = metadataForm(preview.meta);
      // A PDF's text is kept as plain text: what is typed here is stored and shown as it is.
      const formatName = preview.format === 'text' ? 'plain text' : 'Markdown';
      const id = h('input', { testid: 'import-id', attrs: { type: 'text', value: preview.suggestedId, spellcheck: 'false', autocomplete: 'off' } });
      const text = h('textarea', {
        class: 'import-text',
        testid: 'import-text',
        attrs: { rows: 14, spellcheck: 'false', 'aria-label': `Text to import (${formatName})` },
      });
      text.value = preview.markdown;
      const error = h('p', { class: 'banner error', testid: 'import-error', attrs: { role: 'alert', hidden: true } });
      const confirm = h('button', { class: 'button primary', testid: 'import-confirm', attrs: { type: 'button' } }, 'Import');
      const cancel = h('button', { class: 'button', testid: 'import-cancel', attrs: { type: 'button' }, on: { click: () => dialog.close() } }, 'Cancel');
      const dialog = modal(
        'import-dialog',
        `Import ${preview.filename}`,
        h('h2', { class: 'dialog-title' }, `Import “${preview.filename}”`),
        h('p', { class: 'muted' }, 'Check the text and metadata Lectern found, correct them, then import. Nothing is written until you do.'),
        h(
          'ul',
          { class: 'import-warnings', testid: 'import-warnings', attrs: { hidden: !preview.warnings.length } },
          ...preview.warnings.map((w) => h('li', null, w)),
        ),
        h(
          'label',
          { class: 'form-row' },
          h('span', { class: 'form-label' }, 'Name in the corpus', h('span', { class: 'form-hint' }, ' (file name without .md; sub-folders with /)')),
          id,
        ),
        form.el,
        h('label', { class: 'form-row' }, h('span', { class: 'form-label' }, 'Text', h('span', { class: 'form-hint' }, ` (${formatName})`)), text),
        error,
        h('div', { class: 'dialog-actions' }, cancel, confirm),
      );
      dialog.classList.add('wide');
      dialog.addEventListener('close', () => resolve());
      const commit = async (overwrite: boolean) => {
        confirm.disabled = true;
        error.hidden = true;
        try {
          const result = await api.importCommit({ id: id.value, meta: form.value(), markdown: text.value, format: preview.format, overwrite });
          dialog.close();
          this.hooks.imported(result);
          toast(`Imported “${preview.filename}” as ${result.path}${result.replaced ? `, replacing ${result.replaced}` : ''}.`);
        } catch (e) {
          if ((e as { code?: string }).code === 'exists' && !overwrite) {
            const replace = await confirmDialog({
              title: 'Replace the existing document?',
              body: [h('p', null, errorMessage(e)), h('p', null, 'Its tags stay, re-anchored to the new text where it matches.')],
              ok: 'Replace it',
              danger: true,
            });
            if (replace) return commit(true);
          } else {
            error.textContent = errorMessage(e);
            error.hidden = false;
          }
        } finally {
          confirm.disabled = false;
        }
      };
      confirm.addEventListener('click', () => void commit(false));
      form.focus();
    });
  }
}

/** Files dragged over the window: an overlay says where they go; dropping them imports them. */
export function installDropZone(onFiles: (files: File[]) => void): HTMLElement {
  const zone = h(
    'div',
    { class: 'drop-zone', testid: 'drop-zone', attrs: { hidden: true, 'aria-hidden': 'true' } },
    h(
      'div',
      { class: 'drop-zone-box' },
      h('strong', null, 'Drop files to import them'),
      h('span', null, '.txt, .md, .html, .pdf, .docx: you check each before it is added'),
    ),
  );
  let depth = 0;
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    zone.hidden = false;
  });
  document.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    if (--depth <= 0) {
      depth = 0;
      zone.hidden = true;
    }
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    // Without this the browser (or Electron) would open the file in place of the app.
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    zone.hidden = true;
    onFiles([...e.dataTransfer!.files]);
  });
  return zone;
}
