/**
 * The Tags view: the codebook as a tree (create, rename, recolour, re-parent, merge, delete), every
 * passage carrying the chosen tag with its citation and note, the tag × speaker matrix, and
 * exports/imports of the tags.
 */
import type { AnnotationView, Tag, TagMatrix } from '../../app/common/contract';
import { EXPORT_FORMATS, type ExportFormat } from '../../app/common/formats';
import { api, errorMessage } from '../api';
import { confirmDialog } from '../ui/dialogs';
import { formatDate, h, metaLine, plural } from '../ui/dom';
import { downloadFile } from '../ui/download';
import { coderLayerPicker, tagAction, tagChip, tagStore } from './tagStore';
import { toast, toastError } from '../ui/toast';
import { TEAM_TABS, TeamPanels, type TeamHooks, type TeamTab } from './teamPanels';
import { canAnnotate, canImportTags, canKeepCodebook, OWNER_IMPORTS_TAGS, OWNER_KEEPS_CODEBOOK, refuse, VIEWER_CANNOT_ANNOTATE } from '../team/rights';

export interface TagsViewHooks extends TeamHooks {
  openAnnotation(a: AnnotationView): void;
}

export class TagsView {
  readonly el: HTMLElement;
  private readonly tree: HTMLElement;
  private readonly main: HTMLElement;
  private selected: string | null = null;
  private tab: 'passages' | 'matrix' | TeamTab = 'passages';
  private readonly team: TeamPanels;
  private speaker = '';
  private docFilter = '';
  private seq = 0;

