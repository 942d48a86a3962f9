// The open alerts, newest first, above the tiles: what needs a person. Officers read them; others acknowledge. Each
// alert's item is kept by its id and changed in place; an alert opening or clearing is announced.
import { api, apiJson, LoggedOut } from './api.js';
import { t, plural, language } from './text.js';
import { clock } from './time.js';
import { state, redraw } from './state.js';
import { announce } from './announce.js';
import { setText, setProp, place, el } from './dom.js';

const items = new Map(); // alert id -> its <li>

/** Replaces the open alerts with the cloud's (on login and each reconnection; nothing is announced). */
export async function loadAlerts() {
  const res = await api('/api/alerts?open=true&limit=200');
  if (!res.ok) return;
  const body = await res.json();
  state.alerts.clear();
  for (const a of body.alerts) state.alerts.set(a.id, a);
}

/** Keeps an alert from the stream or an acknowledgement: open, changed or closed. */
export function onAlert(a) {
  const known = state.alerts.get(a.id);
  const text = language() === 'vi' ? a.textVi : a.textEn;
  if (a.closedAt) {
    if (known) announce(t('announceCleared', { text }));
    state.alerts.delete(a.id);
  } else {
    if (!known) announce(t('announceAlert', { text }));
    state.alerts.set(a.id, a);
  }
  redraw();
}

/** Brings the list of alerts up to date, shown on the tiles' screen only. */
export function renderAlerts() {
  const box = document.getElementById('alerts');
  const list = [...state.alerts.values()].sort((a, b) => b.id - a.id);
  setProp(box, 'hidden', list.length === 0 || state.screen !== 'tiles');
  for (const id of [...items.keys()]) if (!state.alerts.has(id)) items.delete(id);
  place(box.querySelector('ul'), list.map(item));
}

/** Forgets the items shown (a person logged out). */
export function forgetAlerts() {
  items.clear();
  document.querySelector('#alerts ul').replaceChildren();
}

function item(a) {
  let li = items.get(a.id);
  if (!li) {
    li = el('li', {}, el('p', { className: 'text' }), el('p', { className: 'meta' }));
    li.dataset.alertId = a.id;
    items.set(a.id, li);
  }
  setProp(li, 'className', `alert ${a.severity}`);
  li.dataset.kind = a.kind;
  setText(li.querySelector('.text'), language() === 'vi' ? a.textVi : a.textEn);
  setText(li.querySelector('.meta'), [t('since', { time: clock(Date.parse(a.openedAt)) }),
    a.occurrences > 1 ? plural('times', a.occurrences) : null,
    a.ackedBy ? t('ackedBy', { who: a.ackedBy }) : null].filter(Boolean).join(' · '));
  let ack = li.querySelector('.ack');
  if (!a.ackedBy && state.me && state.me.role !== 'officer') {
    if (!ack) {
      ack = el('button', { type: 'button', className: 'ack' });
      ack.onclick = () => acknowledge(a.id, ack);
      li.append(ack);
    }
    setText(ack, t(ack.dataset.failed ? 'ackFailed' : 'ack'));
    if (!ack.dataset.sending) setProp(ack, 'disabled', !state.live);
  } else if (ack) {
    ack.remove();
  }
  return li;
}

async function acknowledge(id, button) {
  button.disabled = true;
  button.dataset.sending = 'yes';
  try {
    const r = await apiJson(`/api/alerts/${id}/ack`, { method: 'POST' });
    if (!r.ok) throw new Error(r.status);
    delete button.dataset.sending;
    onAlert(r.body);
  } catch (e) {
    delete button.dataset.sending;
    if (e instanceof LoggedOut) return;
    button.disabled = false;
    button.dataset.failed = 'yes';
    button.textContent = t('ackFailed');
  }
}
