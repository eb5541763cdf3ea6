/** Edit a document's metadata from the reader: only the front matter of its file is rewritten, its text stays as it is. */
import type { DocumentView, WrittenDocument } from '../../app/common/contract';
import { api, errorMessage } from '../api';
import { modal } from '../ui/dialogs';
import { h } from '../ui/dom';
import { metadataForm } from './metadataForm';
import { toast } from '../ui/toast';

export function editMetadata(meta: DocumentView['meta'], saved: (result: WrittenDocument) => void): void {
  const form = metadataForm(meta);
  const error = h('p', { class: 'banner error', testid: 'metadata-error', attrs: { role: 'alert', hidden: true } });
  const save = h('button', { class: 'button primary', testid: 'metadata-save', attrs: { type: 'button' } }, 'Save');
  const dialog = modal(
    'metadata-dialog',
    `Metadata of ${meta.title}`,
    h('h2', { class: 'dialog-title' }, 'Edit metadata'),
    h(
      'p',
      { class: 'muted' },
      `Saved as the front matter of ${meta.path}${meta.path.endsWith('.txt') ? ', which becomes a .md file with the same text' : ''}; the text is not changed.`,
    ),
    form.el,
    error,
    h(
      'div',
      { class: 'dialog-actions' },
      h('button', { class: 'button', testid: 'metadata-cancel', attrs: { type: 'button' }, on: { click: () => dialog.close() } }, 'Cancel'),
      save,
    ),
  );
  save.addEventListener('click', async () => {
    save.disabled = true;
    error.hidden = true;
    try {
      const fields = form.value();
      const result = await api.updateMetadata({ id: meta.id, meta: fields });
      dialog.close();
      saved(result);
      toast(`Saved the metadata of “${fields.title}” in ${result.path}.`);
    } catch (e) {
      error.textContent = errorMessage(e);
      error.hidden = false;
    } finally {
      save.disabled = false;
    }
  });
  form.focus();
}
