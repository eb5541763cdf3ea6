/** The editable fields of a document's metadata, shared by the import preview and the metadata editor. */
import type { MetadataFields } from '../../app/common/contract';
import { h } from '../ui/dom';

type TextField = Exclude<keyof MetadataFields, 'speakers'>;

const FIELDS: { key: keyof MetadataFields; label: string; hint?: string; placeholder?: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'speakers', label: 'Speakers', hint: 'who speaks in the text; separate names with ;', placeholder: 'Jeremy Hunt; Dominic Raab' },
  { key: 'date', label: 'Date', hint: 'of the speech', placeholder: 'YYYY-MM-DD' },
  { key: 'event', label: 'Event' },
  { key: 'place', label: 'Place' },
  { key: 'outlet', label: 'Outlet', placeholder: 'The Independent, Gov.uk …' },
  { key: 'kind', label: 'Kind', placeholder: 'transcript, news-report …' },
  { key: 'language', label: 'Language', placeholder: 'en' },
  { key: 'author', label: 'Author', hint: 'who wrote it (a journalist)' },
  { key: 'source', label: 'Source file' },
];

const KINDS = ['transcript', 'news-report', 'statement', 'interview', 'press-release', 'article'];

export interface MetadataForm {
  el: HTMLElement;
  /** The fields as entered, trimmed; speakers split on ";". */
  value(): MetadataFields;
  focus(): void;
}

/** A labelled field for each key; `only` limits the fields shown (the editor has no author or source for existing documents). */
export function metadataForm(meta: MetadataFields, only?: (keyof MetadataFields)[]): MetadataForm {
  const inputs = new Map<keyof MetadataFields, HTMLInputElement>();
  const kinds = h('datalist', { attrs: { id: 'metadata-kinds' } }, ...KINDS.map((k) => h('option', { attrs: { value: k } })));
  const rows = FIELDS.filter((f) => !only || only.includes(f.key)).map((f) => {
    const value = f.key === 'speakers' ? meta.speakers.join('; ') : meta[f.key as TextField];
    const input = h('input', {
      testid: `meta-${f.key}`,
      attrs: {
        type: 'text',
        value,
        placeholder: f.placeholder,
        list: f.key === 'kind' ? 'metadata-kinds' : undefined,
        spellcheck: 'false',
        autocomplete: 'off',
      },
    });
    inputs.set(f.key, input);
    return h(
      'label',
      { class: 'form-row' },
      h('span', { class: 'form-label' }, f.label, f.hint ? h('span', { class: 'form-hint' }, ` (${f.hint})`) : null),
      input,
    );
  });
  const text = (key: TextField) => inputs.get(key)?.value.trim() ?? meta[key];
  return {
    el: h('div', { class: 'form-grid' }, ...rows, kinds),
    value: () => ({
      title: text('title'),
      speakers: inputs.has('speakers')
        ? inputs
            .get('speakers')!
            .value.split(';')
            .map((s) => s.trim())
            .filter(Boolean)
        : meta.speakers,
      date: text('date'),
      event: text('event'),
      place: text('place'),
      outlet: text('outlet'),
      kind: text('kind'),
      language: text('language'),
      author: text('author'),
      source: text('source'),
    }),
    focus: () => inputs.get('title')?.focus(),
  };
}
