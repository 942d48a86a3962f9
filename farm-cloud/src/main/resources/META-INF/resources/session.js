// Logging in and out, and what follows from the session: the tiles, live while the stream is open; the values last
// seen, marked old, when the cloud cannot be reached. The session lives in an HttpOnly cookie the page never sees.
import { api, apiJson, LoggedOut } from './api.js';
import { t } from './text.js';
import { setFarmZone } from './time.js';
import { state, redraw, setGreenhouses } from './state.js';
import { openStream, closeStream, streaming } from './stream.js';
import { load, applyEvent } from './data.js';
import { route } from './router.js';
import { saveSnapshot, readSnapshot, forgetSnapshot } from './snapshot.js';
import { forgetTiles } from './tiles.js';
import { forgetAlerts } from './alerts.js';
import { forgetHarvests } from './harvests.js';
import { forgetSeries } from './detail.js';
import { loadedSeasons } from './lazy.js';

const conn = () => document.getElementById('conn');

/** Shows the login form (with `message`, if any) and forgets everything the last person saw. */
export function showLogin(message) {
  state.me = null;
  closeStream();
  state.greenhouses.clear(); state.commands.clear(); state.alerts.clear(); state.cooperatives.clear();
  forgetSeries(); forgetHarvests(); forgetTiles(); forgetAlerts();
  const seasons = loadedSeasons();
  if (seasons) seasons.forget();
  state.live = false; state.dataAt = null;
  forgetSnapshot(); // the next person on this phone must not see the last one's greenhouses
  conn().hidden = true;
  document.getElementById('login').hidden = false;
  route();
  const error = document.getElementById('login-error');
  error.hidden = !message; error.textContent = message || '';
  redraw();
  document.getElementById('login-name').focus();
}

function showApp(person) {
  state.me = person;
  setFarmZone(person.timezone);
  document.getElementById('login').hidden = true;
  route();
  redraw();
  load().catch((e) => { if (!(e instanceof LoggedOut)) { conn().hidden = false; lost(); } });
  if (!streaming()) connect();
}

function connect() {
  openStream({
    open: () => { conn().hidden = true; load().catch(() => {}); },
    // An error may mean the session ended (the stream answers 401): ask the server before showing "reconnecting".
    error: () => { conn().hidden = false; lost(); checkSession().catch(() => {}); },
    event: applyEvent,
  });
}

/** The values shown stop being live: each is marked old, the banner says since when, outputs cannot be switched. */
export function lost() {
  if (!state.live) return;
  state.live = false;
  saveSnapshot();
  redraw();
}

/**
 * Logged in and live, or showing the offline values (no stream then): the server's answer decides what comes next.
 * Rejects when the cloud cannot be reached.
 */
export async function checkSession() {
  let res;
  try {
    res = await api('/api/session');
  } catch (e) {
    if (e instanceof LoggedOut) return; // the login form is shown
    throw e;
  }
  if (res.ok && (!state.me || !streaming())) showApp(await res.json());
}

/** With no connection: the tiles of the last session on this phone, every value marked old. */
export function showOffline() {
  const snap = readSnapshot();
  conn().hidden = false;
  if (!snap) return;
  state.me = snap.me; state.dataAt = snap.at; state.live = false;
  setFarmZone(snap.me.timezone);
  setGreenhouses(snap.greenhouses || []);
  document.getElementById('login').hidden = true;
  route();
  redraw();
}

document.getElementById('login').onsubmit = async (event) => {
  event.preventDefault();
  const login = document.getElementById('login-name').value.trim();
  const password = document.getElementById('login-password').value;
  try {
    const r = await apiJson('/api/session', { method: 'POST', body: { login, password }, anonymous: true });
    document.getElementById('login-password').value = '';
    if (r.ok) { showApp(r.body); return; }
    if (r.status === 429) {
      const minutes = Math.ceil(Number(r.headers.get('Retry-After') || 900) / 60);
      showLogin(t('locked', { m: minutes }));
    } else {
      showLogin(r.status === 401 ? t('wrong_login') : `${t('loginFailed')} ${(r.body && r.body.message) || ''}`);
    }
  } catch (e) {
    showLogin(t('loginFailed'));
  }
};

document.getElementById('logout').onclick = async () => {
  await api('/api/session', { method: 'DELETE' }).catch(() => {});
  showLogin();
};
