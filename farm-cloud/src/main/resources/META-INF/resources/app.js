// Farm dashboard, the page's entry module: greenhouse tiles with live values and output switches, a greenhouse's
// charts, harvests and seasons, the season comparisons. Vietnamese first, English on request. This module puts the
// others together: what one redraw shows, and what the clock, the network and the language button set going.
import { t, language, setLanguage } from './text.js';
import { clock } from './time.js';
import { onLoggedOut } from './api.js';
import { state, onRedraw } from './state.js';
import { onLoaded, load } from './data.js';
import { renderTiles } from './tiles.js';
import { renderAlerts } from './alerts.js';
import { renderDetail, drawCharts, resizeCharts, chartsMayRetry, shownGreenhouse } from './detail.js';
import { onShown } from './harvests.js';
import { renderReports } from './reports.js';
import { showLogin, checkSession, showOffline, lost } from './session.js';
import { streaming, dropIfClosed } from './stream.js';
import { saveSnapshot } from './snapshot.js';
import { setText, setAttr, setProp } from './dom.js';

function render() {
  const lang = language();
  document.documentElement.lang = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach(el => setText(el, t(el.dataset.i18n)));
  const button = document.getElementById('lang');
  setText(button, lang === 'vi' ? 'EN' : 'VI');
  setAttr(button, 'aria-label', lang === 'vi' ? 'English' : 'Tiếng Việt');
  const me = state.me;
  const who = document.getElementById('me');
  setText(who, me ? `${me.displayName} · ${t(me.role)}` + (me.cooperativeName ? ` · ${me.cooperativeName}` : '') : '');
  setProp(who, 'hidden', !me);
  setProp(document.getElementById('logout'), 'hidden', !me);
  setProp(document.getElementById('reports-link'), 'hidden', !me);
  renderConn();
  if (!me) return;
  renderDetail();
  renderReports();
  renderAlerts();
  renderTiles();
}

// "Không có mạng — số liệu lúc 14:05": why the values are not live, and how old they are.
function renderConn() {
  setText(document.querySelector('#conn .why'), navigator.onLine === false ? t('noNetwork') : t('reconnecting'));
  const since = document.getElementById('data-time');
  setProp(since, 'hidden', state.live || !state.me || !state.dataAt);
  setText(since, since.hidden ? '' : ` — ${t('dataAt', { time: clock(state.dataAt) })}`);
}

onRedraw(render);
onLoggedOut(() => showLogin());
onLoaded(chartsMayRetry);
onShown(shownGreenhouse);

document.getElementById('lang').onclick = () => {
  setLanguage(language() === 'vi' ? 'en' : 'vi');
  render();
  if (state.detailId !== null) drawCharts(); // axes, legends and numbers in the new language, from the data at hand
};

window.addEventListener('resize', resizeCharts);

setInterval(() => {
  render(); // keeps "x minutes ago" and stale marks honest without new data
  // A stream the server refused is not tried again by the browser; it is here, every 30 s, like a server that was away.
  dropIfClosed();
  if (state.me && !streaming()) checkSession().catch(() => {}); // offline values shown: is the server back?
}, 30 * 1000);
window.addEventListener('offline', () => {
  if (state.me) { document.getElementById('conn').hidden = false; lost(); }
});
window.addEventListener('online', () => {
  renderConn();
  if (!state.me) return;
  if (streaming()) load().catch(() => {}); else checkSession().catch(() => {});
});
document.addEventListener('visibilitychange', () => { if (document.hidden && state.live) saveSnapshot(); });
checkSession().catch(showOffline);
// The service worker keeps the app's files for opening without a network (browsers allow it over HTTPS and on
// localhost only); the app works the same without it.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => navigator.serviceWorker.register('sw.js').catch(() => {}));
}
