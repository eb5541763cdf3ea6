/** The editable fields of a document's metadata, shared by the import preview and the metadata editor. */
import type { MetadataFields } from '../../app/common/contract';
import { h } from '../ui/dom';

type TextField = Exclude<keyof MetadataFields, 'speakers' | 'attributes'>;

const FIELDS: { key: Exclude<keyof MetadataFields, 'attributes'>; label: string; hint?: string; placeholder?: string }[] = [
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
  // The document's other fields (attributes: party, term …): each editable, emptied to remove it,
  // and one more to add. Only with the full form: the import preview's fields are Lectern's own.
  const attributeInputs = new Map<string, HTMLInputElement>();
  const attributeRows = only
    ? []
    : Object.entries(meta.attributes ?? {}).map(([name, value]) => {
        const input = h('input', { testid: `meta-attr-${name}`, attrs: { type: 'text', value, spellcheck: 'false', autocomplete: 'off' } });
        attributeInputs.set(name, input);
        return h(
          'label',
          { class: 'form-row' },
          h('span', { class: 'form-label' }, name, h('span', { class: 'form-hint' }, ' (empty it to remove the field)')),
          input,
        );
      });
  const newName = h('input', {
    testid: 'meta-attr-new-name',
    attrs: { type: 'text', placeholder: 'field name, e.g. party', spellcheck: 'false', autocomplete: 'off' },
  });
  const newValue = h('input', { testid: 'meta-attr-new-value', attrs: { type: 'text', placeholder: 'value', spellcheck: 'false', autocomplete: 'off' } });
  const addRow = only ? null : h('div', { class: 'form-row' }, h('span', { class: 'form-label' }, 'Add a field'), newName, newValue);
  const attributes = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, input] of attributeInputs) if (input.value.trim() !== meta.attributes?.[name]) out[name] = input.value.trim();
    const name = newName.value.trim().toLowerCase().replace(/\s+/g, '_');
    if (name && newValue.value.trim()) out[name] = newValue.value.trim();
    return out;
  };
  return {
    el: h('div', { class: 'form-grid' }, ...rows, ...attributeRows, addRow, kinds),
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
      ...(only ? {} : { attributes: attributes() }),
    }),
    focus: () => inputs.get('title')?.focus(),
  };
}