  constructor(private readonly hooks: TagsViewHooks) {
    this.team = new TeamPanels(hooks);
    const create = h('input', {
      class: 'new-tag',
      testid: 'new-tag-input',
      attrs: { type: 'text', placeholder: 'New tag… (Enter)', 'aria-label': 'New tag name' },
    });
    create.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !create.value.trim()) return;
      const name = create.value.trim();
      void tagAction(
        () => api.createTag({ name }),
        (t) => `Created tag ${t.name}`,
      ).then((t) => {
        if (t) {
          create.value = '';
          this.select(t.id);
        }
      });
    });
    const file = h('input', { attrs: { type: 'file', accept: '.qdpx,.qdc,.jsonld,.json,.csv', hidden: true }, testid: 'import-file' });
    file.addEventListener('change', () => void this.importFile(file));
    // A viewer adds no code; only an owner imports tags (a file brings any coder's layers); the role is the account's for the page's life.
    const viewer = canAnnotate() ? null : VIEWER_CANNOT_ANNOTATE;
    const noImport = canImportTags() ? null : OWNER_IMPORTS_TAGS;
    refuse(create, viewer);
    refuse(file, noImport);
    this.tree = h('div', { class: 'codebook-tree', testid: 'codebook', attrs: { role: 'tree', 'aria-label': 'Codebook' } });
    this.main = h('div', { class: 'tags-main' });
    this.el = h(
      'div',
      { class: 'tags-view', testid: 'tags-view', attrs: { hidden: true } },
      h(
        'aside',
        { class: 'codebook-pane' },
        h('div', { class: 'pane-heading' }, h('h2', null, 'Codebook')),
        h('div', { class: 'codebook-create' }, create),
        this.tree,
        h(
          'div',
          { class: 'exports' },
          h('h3', null, 'Export tags'),
          h(
            'div',
            { class: 'export-buttons' },
            ...EXPORT_FORMATS.map(({ format, label }) =>
              h('button', { class: 'button small', testid: `export-${format}`, on: { click: () => void this.exportAs(format) } }, label),
            ),
          ),
          h('h3', null, 'Import'),
          h(
            'label',
            {
              class: 'button small import-label',
              testid: 'import-label',
              title: noImport ?? undefined,
              attrs: { 'aria-disabled': noImport ? 'true' : undefined },
            },
            'Import .qdpx, .qdc, W3C JSON-LD or codebook CSV…',
            file,
          ),
        ),
      ),
      this.main,
    );
    tagStore.onChange(() => {
      if (!this.el.hidden) void this.render();
    });
  }

  show(): void {
    this.el.hidden = false;
    void tagStore.refresh().then(() => this.render());
  }

  hide(): void {
    this.el.hidden = true;
  }

  select(tagId: string | null, speaker = ''): void {
    this.selected = tagId;
    this.speaker = speaker;
    this.docFilter = '';
    this.tab = 'passages';
    void this.render();
  }

  private async render(): Promise<void> {
    const seq = ++this.seq;
    if (tagStore.problem) {
      this.tree.replaceChildren(h('p', { class: 'muted side-note' }, tagStore.problem));
      this.main.replaceChildren();
      return;
    }
    if (this.selected && !tagStore.byId(this.selected)) this.selected = null;
    this.renderTree();
    let matrix: TagMatrix | null = null;
    let list: AnnotationView[] = [];
    let team: HTMLElement | null = null;
    try {
      const coders = tagStore.layer;
      if (this.tab !== 'passages' && this.tab !== 'matrix') team = await this.team.render(this.tab, () => void this.render());
      else if (this.tab === 'matrix') matrix = await api.tagMatrix({ coders });
      else if (this.selected) list = await api.annotations({ tagId: this.selected, coders });
      else list = (await api.annotations({ coders })).filter((a) => a.orphan);
    } catch (e) {
      if (seq === this.seq) this.main.replaceChildren(h('p', { class: 'banner error' }, errorMessage(e)));
      return;
    }
    if (seq !== this.seq) return;
    const tabs = h(
      'div',
      { class: 'tabs', attrs: { role: 'tablist' } },
      ...([['passages', 'Passages'], ['matrix', 'Tag × speaker'], ...TEAM_TABS] as const).map(([t, label]) =>
        h(
          'button',
          {
            class: 'tab',
            testid: `tags-tab-${t}`,
            attrs: { role: 'tab', 'aria-selected': String(this.tab === t) },
            on: {
              click: () => {
                this.tab = t;
                void this.render();
              },
            },
          },
          label,
        ),
      ),
    );
    tabs.append(coderLayerPicker());
    this.main.replaceChildren(tabs, team ?? (this.tab === 'matrix' ? this.renderMatrix(matrix!) : this.renderPassages(list)));
  }

  // ---------- the codebook tree ----------

  private renderTree(): void {
    const tags = tagStore.tags;
    if (tags.length === 0) {
      this.tree.replaceChildren(h('p', { class: 'muted side-note' }, 'No tags yet. Create one above, or select text in the reader and type a name.'));
      return;
    }
    const children = (parent: string | null) => tags.filter((t) => (t.parentId ?? null) === parent).sort((a, b) => a.name.localeCompare(b.name));
    const roots = tags.filter((t) => !t.parentId || !tagStore.byId(t.parentId));
    const rows: HTMLElement[] = [];
    const add = (t: Tag, depth: number, seen: Set<string>) => {
      if (seen.has(t.id)) return;
      seen.add(t.id);
      const sw = h('span', { class: 'swatch' });
      sw.style.background = t.color;
      const row = h(
        'button',
        {
          class: `tree-row ${t.id === this.selected ? 'selected' : ''}`,
          testid: 'codebook-tag',
          attrs: { role: 'treeitem', 'aria-selected': String(t.id === this.selected), 'data-tag-id': t.id, 'data-tag-name': t.name },
          on: { click: () => this.select(t.id) },
        },
        sw,
        h('span', { class: 'tree-name' }, t.name),
        h('span', { class: 'count', testid: 'tag-count' }, String(t.count)),
      );
      row.style.paddingLeft = `${10 + depth * 16}px`;
      rows.push(row);
      for (const c of children(t.id)) add(c, depth + 1, seen);
    };
    const seen = new Set<string>();
    for (const t of roots.sort((a, b) => a.name.localeCompare(b.name))) add(t, 0, seen);
    this.tree.replaceChildren(...rows);
  }

  // ---------- the selected tag: editing and its passages ----------

  private renderEditor(tag: Tag): HTMLElement {
    const name = h('input', { class: 'tag-name-input', testid: 'tag-name', attrs: { type: 'text', 'aria-label': 'Tag name' } });
    name.value = tag.name;
    const rename = () => {
      const v = name.value.trim();
      if (!v || v === tag.name) {
        name.value = tag.name;
        return;
      }
      void tagAction(
        () => api.updateTag({ id: tag.id, name: v }),
        () => `Renamed ${tag.name} to ${v}`,
      );
    };
    name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') rename();
      if (e.key === 'Escape') {
        name.value = tag.name;
        name.blur();
      }
    });
    name.addEventListener('blur', rename);
    const color = h('input', { class: 'tag-color', testid: 'tag-color', attrs: { type: 'color', value: tag.color, 'aria-label': 'Tag colour' } });
    color.addEventListener(
      'change',
      () =>
        void tagAction(
          () => api.updateTag({ id: tag.id, color: color.value }),
          () => `Recoloured ${tag.name}`,
        ),
    );
    const others = tagStore.tags.filter((t) => t.id !== tag.id).sort((a, b) => tagStore.path(a).localeCompare(tagStore.path(b)));
    const parent = h(
      'select',
      { testid: 'tag-parent', attrs: { 'aria-label': 'Parent tag' } },
      h('option', { attrs: { value: '' } }, '(top level)'),
      ...others.map((t) => h('option', { attrs: { value: t.id, selected: t.id === tag.parentId } }, tagStore.path(t))),
    );
    parent.addEventListener(
      'change',
      () =>
        void tagAction(
          () => api.updateTag({ id: tag.id, parentId: parent.value || null }),
          () => (parent.value ? `Moved ${tag.name} under ${tagStore.byId(parent.value)?.name}` : `Moved ${tag.name} to the top level`),
        ),
    );
    const mergeTarget = h(
      'select',
      { testid: 'merge-target', attrs: { 'aria-label': 'Merge into' } },
      h('option', { attrs: { value: '' } }, 'Merge into…'),
      ...others.map((t) => h('option', { attrs: { value: t.id } }, tagStore.path(t))),
    );
    mergeTarget.addEventListener('change', () => void this.merge(tag, mergeTarget));
    const remove = h('button', { class: 'button danger-outline', testid: 'delete-tag', on: { click: () => void this.remove(tag) } }, 'Delete tag…');
    // Keeping the codebook is the owner's: the others see the code as it is, each control saying why it is disabled.
    const refusal = canKeepCodebook() ? null : OWNER_KEEPS_CODEBOOK;
    for (const el of [name, color, parent, mergeTarget, remove]) refuse(el, refusal);
    return h(
      'div',
      { class: 'tag-editor', testid: 'tag-editor' },
      h('div', { class: 'editor-row' }, color, name),
      h(
        'div',
        { class: 'editor-row' },
        h('label', { class: 'field' }, h('span', null, 'Parent'), parent),
        h('label', { class: 'field' }, h('span', null, 'Merge'), mergeTarget),
        h('span', { class: 'spacer' }),
        remove,
      ),
    );
  }

  private async merge(tag: Tag, select: HTMLSelectElement): Promise<void> {
    const target = tagStore.byId(select.value);
    if (!target) return;
    const yes = await confirmDialog({
      title: `Merge “${tag.name}” into “${target.name}”?`,
      body: [
        h(
          'p',
          null,
          `${plural(tag.count, 'passage')} tagged ${tag.name} will carry ${target.name} instead, and ${tag.name} will be removed from the codebook. You can undo this.`,
        ),
      ],
      ok: 'Merge',
    });
    if (!yes) {
      select.value = '';
      return;
    }
    const merged = await tagAction(
      () => api.mergeTags({ sourceId: tag.id, targetId: target.id }),
      () => `Merged ${tag.name} into ${target.name}`,
    );
    if (merged) this.select(merged.id);
  }

  private async remove(tag: Tag): Promise<void> {
    const yes = await confirmDialog({
      title: `Delete the tag “${tag.name}”?`,
      body: [
        h(
          'p',
          null,
          tag.count
            ? `It is on ${plural(tag.count, 'passage')}; they lose this tag (passages left with no tag and no note are removed). You can undo this.`
            : 'No passage carries it. You can undo this.',
        ),
      ],
      ok: 'Delete tag',
      danger: true,
    });
    if (!yes) return;
    const res = await tagAction(
      () => api.deleteTag({ id: tag.id }),
      () => `Deleted ${tag.name}`,
    );
    if (res) this.select(null);
  }

  private renderPassages(all: AnnotationView[]): HTMLElement {
    const tag = this.selected ? tagStore.byId(this.selected) : undefined;
    const speakers = [...new Set(all.flatMap((a) => a.citation.speakers))].sort();
    const docs = [...new Map(all.map((a) => [a.docId, a.citation.title])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
    const list = all.filter((a) => (!this.speaker || a.citation.speakers.includes(this.speaker)) && (!this.docFilter || a.docId === this.docFilter));
    const speakerSel = h(
      'select',
      { testid: 'filter-speaker', attrs: { 'aria-label': 'Filter by speaker' } },
      h('option', { attrs: { value: '' } }, 'All speakers'),
      ...speakers.map((s) => h('option', { attrs: { value: s, selected: s === this.speaker } }, s)),
    );
    speakerSel.addEventListener('change', () => {
      this.speaker = speakerSel.value;
      void this.render();
    });
    const docSel = h(
      'select',
      { testid: 'filter-document', attrs: { 'aria-label': 'Filter by document' } },
      h('option', { attrs: { value: '' } }, 'All documents'),
      ...docs.map(([id, title]) => h('option', { attrs: { value: id, selected: id === this.docFilter } }, title)),
    );
    docSel.addEventListener('change', () => {
      this.docFilter = docSel.value;
      void this.render();
    });
    const orphans = list.filter((a) => a.orphan).length;
    return h(
      'section',
      { class: 'tag-passages' },
      tag
        ? this.renderEditor(tag)
        : h(
            'div',
            { class: 'tag-editor' },
            h('h2', null, 'Orphaned passages'),
            h(
              'p',
              { class: 'muted' },
              'Choose a tag in the codebook to see its passages. Listed here: tagged passages whose text is no longer found in their document.',
            ),
          ),
      h(
        'div',
        { class: 'filters' },
        speakerSel,
        docSel,
        h('span', { class: 'muted', testid: 'passage-count' }, `${plural(list.length, 'passage')}${orphans ? ` · ${orphans} orphaned` : ''}`),
      ),
      list.length === 0
        ? h('p', { class: 'empty' }, tag ? 'No passages carry this tag yet.' : 'None: every tagged passage is anchored.')
        : h('ol', { class: 'passage-list' }, ...list.map((a) => this.renderPassage(a))),
    );
  }

  private renderPassage(a: AnnotationView): HTMLElement {
    const c = a.citation;
    const open = h('button', { class: 'link-button', testid: 'open-in-reader', on: { click: () => this.hooks.openAnnotation(a) } }, 'Open in reader');
    const tags = a.tagIds.map((id) => tagStore.byId(id)).filter((t): t is Tag => !!t);
    return h(
      'li',
      { class: `tag-passage ${a.orphan ? 'orphan' : ''}`, testid: 'tag-passage', attrs: { 'data-annotation-id': a.id } },
      a.orphan ? h('div', { class: 'orphan-badge', testid: 'orphan' }, 'Orphaned: this text is no longer found in the document') : null,
      h('blockquote', { class: 'tag-quote' }, a.quote),
      h('div', { class: 'citation' }, metaLine([c.speakers.join(', '), formatDate(c.date), c.outlet]), ' — ', h('cite', null, c.title)),
      a.note ? h('p', { class: 'tag-note' }, a.note) : null,
      h('div', { class: 'passage-foot' }, h('div', { class: 'tag-chips' }, ...tags.map((t) => tagChip(t))), open),
    );
  }

  // ---------- matrix ----------

  private renderMatrix(m: TagMatrix): HTMLElement {
    if (m.tags.length === 0) return h('p', { class: 'empty' }, 'No tags yet.');
    const max = Math.max(1, ...m.tags.flatMap((t) => Object.values(m.counts[t.id] ?? {})));
    const table = h(
      'table',
      { class: 'matrix', testid: 'tag-matrix' },
      h('thead', null, h('tr', null, h('th', null, 'Tag'), ...m.speakers.map((s) => h('th', { attrs: { scope: 'col' } }, s)))),
      h(
        'tbody',
        null,
        ...m.tags.map((t) =>
          h(
            'tr',
            null,
            h('th', { attrs: { scope: 'row' } }, tagChip(t)),
            ...m.speakers.map((s) => {
              const n = m.counts[t.id]?.[s] ?? 0;
              if (!n) return h('td', { class: 'zero' }, '·');
              const cell = h(
                'button',
                {
                  class: 'matrix-cell',
                  testid: 'matrix-cell',
                  title: `${plural(n, 'passage')} tagged ${t.name} by ${s}`,
                  attrs: { 'data-tag': t.name, 'data-speaker': s },
                  on: { click: () => this.select(t.id, s) },
                },
                String(n),
              );
              cell.style.setProperty('--heat', `${Math.round(15 + 55 * (n / max))}%`);
              return h('td', null, cell);
            }),
          ),
        ),
      ),
    );
    return h('div', { class: 'matrix-wrap' }, table);
  }

  // ---------- export / import ----------

  private async exportAs(format: ExportFormat): Promise<void> {
    try {
      const file = await api.exportTags({ format });
      downloadFile(file);
      toast(`Exported ${file.filename}`);
    } catch (e) {
      toastError(e);
    }
  }

  private async importFile(input: HTMLInputElement): Promise<void> {
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    const bytes = new Uint8Array(await f.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const base64 = btoa(bin);
    const run = async () => {
      try {
        return await api.importTags({ filename: f.name, base64 });
      } catch (e) {
        // Sources that match no document: the message names them; the user may keep their passages as orphans.
        if ((e as { code?: string }).code !== 'unmatched-sources') throw e;
        const anyway = await confirmDialog({
          title: 'Import passages that match no document?',
          body: [h('p', null, (e as Error).message)],
          ok: 'Import as orphans',
        });
        if (!anyway) throw e;
        return api.importTags({ filename: f.name, base64, allowOrphans: true });
      }
    };
    const result = await tagAction(
      run,
      (r) =>
        `Imported ${plural(r.imported, 'tagged passage')} and ${plural(r.tags, 'tag')}${r.attributes ? `, ${plural(r.attributes, 'document attribute value')}` : ''} from ${f.name}`,
    );
    if (result?.notices.length) {
      // What the import corrected or left out is kept on screen until read, not in a passing toast.
      await confirmDialog({
        title: `Imported from ${f.name}, with notes`,
        body: result.notices.map((n) => h('p', { testid: 'import-notice' }, n)),
        ok: 'OK',
      });
    }
  }
}
