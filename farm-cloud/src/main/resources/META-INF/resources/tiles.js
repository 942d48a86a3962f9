// The greenhouse tiles (and, for managers, officers and administrators, each cooperative's overview above its
// tiles). Each tile, value and output row is kept by its controller, quantity and output id, and a redraw changes
// only the texts and attributes that differ: a focused button or an open duration list survives a live update, and
// only a status change (an output switching, a controller going offline or coming back) is announced.
import { t, plural, number, ago } from './text.js';
import { state, redraw, unitKey, unitName, detailHref } from './state.js';
import { cropLine } from './crops.js';
import { send } from './commands.js';
import { announce } from './announce.js';
import { setText, setAttr, setProp, place, el } from './dom.js';

const ORDER = ['soil_moisture', 'air_temperature', 'air_humidity', 'vpd', 'light', 'soil_temperature'];
export const DIGITS = { soil_moisture: 0, air_temperature: 1, air_humidity: 0, vpd: 2, light: 0, soil_temperature: 1 };
// Outputs in the order a grower thinks of them; any other output follows, by id.
const OUTPUTS = ['pump', 'fan', 'mist', 'grow-light', 'pump-power'];
// Supply relays in series with another output: the controller moves them with it, so they are shown, not switched.
const FOLLOWERS = new Set(['pump-power']);
const STALE_MS = 3 * 60 * 1000;
const ON_MINUTES = 5;
// How long a farmer may switch an output on for from the phone, minutes; the safety layer may still end it sooner.
const RUN_MINUTES = [5, 15, 30, 60];

const tiles = new Map();   // unit key -> { node, values: quantities shown, outputs: Map(id -> row), online, on }
const heads = new Map();   // cooperative id -> its overview
let empty = null;          // "no greenhouses yet"

/** Brings the tiles up to date with the state, changing only what differs. */
export function renderTiles() {
  const main = document.getElementById('greenhouses');
  for (const key of [...tiles.keys()]) if (!state.greenhouses.has(key)) tiles.delete(key);
  const wanted = [];
  if (state.greenhouses.size === 0) {
    if (!empty) empty = el('p', { className: 'empty' });
    setText(empty, t('none'));
    wanted.push(empty);
  } else if (state.me.role === 'farmer') {
    for (const g of state.greenhouses.values()) wanted.push(tile(g));
  } else {
    // Managers, officers and administrators get each cooperative's overview above its greenhouses.
    const byCoop = new Map();
    for (const g of state.greenhouses.values()) {
      if (!byCoop.has(g.cooperativeId)) byCoop.set(g.cooperativeId, []);
      byCoop.get(g.cooperativeId).push(g);
    }
    for (const coop of [...heads.keys()]) if (!byCoop.has(coop)) heads.delete(coop);
    for (const [coop, list] of byCoop) {
      wanted.push(overview(coop, list));
      for (const g of list) wanted.push(tile(g));
    }
  }
  place(main, wanted);
}

/** Forgets every tile (a person logged out: the next one starts afresh, and hears nothing of the last one's). */
export function forgetTiles() {
  tiles.clear();
  heads.clear();
  document.getElementById('greenhouses').replaceChildren();
}

// "HTX Rau an toàn Mộc Châu — 2 nhà kính · 2 trực tuyến · 1 cảnh báo".
function overview(coop, list) {
  let head = heads.get(coop);
  if (!head) {
    head = el('section', { className: 'coop' }, el('h2'), el('p', { className: 'summary' }));
    head.dataset.cooperative = coop;
    heads.set(coop, head);
  }
  setText(head.querySelector('h2'), state.cooperatives.get(coop) || `HTX ${coop}`);
  const online = list.filter(g => g.deviceId && g.online).length;
  const offline = list.filter(g => g.deviceId && !g.online).length;
  const houses = new Set(list.map(g => g.id)).size;
  const open = [...state.alerts.values()].filter(a => a.cooperativeId === coop).length;
  const p = head.querySelector('.summary');
  setText(p, [plural('houses', houses), t('onlineN', { n: online }), offline ? t('offlineN', { n: offline }) : null,
    open ? plural('alertCount', open) : null].filter(Boolean).join(' · '));
  p.classList.toggle('attention', offline > 0 || open > 0);
  return head;
}

