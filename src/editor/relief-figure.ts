/**
 * "Số liệu": a figure from the relief records (Vận động – cứu trợ) placed in
 * the text as `<span data-figure="c12:tong-thu">label</span>`. The editor
 * shows the label as one unit; the portal puts the value, computed from the
 * records as they stand when the article is published, and a link to its
 * source in its place. The dialog lists what can be inserted from
 * GET /quan-tri/api/van-dong/so-lieu → {"data":[{"scope","name","choices":[{"metric","param","name"}]}]}.
 */
import { type Editor, Node } from '@tiptap/core';
import { createDialog } from './dialog.ts';
import { h, uid } from './dom.ts';

/** Where the newsroom lists the figures an editor may insert. */
export const FIGURES_URL = '/quan-tri/api/van-dong/so-lieu';

interface FigureScope {
  scope: string;
  name: string;
  choices: Array<{ metric: string; param: string; name: string }>;
}

/** The inline node of a figure placeholder. */
export const ReliefFigure = Node.create({
  name: 'reliefFigure',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      figure: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('data-figure') ?? '', renderHTML: () => ({}) },
      label: { default: '', parseHTML: (el: HTMLElement) => (el.textContent ?? '').trim(), renderHTML: () => ({}) },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-figure]' }];
  },

  renderHTML({ node }) {
    return ['span', { 'data-figure': String(node.attrs.figure), class: 'xp-ed-figure-value' }, String(node.attrs.label)];
  },

  renderText({ node }) {
    return String(node.attrs.label);
  },
});

/** A labelled select of the dialog. */
function selectField(label: string): { wrapper: HTMLDivElement; select: HTMLSelectElement } {
  const id = uid('xp-ed-figure');
  const select = h('select', { id });
  return { wrapper: h('div', { class: 'xp-ed-field' }, h('label', { for: id }, label), select), select };
}

/** Builds the figure dialog for one editor and returns a function that opens it. */
export function createFigureDialog(editor: Editor): () => void {
  const d = createDialog('Chèn số liệu vận động – cứu trợ', 'Chèn');
  const source = selectField('Nguồn số liệu');
  const metric = selectField('Số liệu');
  d.body.append(
    h('p', { class: 'xp-ed-field-hint' }, 'Con số được tính từ sổ thu chi khi bài được xuất bản và hiện kèm liên kết nguồn.'),
    source.wrapper,
    metric.wrapper,
  );
  let scopes: FigureScope[] = [];

  const fillChoices = () => {
    const scope = scopes.find((s) => s.scope === source.select.value);
    metric.select.replaceChildren(...(scope?.choices ?? []).map((c) => h('option', { value: `${c.metric}${c.param ? `:${c.param}` : ''}` }, c.name)));
  };
  source.select.addEventListener('change', fillChoices);

  d.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const scope = scopes.find((s) => s.scope === source.select.value);
    const choice = metric.select.selectedOptions[0];
    if (!scope || !choice) {
      d.setAlert('Hãy chọn nguồn và số liệu.');
      return;
    }
    editor
      .chain()
      .focus()
      .insertContent({ type: 'reliefFigure', attrs: { figure: `${scope.scope}:${choice.value}`, label: `${choice.textContent} – ${scope.name}` } })
      .run();
    d.dialog.close();
  });

  return () => {
    d.setAlert('');
    d.status.textContent = 'Đang tải danh sách số liệu…';
    d.dialog.showModal();
    fetch(FIGURES_URL, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((body: { data: FigureScope[] }) => {
        scopes = body.data;
        source.select.replaceChildren(...scopes.map((s) => h('option', { value: s.scope }, s.name)));
        fillChoices();
        d.status.textContent = scopes.length ? '' : 'Chưa có cuộc vận động nào được công khai.';
        source.select.focus();
      })
      .catch(() => {
        d.status.textContent = '';
        d.setAlert('Không tải được danh sách số liệu (cần quyền vận động – cứu trợ).');
      });
  };
}
