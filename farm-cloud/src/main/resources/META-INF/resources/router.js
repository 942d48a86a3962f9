// Screens by address: the tiles at #/ (or no hash), a greenhouse's screen at #/g/{greenhouseId} (or
// #/g/{greenhouseId}/{deviceId} for one controller of several), the season comparisons at #/reports. Back returns
// where the person came from, and the tiles where they were left.
import { state } from './state.js';
import { renderAlerts } from './alerts.js';
import { renderDetail, leaveDetail, clearCharts, drawCharts, chartsDrawn } from './detail.js';
import { renderReports } from './reports.js';

const trail = [location.hash]; // the addresses this page went through
let tilesScroll = 0;

/** Shows the screen the address names (the tiles when nobody is logged in). */
export function route() {
  const m = /^#\/g\/(\d+)(?:\/([a-z0-9-]+))?$/.exec(location.hash);
  const next = !state.me ? 'tiles' : m ? 'detail' : location.hash === '#/reports' ? 'reports' : 'tiles';
  const id = next === 'detail' ? Number(m[1]) : null;
  const device = next === 'detail' && m[2] ? m[2] : null;
  const was = state.screen;
  if (was === 'tiles' && next !== 'tiles') tilesScroll = window.scrollY;
  state.screen = next;
  document.getElementById('greenhouses').hidden = !state.me || next !== 'tiles';
  document.getElementById('detail').hidden = next !== 'detail';
  document.getElementById('reports').hidden = next !== 'reports';
  if (id === state.detailId && device === state.detailDevice && next === was) return;
  if (state.detailId !== null && id !== state.detailId) {
    leaveDetail();
  } else if (device !== state.detailDevice) {
    clearCharts();
  }
  state.detailId = id;
  state.detailDevice = device;
  renderAlerts();
  if (next === 'tiles') {
    if (was !== 'tiles') requestAnimationFrame(() => window.scrollTo(0, tilesScroll));
    return;
  }
  window.scrollTo(0, 0);
  if (next === 'reports') {
    renderReports(true);
    document.getElementById('reports-title').focus({ preventScroll: true });
    return;
  }
  renderDetail();
  if (!chartsDrawn()) drawCharts();
  document.getElementById('detail-name').focus({ preventScroll: true });
}

window.addEventListener('hashchange', () => {
  if (trail.length > 1 && trail[trail.length - 2] === location.hash) trail.pop(); else trail.push(location.hash);
  route();
});

document.querySelectorAll('.back').forEach((b) => {
  b.onclick = () => {
    if (trail.length > 1) { history.back(); return; }
    history.replaceState(null, '', location.pathname + location.search);
    trail.splice(0, trail.length, '');
    route();
  };
});
