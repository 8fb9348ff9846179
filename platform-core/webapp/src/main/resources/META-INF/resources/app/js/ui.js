// Shared pieces: htm bound to Preact, a toast line for short messages, a modal dialog, and small helpers.
import { h, render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import htm from 'htm';
import { fieldLabel } from './fields.js';

export const html = htm.bind(h);
export { render };

const toastListeners = new Set();

/** Shows a short message at the bottom of the screen (announced to screen readers). */
export function toast(message, kind = 'info') {
  toastListeners.forEach(listener => listener({ message, kind, at: Date.now() }));
}

export function onToast(listener) {
  toastListeners.add(listener);
  return () => toastListeners.delete(listener);
}

const openDialogs = []; // the topmost last: Escape closes that one only
let dialogCount = 0;

/** A modal dialog: focus moves into it, Escape closes it, focus returns where it was. */
export function Dialog({ title, onClose, children, id }) {
  const ref = useRef();
  const close = useRef(onClose);
  close.current = onClose;
  const titleId = useRef('dialog-title-' + ++dialogCount);
  useEffect(() => {
    const before = document.activeElement;
    const first = ref.current.querySelector('input:not([disabled]), select:not([disabled]), textarea, button:not([disabled])');
    first?.focus();
    const me = {};
    openDialogs.push(me);
    const onKey = event => {
      if (event.key === 'Escape' && openDialogs[openDialogs.length - 1] === me) close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      openDialogs.splice(openDialogs.indexOf(me), 1);
      before?.focus?.();
    };
  }, []);
  return html`<div class="backdrop" onClick=${e => e.target === e.currentTarget && close.current()}>
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby=${titleId.current} id=${id} ref=${ref}>
      <h2 id=${titleId.current}>${title}</h2>
      ${children}
    </div>
  </div>`;
}

/** The user errors of a payload that name this field, as text under the input. */
export function FieldErrors({ errors, field }) {
  const mine = (errors || []).filter(e => e.field === field || e.field?.endsWith('.' + field));
  return mine.length ? html`<div class="field-error" role="alert">${mine.map(e => e.message).join(' ')}</div>` : null;
}

/** Errors of a payload that name no field shown on the form. */
export function FormErrors({ errors, shown = [] }) {
  const rest = (errors || []).filter(e => !e.field || !shown.some(f => e.field === f || e.field.endsWith('.' + f)));
  return rest.length ? html`<div class="form-error" role="alert">${rest.map(e => html`<div>${
    e.field ? fieldLabel(e.field) + ': ' : ''}${e.message}</div>`)}</div>` : null;
}

/** Search highlights come HTML-escaped with <em> around the matched words: only <em> is kept as markup. */
export function Highlight({ fragment }) {
  const parts = fragment.split(/(<em>.*?<\/em>)/g).filter(Boolean);
  return html`<span>${parts.map(p => p.startsWith('<em>') ? html`<mark>${unescape(p.slice(4, -5))}</mark>` : unescape(p))}</span>`;
}

function unescape(text) {
  const area = document.createElement('textarea');
  area.innerHTML = text;
  return area.value;
}

export function navigate(hash) {
  if (location.hash !== hash) location.hash = hash;
}

/** ISO date (yyyy-mm-dd) of a Date in the browser's own zone. */
export function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
