// The season report card on a greenhouse's screen: one crop cycle's figures (yield, water, degree days, hours in
// the comfortable bands, ET, events) and a chart of its days, with the CSV download. cycles.js says which cycle it
// shows; every word is in text.js.
import { apiJson } from './api.js';
import { t, plural, number, language, locale, kilograms as kg } from './text.js';
import { farmZone, farmTime, farmDay as day } from './time.js';
import { state } from './state.js';
import { cropName } from './crops.js';
import { loadUplot } from './lazy.js';
import { el, $ } from './dom.js';

// The greenhouse and cycle whose report the card shows, that report, and the chart drawn of it.
const card = { g: null, cycle: null, report: null, state: null, key: '', chart: null };

/** The id of the cycle whose report the card shows (or is loading), else null. */
export function shownCycle() { return card.cycle; }

/** True while the report of the shown cycle is being asked for. */
export function loadingReport() { return card.state === 'loading'; }

/** Empties the card (another greenhouse, another screen, or a person logged out). */
export function clearCard(g = null) {
  if (card.chart) card.chart.destroy();
  Object.assign(card, { g, cycle: null, report: null, state: null, key: '', chart: null });
  $('#season .plot').replaceChildren();
}

/** Forgets which cycle the card shows, so that it turns to another once the cycles are known again. */
export function unshow() { card.cycle = null; }

/**
 * Asks for the report of cycle `cycleId` of greenhouse `g` and shows it; `cycles()` gives the greenhouse's cycles
 * as they are when the answer comes.
 */
export async function showReport(g, cycleId, cycles) {
  Object.assign(card, { g, cycle: cycleId, report: null, state: 'loading', key: '' });
  renderCard(cycles());
  const r = await apiJson(`/api/greenhouses/${g}/crop-cycles/${cycleId}/report`).catch(() => null);
  if (card.g !== g || card.cycle !== cycleId) return;
  card.report = r && r.ok ? r.body : null;
  card.state = card.report ? 'ok' : r ? 'failed' : 'offline';
  renderCard(cycles());
}

/** Brings the card up to date with `cycles` (the greenhouse's cycles, or null before they are known). */
export function renderCard(cycles) {
  const box = $('#season');
  const cycle = cycles && cycles.find(c => c.id === card.cycle);
  box.hidden = !cycle;
  if (!cycle) return;
  const s = card.report && card.report.summary;
  const until = cycle.endedOn ? day(cycle.endedOn) : t('today');
  $('.which', box).textContent = `${cropName(cycle.crop, cycle.cropNames)}${cycle.variety ? ` ${cycle.variety}` : ''}`
    + ` · ${day(cycle.plantedOn)} – ${until}${s ? ` · ${plural('nDays', s.days)}` : ''}`;
  const status = $('.status', box);
  status.textContent = card.state === 'loading' ? t('reportLoading')
    : card.state === 'failed' ? t('reportFailed')
      : card.state === 'offline' || (!s && !state.live) ? t('needNetwork') : '';
  status.hidden = !status.textContent;
  $('.csv', box).setAttribute('href', `/api/greenhouses/${card.g}/crop-cycles/${cycle.id}/report?format=csv`);
  $('.csv-line', box).hidden = !s;
  const key = `${language()} ${cycle.id} ${s ? card.report.to : ''}`;
  if (key === card.key) return;
  card.key = key;
  const dl = $('.figures', box);
  dl.replaceChildren();
  if (!s) { $('.season-chart', box).hidden = true; return; }
  const band = (inBand, hours) => (hours ? t('rBand', { p: Math.round((100 * inBand) / hours), h: hours })
    : t('rNoData'));
  const figures = [
    ['yield', 'rYield', `${kg(s.harvestKg)} kg${s.kgPerM2 != null ? ` · ${number(s.kgPerM2, 2)} kg/m²` : ''}`],
    ['water', 'rWater', `${number(s.waterLitres, 0)} L`
      + `${s.litresPerKg != null ? ` · ${number(s.litresPerKg, 1)} L/kg` : ''}`],
    ['gdd', 'rGdd', `${number(s.gddCDays, 0)} ${t('gddUnit')} · `
      + t('rGddDays', { n: s.daysWithTemperature, d: s.days })],
    ['vpd', 'rVpd', band(s.vpdHoursInBand, s.vpdHours)],
    ['soil', 'rSoil', band(s.soilHoursInBand, s.soilHours)],
    ['et', 'rEt', `${number(s.et0Mm, 1)} / ${number(s.etcMm, 1)} mm`
      + `${s.etcLitres != null ? ` · ETc ${number(s.etcLitres, 0)} L` : ''}`],
    ['events', 'rEvents', `${s.alerts} / ${s.safetyEvents}`],
  ];
  for (const [id, label, text] of figures) {
    dl.append(el('dt', {}, t(label)), el('dd', { data: { figure: id } }, text));
  }
  drawSeason(card.report);
}

