// Farm dashboard: greenhouse tiles with live values and output switches. Vietnamese first, English on request.
'use strict';

const TEXT = {
  vi: {
    title: 'Nhà kính của tôi', loading: 'Đang tải…', none: 'Chưa có nhà kính nào.',
    reconnecting: 'Mất kết nối máy chủ, đang kết nối lại…', online: 'Trực tuyến', offline: 'Mất kết nối',
    noDevice: 'Chưa gắn bộ điều khiển', seen: 'Cập nhật', never: 'chưa có dữ liệu', ago: 'trước',
    s: 'giây', min: 'phút', h: 'giờ', d: 'ngày', stale: 'số liệu cũ',
    soil_moisture: 'Độ ẩm đất', air_temperature: 'Nhiệt độ không khí', air_humidity: 'Độ ẩm không khí',
    vpd: 'VPD (độ thiếu hụt hơi nước)', light: 'Ánh sáng', soil_temperature: 'Nhiệt độ đất',
    pump: 'Máy bơm', fan: 'Quạt thông gió', 'grow-light': 'Đèn trồng cây', mist: 'Phun sương',
    'pump-power': 'Nguồn máy bơm', follows: 'tự động theo máy bơm (rơ-le an toàn)',
    isOn: 'Đang bật', isOff: 'Đang tắt', turnOn: 'Bật {m} phút', turnOff: 'Tắt',
    queued: 'Đang chờ gửi…', sent: 'Đã gửi, chờ thiết bị xác nhận…', applied: 'Thiết bị đã thực hiện',
    refused: 'Thiết bị từ chối', expired: 'Lệnh hết hạn, không thực hiện', timed_out: 'Thiết bị không phản hồi',
    failed: 'Không gửi được lệnh', cause: 'Lý do',
  },
  en: {
    title: 'My greenhouses', loading: 'Loading…', none: 'No greenhouses yet.',
    reconnecting: 'Lost the server, reconnecting…', online: 'Online', offline: 'Offline',
    noDevice: 'No controller assigned', seen: 'Updated', never: 'no data yet', ago: 'ago',
    s: 's', min: 'min', h: 'h', d: 'd', stale: 'old data',
    soil_moisture: 'Soil moisture', air_temperature: 'Air temperature', air_humidity: 'Air humidity',
    vpd: 'VPD (vapour pressure deficit)', light: 'Light', soil_temperature: 'Soil temperature',
    pump: 'Pump', fan: 'Fan', 'grow-light': 'Grow light', mist: 'Mist',
    'pump-power': 'Pump power', follows: 'follows the pump (safety relay)',
    isOn: 'On', isOff: 'Off', turnOn: 'On for {m} min', turnOff: 'Off',
    queued: 'Waiting to send…', sent: 'Sent, waiting for the device…', applied: 'Done by the device',
    refused: 'Refused by the device', expired: 'Command expired, not carried out',
    timed_out: 'No answer from the device', failed: 'Could not send the command', cause: 'Reason',
  },
};
const ORDER = ['soil_moisture', 'air_temperature', 'air_humidity', 'vpd', 'light', 'soil_temperature'];
const DIGITS = { soil_moisture: 0, air_temperature: 1, air_humidity: 0, vpd: 2, light: 0, soil_temperature: 1 };
// Outputs in the order a grower thinks of them; any other output follows, by id.
const OUTPUTS = ['pump', 'fan', 'mist', 'grow-light', 'pump-power'];
// Supply relays in series with another output: the controller moves them with it, so they are shown, not switched.
const FOLLOWERS = new Set(['pump-power']);
const STALE_MS = 3 * 60 * 1000;
const ON_MINUTES = 5;

let lang = localStorage.getItem('lang') || 'vi';
const greenhouses = new Map(); // deviceId (or 'gh-<id>') -> view from /api/greenhouses
const commands = new Map();    // deviceId/actuator -> last command row

