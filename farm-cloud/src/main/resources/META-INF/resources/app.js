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
    loginTitle: 'Đăng nhập', loginName: 'Tên đăng nhập hoặc số điện thoại', password: 'Mật khẩu',
    signIn: 'Đăng nhập', signOut: 'Đăng xuất', wrong_login: 'Sai tên đăng nhập hoặc mật khẩu.',
    locked: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {m} phút.', loginFailed: 'Không đăng nhập được.',
    day: 'ngày {n}', notPlanted: 'chưa trồng',
    readOnly: 'Chỉ xem', admin: 'Quản trị', manager: 'Quản lý HTX', farmer: 'Nông dân', officer: 'Khuyến nông',
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
    loginTitle: 'Log in', loginName: 'Username or phone number', password: 'Password',
    signIn: 'Log in', signOut: 'Log out', wrong_login: 'Wrong username or password.',
    locked: 'Too many failed logins. Please try again in {m} min.', loginFailed: 'Could not log in.',
    day: 'day {n}', notPlanted: 'not planted yet',
    readOnly: 'View only', admin: 'Administrator', manager: 'Cooperative manager', farmer: 'Farmer',
    officer: 'Extension officer',
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
let me = null;        // the person logged in, from /api/session
let source = null;    // the live EventSource while logged in
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
  const who = document.getElementById('me');
  who.textContent = me ? `${me.displayName} · ${t(me.role)}` + (me.cooperativeName ? ` · ${me.cooperativeName}` : '') : '';
  who.hidden = !me;
  document.getElementById('logout').hidden = !me;
  const main = document.getElementById('greenhouses');
  if (!me) return;
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
  const crop = node.querySelector('.crop');
  crop.textContent = (g.cropCycles || []).map(cropLine).join('; ');
  crop.hidden = !crop.textContent;
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

// "Cà chua Savior · ngày 45 · Phát triển thân lá": the crop, its day from planting and its stage.
function cropLine(c) {
  const name = (c.cropNames && (c.cropNames[lang] || c.cropNames.en)) || c.crop;
  const stage = c.stage ? (c.stage.names[lang] || c.stage.names.en) : t('notPlanted');
  return [c.variety ? `${name} ${c.variety}` : name, c.day >= 0 ? t('day').replace('{n}', c.day) : null, stage]
    .filter(Boolean).join(' · ');
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
  } else if (me && me.role === 'officer') {
    const note = document.createElement('small'); note.className = 'readonly'; note.textContent = t('readOnly');
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
    if (res.status === 401) { showLogin(); return; }
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
  if (res.status === 401) { showLogin(); return; }
  const list = await res.json();
  greenhouses.clear();
  for (const g of list) greenhouses.set(g.deviceId || `gh-${g.id}`, g);
  render();
}

function connect() {
  const conn = document.getElementById('conn');
  source = new EventSource('/api/stream');
  source.onopen = () => { conn.hidden = true; load().catch(() => {}); };
  // An error may mean the session ended (the stream answers 401): ask the server before showing "reconnecting".
  source.onerror = () => { conn.hidden = false; checkSession().catch(() => {}); };
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
// Logging in and out. The session lives in an HttpOnly cookie the page never sees.
function showLogin(message) {
  me = null;
  if (source) { source.close(); source = null; }
  greenhouses.clear(); commands.clear();
  document.getElementById('greenhouses').hidden = true;
  document.getElementById('conn').hidden = true;
  document.getElementById('login').hidden = false;
  const error = document.getElementById('login-error');
  error.hidden = !message; error.textContent = message || '';
  render();
  document.getElementById('login-name').focus();
}

function showApp(person) {
  me = person;
  document.getElementById('login').hidden = true;
  document.getElementById('greenhouses').hidden = false;
  render();
  load().catch(() => { document.getElementById('conn').hidden = false; });
  if (!source) connect();
}

async function checkSession() {
  const res = await fetch('/api/session');
  if (res.status === 401) { showLogin(); return; }
  if (res.ok && !me) showApp(await res.json());
}

document.getElementById('login').onsubmit = async (event) => {
  event.preventDefault();
  const login = document.getElementById('login-name').value.trim();
  const password = document.getElementById('login-password').value;
  try {
    const res = await fetch('/api/session', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }),
    });
    const body = await res.json();
    document.getElementById('login-password').value = '';
    if (res.ok) { showApp(body); return; }
    if (res.status === 429) {
      const minutes = Math.ceil(Number(res.headers.get('Retry-After') || 900) / 60);
      showLogin(t('locked').replace('{m}', minutes));
    } else {
      showLogin(res.status === 401 ? t('wrong_login') : `${t('loginFailed')} ${body.message || ''}`);
    }
  } catch (e) {
    showLogin(t('loginFailed'));
  }
};

document.getElementById('logout').onclick = async () => {
  await fetch('/api/session', { method: 'DELETE' }).catch(() => {});
  showLogin();
};

setInterval(render, 30 * 1000); // keeps "x minutes ago" and stale marks honest without new data
checkSession().catch(() => { document.getElementById('conn').hidden = false; });
