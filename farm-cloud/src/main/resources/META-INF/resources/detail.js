// A greenhouse's screen (#/g/{id}, or #/g/{id}/{deviceId} for one controller of several): its name and crop, one
// chart per quantity over 24 hours, 7 days or the season, then its harvests and, from seasons.js, its crop cycles
// and season report.
import { api } from './api.js';
import { t, number, language } from './text.js';
import { farmZone, farmTime, farmDate } from './time.js';
import { state, redraw, unitName } from './state.js';
import { cropLine, plantedOn } from './crops.js';
import { DIGITS } from './tiles.js';
import { loadCharts, withSeasons, loadedSeasons } from './lazy.js';
import { loadHarvests, renderHarvests, harvestsOf, forgetHarvests } from './harvests.js';

// The detail screen charts these, in this order.
const CHARTED = ['soil_moisture', 'air_temperature', 'air_humidity', 'vpd', 'light'];
// Points per series a chart asks for: more than a phone's width shows apart, far fewer than a season of readings.
const CHART_POINTS = 200;

let chartRange = 'day';
let drawn = null;          // what the charts show ('deviceId range'), or the draw under way
let draws = 0;             // counts draws, so that only the latest one puts its charts on screen
let chartsFailedAt = 0;    // a failed draw is tried again with live data, but not more than every 30 s
let plots = [];
let charts = null;         // the chart module once loaded
const seriesCache = new Map(); // 'deviceId range' -> { at, body }, so a language switch draws without a download

/** The unit shown on the greenhouse's screen, or null. */
export function shownGreenhouse() {
  for (const g of state.greenhouses.values()) {
    if (g.id === state.detailId && (state.detailDevice === null || g.deviceId === state.detailDevice)) return g;
  }
  return null;
}

/** Brings the greenhouse's screen up to date; draws its charts once it is known and the values are live. */
export function renderDetail() {
  if (state.detailId === null) return;
  const g = shownGreenhouse();
  document.getElementById('detail-name').textContent = g ? unitName(g)
    : (state.greenhouses.size ? t('notFound') : t('loading'));
  const crop = document.getElementById('detail-crop');
  crop.textContent = g ? (g.cropCycles || []).map(cropLine).join('; ') : '';
  crop.hidden = !crop.textContent;
  const planted = g && plantedOn(g);
  const h = harvestsOf();
  if (g && state.live && (!h || h.g !== g.id)) loadHarvests(g);
  renderHarvests();
  if (g) withSeasons(s => s.detail(g), redraw);
  document.getElementById('ranges').setAttribute('aria-label', t('ranges'));
  document.querySelectorAll('#ranges button').forEach((b) => {
    const range = b.dataset.range;
    b.textContent = t(range === 'season' ? (planted ? 'season' : 'days90') : range === 'week' ? 'week' : 'day1');
    b.setAttribute('aria-pressed', String(range === chartRange));
  });
  const span = document.getElementById('detail-span');
  const plantedText = planted && farmDate(planted, { day: 'numeric', month: 'long', year: 'numeric' });
  span.textContent = !g ? '' : chartRange === 'day' ? t('spanHours') : chartRange === 'week' ? t('spanWeek')
    : planted ? t('spanSeason', { date: plantedText }) : t('spanDays', { n: 90 });
  // A detail screen opened before the greenhouses arrived, or offline, draws once they are known and live.
  if (g && state.live && drawn !== `${g.deviceId} ${chartRange}` && Date.now() - chartsFailedAt > 30e3) drawCharts();
}

/** Leaves the greenhouse's screen: its charts, harvests and crop cycles are forgotten. */
export function leaveDetail() {
  clearCharts();
  forgetHarvests();
  const seasons = loadedSeasons();
  if (seasons) seasons.leave();
}

/** Whether the charts need drawing when the screen opens. */
export function chartsDrawn() { return drawn !== null; }

/** After a load the values are live again: a failed draw may be tried at once. */
export function chartsMayRetry() { chartsFailedAt = 0; }

/** Forgets the downloaded series (a person logged out). */
export function forgetSeries() { seriesCache.clear(); }

function chartSpan(g, range) {
  const to = Date.now();
  const days = range === 'day' ? 1 : range === 'week' ? 7 : 90;
  const planted = range === 'season' && plantedOn(g);
  return { from: planted ? farmTime(planted, '00:00:00') : to - days * 86400e3, to };
}

async function series(g, range) {
  const key = `${g.deviceId} ${range}`;
  const hit = seriesCache.get(key);
  if (hit && Date.now() - hit.at < 60e3) return hit.body;
  const span = chartSpan(g, range);
  const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const query = new URLSearchParams({ from: iso(span.from), to: iso(span.to), points: CHART_POINTS });
  const res = await api(`/api/devices/${encodeURIComponent(g.deviceId)}/series?${query}`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = await res.json();
  seriesCache.set(key, { at: Date.now(), body });
  return body;
}

/** Removes the charts (another greenhouse, controller or screen is shown). */
export function clearCharts() {
  draws++;
  plots.forEach(p => p.plot.destroy());
  plots = [];
  drawn = null;
  document.getElementById('charts').replaceChildren();
}

/** Draws the charts of the greenhouse shown over the chosen range, from the data at hand when it is recent. */
export async function drawCharts() {
  const g = shownGreenhouse();
  clearCharts();
  const status = document.getElementById('chart-status');
  status.hidden = false;
  if (!g) { status.textContent = state.greenhouses.size ? t('notFound') : t('loading'); return; }
  if (!g.deviceId) { status.textContent = t('noDevice'); return; }
  drawn = `${g.deviceId} ${chartRange}`;
  const draw = ++draws;
  status.textContent = t('chartsLoading');
  let body;
  try {
    [body, charts] = await Promise.all([series(g, chartRange), loadCharts()]);
  } catch (e) {
    if (draw !== draws) return;
    drawn = null; chartsFailedAt = Date.now();
    status.textContent = navigator.onLine === false || e instanceof TypeError ? t('chartsOffline') : t('chartsFailed');
    return;
  }
  if (draw !== draws) return; // another range or screen was chosen meanwhile
  const box = document.getElementById('charts');
  const ctx = { t, number, lang: language(), tz: farmZone(), digits: DIGITS, bucketS: body.bucketS,
    fromS: Date.parse(body.from) / 1000, toS: Date.parse(body.to) / 1000 };
  for (const q of CHARTED) {
    const list = body.series.filter(s => s.quantity === q && s.t.length > 0);
    if (!list.length) continue;
    const fig = document.createElement('figure');
    fig.className = 'chart'; fig.dataset.quantity = q;
    box.append(fig);
    plots.push(charts.draw(fig, q, list, ctx));
  }
  status.hidden = plots.length > 0;
  status.textContent = plots.length ? '' : t('noData');
}

/** Fits the charts to the screen's new width. */
export function resizeCharts() {
  if (charts) plots.forEach(p => charts.resize(p));
  const seasons = loadedSeasons();
  if (seasons) seasons.resize();
}

document.querySelectorAll('#ranges button').forEach((b) => {
  b.onclick = () => { chartRange = b.dataset.range; renderDetail(); drawCharts(); };
});
