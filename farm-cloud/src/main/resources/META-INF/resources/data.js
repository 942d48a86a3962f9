// What the tiles show, from the cloud: the greenhouses (one unit per controller) with the open alerts and the
// cooperatives' names, loaded on login and each reconnection, then kept current by the live stream's events.
import { api } from './api.js';
import { state, redraw, setGreenhouses, units, byDevice } from './state.js';
import { loadAlerts, onAlert } from './alerts.js';
import { onCommand } from './commands.js';
import { saveSnapshot, saveSnapshotSoon } from './snapshot.js';

let loaded = () => {};

/** Calls `then` after each load (the charts may draw again once the values are live). */
export function onLoaded(then) { loaded = then; }

/** Loads the greenhouses, alerts and cooperatives; the values shown are live from then on. */
export async function load() {
  const res = await api('/api/greenhouses');
  const list = await res.json();
  setGreenhouses(list.flatMap(units));
  await Promise.all([loadAlerts(), loadCooperatives()]).catch(() => {});
  state.live = true;
  state.dataAt = Date.now();
  document.getElementById('conn').hidden = true;
  saveSnapshot();
  loaded();
  redraw();
}

async function loadCooperatives() {
  if (state.me && state.me.role === 'farmer') return;
  const res = await api('/api/cooperatives');
  if (!res.ok) return;
  for (const c of await res.json()) state.cooperatives.set(c.id, c.name);
}

/** Applies one event of the live stream. */
export function applyEvent(e) {
  if (e.type === 'command') { onCommand(e.data); return; }
  if (e.type === 'alert') { onAlert(e.data); return; }
  const g = byDevice(e.deviceId);
  if (!g) { if (e.type !== 'event') load().catch(() => {}); return; }
  if (e.type === 'telemetry') {
    g.latest = e.data.readings; g.lastSeen = new Date().toISOString(); g.online = true;
  } else if (e.type === 'state') {
    g.actuators = e.data.actuators;
  } else if (e.type === 'status') {
    g.online = e.data.online;
  }
  if (state.live) { state.dataAt = Date.now(); saveSnapshotSoon(); }
  redraw();
}
