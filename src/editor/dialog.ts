/**
 * A small modal <dialog> with a heading, a form of labelled fields, an error
 * area and action buttons. Built once per editor, appended to <body> (outside
 * the article form, so its fields are never submitted or autosaved).
 */
import { h, setFieldError, uid } from './dom.ts';

/** One labelled input with its own error line under it. */
export interface Field {
  wrapper: HTMLDivElement;
  input: HTMLInputElement;
  error: HTMLParagraphElement;
  /** Shows (or clears, with '') the Vietnamese error next to the field. */
  setError(message: string): void;
}

/** A labelled input; `hint` is an optional line of help under the label. */
export function createField(label: string, attrs: Record<string, string | boolean>, hint?: string): Field {
  const id = uid('xp-ed-field');
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h('input', { id, ...attrs, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') });
  const error = h('p', { id: errorId, class: 'xp-ed-field-error', hidden: true });
  const wrapper = h(
    'div',
    { class: 'xp-ed-field' },
    h('label', { for: id }, label),
    hintId ? h('p', { id: hintId, class: 'xp-ed-field-hint' }, hint) : null,
    input,
    error,
  );
  return { wrapper, input, error, setError: (message) => setFieldError(input, error, message) };
}

/** The parts of a dialog that callers fill and listen to. */
export interface Dialog {
  dialog: HTMLDialogElement;
  form: HTMLFormElement;
  heading: HTMLHeadingElement;
  /** Where fields go. */
  body: HTMLDivElement;
  /** A general error (server message), announced when set. */
  alert: HTMLParagraphElement;
  /** Progress text ("Đang tải ảnh lên…"), announced politely. */
  status: HTMLParagraphElement;
  submit: HTMLButtonElement;
  actions: HTMLDivElement;
  /** Shows (or clears, with '') the general error. */
  setAlert(message: string): void;
}

/** Builds a modal dialog with a submit button labelled `submitLabel` and a "Hủy" button. */
export function createDialog(title: string, submitLabel: string): Dialog {
  const headingId = uid('xp-ed-dialog-title');
  const heading = h('h2', { id: headingId, class: 'xp-ed-dialog-title' }, title);
  const body = h('div', { class: 'xp-ed-dialog-body' });
  const alert = h('p', { class: 'xp-ed-dialog-alert', role: 'alert', hidden: true });
  const status = h('p', { class: 'xp-ed-dialog-status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'xp-ed-btn xp-ed-btn--primary' }, submitLabel);
  const cancel = h('button', { type: 'button', class: 'xp-ed-btn' }, 'Hủy');
  const actions = h('div', { class: 'xp-ed-dialog-actions' }, submit, cancel);
  const form = h('form', { method: 'dialog', novalidate: true }, heading, alert, body, status, actions);
  const dialog = h('dialog', { class: 'xp-ed-dialog', 'aria-labelledby': headingId }, form);
  cancel.addEventListener('click', () => dialog.close());
  document.body.append(dialog);
  return {
    dialog,
    form,
    heading,
    body,
    alert,
    status,
    submit,
    actions,
    setAlert(message: string) {
      alert.textContent = message;
      alert.hidden = message === '';
    },
  };
}