function tile(g) {
  const key = unitKey(g);
  let entry = tiles.get(key);
  if (!entry) {
    const node = document.getElementById('tile').content.firstElementChild.cloneNode(true);
    // Attributes, not .href: the clone still belongs to the template's document, whose address is about:blank.
    node.querySelector('.name').append(el('a', { className: 'open' }));
    entry = { node, values: '', outputs: new Map(), online: null, on: new Map() };
    tiles.set(key, entry);
  }
  const node = entry.node;
  setAttr(node, 'data-device', g.deviceId || '');
  setAttr(node, 'data-seen', g.lastSeen || '');
  const open = node.querySelector('.open');
  setAttr(open, 'href', detailHref(g));
  setText(open, unitName(g));
  const charts = node.querySelector('.charts');
  setAttr(charts, 'href', detailHref(g));
  setText(charts, t('charts'));
  const online = node.querySelector('.online');
  setText(online, g.deviceId ? (g.online ? t('online') : t('offline')) : t('noDevice'));
  setProp(online, 'className', 'online ' + (g.online ? 'yes' : 'no') + (state.live ? '' : ' old'));
  setAttr(online, 'title', state.live ? null : t('stale'));
  if (g.deviceId && entry.online !== null && entry.online !== g.online && state.live) {
    announce(t(g.online ? 'announceOnline' : 'announceOffline', { house: unitName(g) }));
  }
  entry.online = g.online;
  setText(node.querySelector('.seen'), `${t('seen')}: ${ago(g.lastSeen)}`);
  // A tile of one controller of several counts that controller's alerts; the greenhouse's own go on every tile.
  const alerting = [...state.alerts.values()].filter(a => a.greenhouseId === g.id
    && (!g.part || !a.deviceId || a.deviceId === g.deviceId)).length;
  const badge = node.querySelector('.alert-count');
  setProp(badge, 'hidden', alerting === 0);
  setText(badge, plural('alertCount', alerting));
  const crop = node.querySelector('.crop');
  setText(crop, (g.cropCycles || []).map(cropLine).join('; '));
  setProp(crop, 'hidden', !crop.textContent);
  values(entry, g);
  outputs(entry, g);
  return node;
}

// Several probes of one quantity (two soil probes) are shown as their mean, as a farmer reads "the soil".
function summarize(readings) {
  const by = new Map();
  for (const r of readings || []) {
    const cur = by.get(r.quantity) || { sum: 0, n: 0, unit: r.unit, at: r.at };
    cur.sum += r.value; cur.n += 1; if (r.at < cur.at) cur.at = r.at;
    by.set(r.quantity, cur);
  }
  return by;
}

function values(entry, g) {
  const dl = entry.node.querySelector('.values');
  const summary = summarize(g.latest);
  const shown = ORDER.filter(q => summary.has(q));
  if (entry.values !== shown.join()) {
    dl.replaceChildren(...shown.flatMap((q) => {
      const dd = el('dd');
      dd.dataset.quantity = q;
      return [el('dt'), dd];
    }));
    entry.values = shown.join();
  }
  for (const q of shown) {
    const s = summary.get(q);
    const dd = dl.querySelector(`dd[data-quantity='${q}']`);
    setText(dd.previousElementSibling, t(q));
    setText(dd, `${number(s.sum / s.n, DIGITS[q])} ${s.unit}`);
    const stale = !state.live || Date.now() - Date.parse(s.at) > STALE_MS;
    dd.classList.toggle('stale', stale);
    setAttr(dd, 'title', stale ? t('stale') : null);
  }
}

function outputs(entry, g) {
  const box = entry.node.querySelector('.outputs');
  const rank = (id) => (OUTPUTS.indexOf(id) + 1) || OUTPUTS.length + 1;
  const ids = Object.keys(g.actuators || {}).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const id of [...entry.outputs.keys()]) if (!ids.includes(id)) entry.outputs.delete(id);
  const rows = ids.map((id) => {
    const mode = FOLLOWERS.has(id) ? 'follows' : state.me && state.me.role === 'officer' ? 'readOnly' : 'control';
    let row = entry.outputs.get(id);
    if (!row || row.dataset.mode !== mode) {
      row = outputRow(g.deviceId, id, mode);
      entry.outputs.set(id, row);
    }
    output(entry, row, g, id, g.actuators[id]);
    return row;
  });
  place(box, rows);
}