function t(key) { return (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key; }

function ago(iso) {
  if (!iso) return t('never');
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} ${t('s')} ${t('ago')}`;
  if (s < 3600) return `${Math.round(s / 60)} ${t('min')} ${t('ago')}`;
  if (s < 86400) return `${Math.round(s / 3600)} ${t('h')} ${t('ago')}`;
  return `${Math.round(s / 86400)} ${t('d')} ${t('ago')}`;
}

function number(v, digits) {
  return v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB',
    { minimumFractionDigits: digits, maximumFractionDigits: digits });
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

function render() {
  document.documentElement.lang = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  const button = document.getElementById('lang');
  button.textContent = lang === 'vi' ? 'EN' : 'VI';
  button.setAttribute('aria-label', lang === 'vi' ? 'English' : 'Tiếng Việt');
  const main = document.getElementById('greenhouses');
  main.replaceChildren();
  if (greenhouses.size === 0) {
    const p = document.createElement('p'); p.className = 'empty'; p.textContent = t('none'); main.append(p);
    return;
  }
  for (const g of greenhouses.values()) main.append(tile(g));
}

function tile(g) {
  const node = document.getElementById('tile').content.firstElementChild.cloneNode(true);
  node.dataset.device = g.deviceId || '';
  node.querySelector('.name').textContent = g.name;
  const online = node.querySelector('.online');
  online.textContent = g.deviceId ? (g.online ? t('online') : t('offline')) : t('noDevice');
  online.className = 'online ' + (g.online ? 'yes' : 'no');
  node.querySelector('.seen').textContent = `${t('seen')}: ${ago(g.lastSeen)}`;
  const values = node.querySelector('.values');
  const summary = summarize(g.latest);
  for (const q of ORDER) {
    const s = summary.get(q);
    if (!s) continue;
    const dt = document.createElement('dt'); dt.textContent = t(q);
    const dd = document.createElement('dd'); dd.dataset.quantity = q;
    dd.textContent = `${number(s.sum / s.n, DIGITS[q])} ${s.unit}`;
    if (Date.now() - Date.parse(s.at) > STALE_MS) { dd.classList.add('stale'); dd.title = t('stale'); }
    values.append(dt, dd);
  }
  const outputs = node.querySelector('.outputs');
  const rank = (id) => (OUTPUTS.indexOf(id) + 1) || OUTPUTS.length + 1;
  const entries = Object.entries(g.actuators || {}).sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  for (const [id, state] of entries) outputs.append(output(g, id, state));
  return node;
}

function output(g, id, state) {
  const box = document.createElement('div'); box.className = 'output'; box.dataset.actuator = id;
  const row = document.createElement('div'); row.className = 'row';
  const label = document.createElement('span'); label.className = 'label'; label.textContent = t(id);
  const st = document.createElement('span'); st.className = 'state' + (state.on ? ' on' : '');
  st.textContent = state.on ? t('isOn') : t('isOff');
  const buttons = document.createElement('div'); buttons.className = 'buttons';
  const cmd = commands.get(`${g.deviceId}/${id}`);
  const busy = cmd && (cmd.status === 'queued' || cmd.status === 'sent');
  const on = document.createElement('button'); on.type = 'button'; on.className = 'on'; on.dataset.action = 'on';
  on.textContent = t('turnOn').replace('{m}', ON_MINUTES);
  on.onclick = () => send(g.deviceId, id, 'on', ON_MINUTES * 60);
  const off = document.createElement('button'); off.type = 'button'; off.dataset.action = 'off';
  off.textContent = t('turnOff'); off.onclick = () => send(g.deviceId, id, 'off');
  on.disabled = off.disabled = busy || !g.online;
  if (FOLLOWERS.has(id)) {
    const note = document.createElement('small'); note.textContent = t('follows');
    buttons.append(note);
  } else {
    buttons.append(on, off);
  }
  row.append(label, st, buttons);
  box.append(row);
  if (cmd) {
    const p = document.createElement('p');
    const pending = cmd.status === 'queued' || cmd.status === 'sent';
    p.className = 'cmd ' + (pending ? 'pending' : cmd.status);
    p.dataset.status = cmd.status;
    p.textContent = t(cmd.status) + (cmd.reason && !pending ? ` — ${t('cause')}: ${cmd.reason}` : '');
    box.append(p);
  }
  return box;
}

async function send(deviceId, actuator, action, durationS) {
  commands.set(`${deviceId}/${actuator}`, { status: 'queued' });
  render();
  try {
    const res = await fetch(`/api/devices/${encodeURIComponent(deviceId)}/commands`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ actuator, action, durationS }),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || res.status);
    onCommand(body);
  } catch (e) {
    commands.set(`${deviceId}/${actuator}`, { status: 'failed', reason: String(e.message || e) });
    render();
  }
}

function onCommand(row) {
  const key = `${row.deviceId}/${row.actuator}`;
  const known = commands.get(key);
  // Events can overtake the POST's answer; never let an older status replace a final one.
  if (known && known.commandId === row.commandId && known.updatedAt > row.updatedAt) return;
  commands.set(key, row);
  render();
}

function byDevice(deviceId) {
  for (const g of greenhouses.values()) if (g.deviceId === deviceId) return g;
  return null;
}

async function load() {
  const res = await fetch('/api/greenhouses');
  const list = await res.json();
  greenhouses.clear();
  for (const g of list) greenhouses.set(g.deviceId || `gh-${g.id}`, g);
  render();
}

function connect() {
  const conn = document.getElementById('conn');
  const source = new EventSource('/api/stream');
  source.onopen = () => { conn.hidden = true; load().catch(() => {}); };
  source.onerror = () => { conn.hidden = false; };
  source.onmessage = (m) => {
    const e = JSON.parse(m.data);
    if (e.type === 'ping') return;
    if (e.type === 'command') { onCommand(e.data); return; }
    const g = byDevice(e.deviceId);
    if (!g) { if (e.type !== 'event') load().catch(() => {}); return; }
    if (e.type === 'telemetry') {
      g.latest = e.data.readings; g.lastSeen = new Date().toISOString(); g.online = true;
    } else if (e.type === 'state') {
      g.actuators = e.data.actuators;
    } else if (e.type === 'status') {
      g.online = e.data.online;
    }
    render();
  };
}

document.getElementById('lang').onclick = () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('lang', lang);
  render();
};
setInterval(render, 30 * 1000); // keeps "x minutes ago" and stale marks honest without new data
load().catch(() => { document.getElementById('conn').hidden = false; });
connect();