/** Redraws the season chart at the screen's new width. */
export function resizeCard() {
  if (card.chart) {
    const plot = $('#season .plot');
    card.chart.setSize({ width: Math.max(200, plot.clientWidth), height: card.chart.height });
  }
}

// Daily water given against the crop's need (ETc in litres over the cycle's area) when the area is known,
// otherwise the degree days summed since planting.
async function drawSeason(report) {
  const fig = $('#season .season-chart');
  const days = report.days;
  if (card.chart) { card.chart.destroy(); card.chart = null; }
  fig.hidden = days.length === 0;
  if (!days.length) return;
  const key = card.key;
  try {
    await loadUplot();
  } catch (e) {
    fig.hidden = true;
    return;
  }
  if (key !== card.key || card.chart) return;
  const area = report.summary.areaM2;
  const xs = days.map(d => farmTime(d.date, '12:00:00') / 1000);
  const green = '#1b5e20';
  const blue = '#0d47a1';
  let data;
  let series;
  let legend;
  if (area != null) {
    data = [xs, days.map(d => d.waterLitres), days.map(d => d.etcMm * area)];
    series = [{}, { label: t('water'), fill: 'rgba(13,71,161,.45)', stroke: blue, width: 1,
      paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } },
    { label: t('etc'), stroke: green, width: 2, points: { show: days.length < 3 } }];
    legend = [['rgba(13,71,161,.45)', t('water')], [green, t('etc')]];
    $('figcaption', fig).textContent = t('rChartWater');
  } else {
    let sum = 0;
    data = [xs, days.map(d => (sum += d.gdd || 0))];
    series = [{}, { label: t('gddSum'), stroke: green, width: 2, points: { show: days.length < 3 } }];
    legend = [[green, t('gddSum')]];
    $('figcaption', fig).textContent = t('rChartGdd');
  }
  $('.legend', fig).replaceChildren(...legend.map(([colour, text]) =>
    el('span', {}, el('i', { style: `background:${colour}` }), text)));
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const font = `${Math.round(0.75 * rem)}px system-ui, sans-serif`;
  const axis = { font, stroke: '#333', grid: { stroke: '#e3e3e3', width: 1 }, ticks: { stroke: '#ccc', width: 1 } };
  const dayFmt = new Intl.DateTimeFormat(locale(), { timeZone: farmZone(), day: 'numeric', month: 'numeric' });
  const plot = $('.plot', fig);
  card.chart = new uPlot({
    width: Math.max(200, plot.clientWidth || fig.clientWidth), height: Math.round(9 * rem),
    tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), farmZone()), series, legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: true, range: () => [xs[0] - 43200, xs[xs.length - 1] + 43200] },
      y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [
      { ...axis, space: 4.5 * rem, size: 2.2 * rem, values: (u, splits) => splits.map(x => dayFmt.format(new Date(x * 1e3))) },
      { ...axis, space: 2.5 * rem, size: 3.5 * rem, values: (u, splits) => splits.map(v => number(v, digits(splits))) },
    ],
  }, data, plot);
}

// The decimals the step between ticks needs: none for 50 L, one for 0.5 L.
function digits(splits) {
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1;
  return step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
}