// One output's row, built once: its name, state and, for those who may switch it, the run length and buttons.
// Each button is named by its own text and the output's ("Bật 5 phút Máy bơm"), which the label's id gives.
function outputRow(deviceId, id, mode) {
  const key = `${deviceId}/${id}`;
  const ids = `out-${deviceId}-${id}`;
  const box = el('div', { className: 'output' });
  box.dataset.actuator = id;
  box.dataset.mode = mode;
  const label = el('span', { className: 'label', id: `${ids}-label` });
  const buttons = el('div', { className: 'buttons' });
  box.append(el('div', { className: 'row' }, label, el('span', { className: 'state' }), buttons),
    el('p', { className: 'why', hidden: true }));
  if (mode !== 'control') {
    buttons.append(el('small', { className: mode === 'readOnly' ? 'readonly' : '' }));
    return box;
  }
  const pick = el('select', { className: 'duration', id: `${ids}-for` });
  pick.append(...RUN_MINUTES.map(m => new Option('', m)));
  pick.onchange = () => { state.runFor.set(key, Number(pick.value)); redraw(); };
  const button = (action, run) => {
    const b = el('button', { type: 'button', id: `${ids}-${action}` });
    b.dataset.action = action;
    b.setAttribute('aria-labelledby', `${b.id} ${label.id}`);
    b.onclick = run;
    return b;
  };
  const on = button('on', () => send(deviceId, id, 'on', (state.runFor.get(key) || ON_MINUTES) * 60));
  on.className = 'on';
  buttons.append(pick, on, button('off', () => send(deviceId, id, 'off')),
    button('auto', () => send(deviceId, id, 'auto')));
  return box;
}

function output(entry, box, g, id, s) {
  const key = `${g.deviceId}/${id}`;
  const label = box.querySelector('.label');
  setText(label, t(id));
  const st = box.querySelector('.state');
  setProp(st, 'className', 'state' + (s.on ? ' on' : ''));
  setText(st, s.on ? t('isOn') : t('isOff'));
  const was = entry.on.get(id);
  if (was !== undefined && was !== !!s.on && state.live) {
    announce(t(s.on ? 'announceOn' : 'announceOff', { output: t(id), house: unitName(g) }));
  }
  entry.on.set(id, !!s.on);
  const cmd = state.commands.get(key);
  const busy = !!cmd && (cmd.status === 'queued' || cmd.status === 'sent');
  const mode = box.dataset.mode;
  if (mode === 'control') {
    const minutes = state.runFor.get(key) || ON_MINUTES;
    const pick = box.querySelector('select.duration');
    setAttr(pick, 'aria-label', `${t('forMinutes')} ${t(id)}`);
    [...pick.options].forEach(o => setText(o, t('minutes', { m: o.value })));
    if (pick.value !== String(minutes)) pick.value = String(minutes);
    setText(box.querySelector('[data-action=on]'), t('turnOn', { m: minutes }));
    setText(box.querySelector('[data-action=off]'), t('turnOff'));
    setText(box.querySelector('[data-action=auto]'), t('turnAuto'));
    const disabled = busy || !g.online || !state.live; // offline: the outcome could not be followed
    box.querySelectorAll('button, select').forEach(c => setProp(c, 'disabled', disabled));
  } else {
    setText(box.querySelector('small'), t(mode));
  }
  const why = box.querySelector('.why');
  setText(why, [cause(s.cause), remaining(s.until)].filter(Boolean).join(' · '));
  setProp(why, 'hidden', !why.textContent || mode === 'follows');
  let p = box.querySelector('.cmd');
  if (!cmd) {
    if (p) p.remove();
    return;
  }
  if (!p) { p = el('p'); box.append(p); }
  const pending = cmd.status === 'queued' || cmd.status === 'sent';
  setProp(p, 'className', 'cmd ' + (pending ? 'pending' : cmd.status));
  setAttr(p, 'data-status', cmd.status);
  setText(p, t(cmd.status) + (cmd.reason && !pending ? ` — ${t('cause')}: ${cmd.reason}` : ''));
}

// Who decides an output now, in the farmer's words.
function cause(c) {
  if (!c) return null;
  if (c.startsWith('rule:') || c.startsWith('schedule:')) return t('causeRule');
  if (c.startsWith('command:')) return t('causeCommand');
  if (c === 'override') return t('causeOverride');
  if (c.startsWith('safety:')) return `${t('causeSafety')} (${c.slice(7)})`;
  return t('causeAuto');
}

// "còn 4 phút": the time left of the command or override holding an output.
function remaining(until) {
  if (!until) return null;
  const s = Math.ceil((Date.parse(until) - Date.now()) / 1000);
  if (s <= 0) return null;
  const span = s < 60 ? `${s} ${t('s')}` : s < 5400 ? `${Math.ceil(s / 60)} ${t('min')}` : `${Math.round(s / 3600)} ${t('h')}`;
  return t('left', { t: span });
}
