// Crop cycles and season reports. On a greenhouse's screen: its crop cycles, the forms to start and correct them (for
// those who control the greenhouse), and the season report card of a cycle with a chart of its days. The comparisons
// screen (#/reports): season figures of every cycle the person sees, as bars and a list, and the CSV downloads.
// lazy.js loads this module when one of those screens first opens; every word is in text.js. Forms are built once per
// revision of what they edit, so a live update never clears what is typed.
import { apiJson } from './api.js';
import { t, plural, number, language, locale } from './text.js';
import { farmZone, farmTime, farmDate, localDay } from './time.js';
import { state, redraw } from './state.js';
import { cropLine } from './crops.js';
import { loadUplot } from './lazy.js';
import { load } from './data.js';
import { forgetHarvests } from './harvests.js';

let crops = null;          // GET /api/crops: id -> profile with names and stages
let cropsAsked = false;
// The greenhouse screen: its cycles, the cycle whose report the card shows, and that report.
const view = { g: null, cycles: null, asked: false, items: new Map(), notice: null, startOpen: null,
  reportFor: null, report: null, reportState: null, reportKey: '', chart: null, chartKey: '' };
// The comparisons screen.
const rep = { query: null, rows: [], next: null, state: null, key: '', version: 0 };

const $ = (sel, root = document) => root.querySelector(sel);
const canEdit = () => state.me && state.me.role !== 'officer';
const kg = (v) => number(v, v % 1 ? 1 : 0);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'data') Object.assign(node.dataset, v); else if (k in node) node[k] = v; else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

// 12/3/2026 (vi) or 12/03/2026 (en) for a YYYY-MM-DD day of the farm's calendar.
function day(ymd, year = true) {
  return farmDate(ymd, { day: 'numeric', month: 'numeric', year: year ? 'numeric' : undefined });
}

function cropName(id, names) {
  const n = names || (crops && crops.get(id) && crops.get(id).names);
  return (n && (n[language()] || n.en)) || id;
}

// Fetches JSON (a 401 shows the login form, in api.js). Returns { status, ok, body }, body null when it has none.
const api = (path, method = 'GET', payload = undefined) => apiJson(path, { method, body: payload });

// After a cycle is started or corrected: the tiles' crop lines and the harvests' cycle follow.
function cyclesChanged() {
  forgetHarvests();
  return load().catch(() => {});
}

async function loadCrops() {
  cropsAsked = true;
  try {
    const r = await api('/api/crops');
    if (!r.ok) throw new Error(r.status);
    crops = new Map(r.body.map(c => [c.id, c]));
    redraw();
  } catch (e) {
    cropsAsked = false;
  }
}

// ---- The greenhouse screen ----

/** Shows greenhouse `g`'s crop cycles and season report card; cheap when nothing changed (called on each render). */
export function detail(g) {
  if (view.g !== g.id) leave(g.id);
  if (!cropsAsked && state.live) loadCrops();
  if (!view.asked && state.live) loadCycles();
  renderCycles(g);
  renderReport();
}

/** Forgets the greenhouse screen's data (another greenhouse or another screen is shown). */
export function leave(g = null) {
  if (view.chart) view.chart.destroy();
  Object.assign(view, { g, cycles: null, asked: false, notice: null, startOpen: null, reportFor: null,
    report: null, reportState: null, reportKey: '', chart: null, chartKey: '' });
  view.items.clear();
  $('#cycles .open-cycles').replaceChildren();
  $('#cycles .past-cycles').replaceChildren();
  $('#cycles .past-cycles').dataset.key = '';
  $('#season .plot').replaceChildren();
}

async function loadCycles() {
  const g = view.g;
  view.asked = true;
  let r;
  try {
    r = await api(`/api/greenhouses/${g}/crop-cycles`);
  } catch (e) {
    if (view.g === g) view.asked = false;
    return;
  }
  if (view.g !== g || !r.ok) return;
  view.cycles = r.body;
  const shown = view.cycles.find(c => c.id === view.reportFor);
  if (!shown) {
    const today = localDay(Date.now());
    const open = view.cycles.filter(c => c.open && c.plantedOn <= today)
      .sort((x, y) => x.plantedOn.localeCompare(y.plantedOn))[0];
    if (open) loadReport(open.id); else view.reportFor = null;
  } else if (view.reportState !== 'loading') {
    loadReport(shown.id); // a correction or a harvest changes the figures
  }
  redraw();
}

function openCycles(g) {
  const list = view.cycles || g.cropCycles || [];
  return list.filter(c => c.open).sort((x, y) => x.plantedOn.localeCompare(y.plantedOn));
}

function renderCycles(g) {
  const box = $('#cycles');
  box.hidden = false;
  const status = $('.status', box);
  status.textContent = !view.cycles && !state.live ? t('needNetwork') : '';
  status.hidden = !status.textContent;
  const open = openCycles(g);
  const ul = $('.open-cycles', box);
  for (const [id, item] of view.items) {
    if (!open.some(c => c.id === id)) { item.li.remove(); view.items.delete(id); }
  }
  for (const c of open) {
    let item = view.items.get(c.id);
    if (!item || item.revision !== c.revision) {
      const fresh = cycleItem(g, c);
      if (item) item.li.replaceWith(fresh.li); else ul.append(fresh.li);
      view.items.set(c.id, item = fresh);
    }
    $('.line', item.li).textContent = cropLine(c) + (c.stage && c.stage.recorded ? ` (${t('recorded')})` : '');
    $('.info', item.li).textContent = [t('cycleInfo', { planted: day(c.plantedOn), harvest: day(c.expectedHarvest) }),
      c.areaM2 != null ? `${number(c.areaM2, c.areaM2 % 1 ? 1 : 0)} m²` : null].filter(Boolean).join(' · ');
    const notice = $('.notice', item.li);
    const n = view.notice && view.notice.cycle === c.id ? view.notice : null;
    notice.hidden = !n;
    notice.className = `notice ${n ? n.kind : ''}`;
    notice.textContent = n ? t(n.key) : '';
    if (item.form) {
      item.form.hidden = !canEdit();
      $('button[type=submit]', item.form).disabled = !state.live;
      stageOptions($('select[name=stage]', item.form), c.crop);
      $('input[name=endedOn]', item.form).max = localDay(Date.now());
    }
  }
  if (!open.length && view.cycles) {
    if (!$('.empty', ul)) ul.append(el('li', { className: 'empty' }));
    $('.empty', ul).textContent = t('cycleNone');
  } else if ($('.empty', ul)) {
    $('.empty', ul).remove();
  }
  renderStartForm(g, open);
  renderPast();
}

// One open cycle: what it is, and a correction form behind a "Correct" disclosure.
function cycleItem(g, c) {
  const li = el('li', { className: 'cycle', data: { cycle: c.id } },
    el('p', { className: 'line' }), el('p', { className: 'info' }), el('p', { className: 'notice', hidden: true }));
  const field = (key, input) => el('label', {}, el('span', { data: { i18n: key } }, t(key)), input);
  const form = el('form', { className: 'form correct-form' },
    field('cycleVariety', el('input', { name: 'variety', maxLength: 120, value: c.variety || '' })),
    field('cyclePlanted', el('input', { name: 'plantedOn', type: 'date', required: true, value: c.plantedOn })),
    field('cycleHarvest', el('input', { name: 'expectedHarvest', type: 'date', value: c.expectedHarvest || '' })),
    field('cycleStage', el('select', { name: 'stage' })),
    field('cycleEnded', el('input', { name: 'endedOn', type: 'date', value: c.endedOn || '' })),
    field('cycleNote', el('input', { name: 'note', maxLength: 500 })),
    el('p', { className: 'error', role: 'alert', hidden: true }),
    el('button', { type: 'submit', className: 'primary', data: { i18n: 'cycleSave' } }, t('cycleSave')));
  const stage = $('select[name=stage]', form);
  stageOptions(stage, c.crop);
  stage.value = c.stage && c.stage.recorded ? c.stage.id : '';
  form.onsubmit = (e) => { e.preventDefault(); correct(g.id, c, form); };
  const details = el('details', { className: 'correct' },
    el('summary', { data: { i18n: 'cycleCorrect' } }, t('cycleCorrect')), form);
  if (!canEdit()) details.hidden = true;
  li.append(details);
  return { li, form, revision: c.revision };
}

// "Follow the profile" and the crop's four stages, named in the current language.
function stageOptions(select, crop) {
  const stages = (crops && crops.get(crop) && crops.get(crop).stages) || [];
  if (select.options.length !== stages.length + 1) {
    const keep = select.value;
    select.replaceChildren(new Option('', ''), ...stages.map(s => new Option(s.id, s.id)));
    select.value = keep;
  }
  select.options[0].text = t('stageProfile');
  stages.forEach((s, i) => { select.options[i + 1].text = s.names[language()] || s.names.en; });
}

async function correct(g, c, form) {
  const value = (name) => form.elements[name].value.trim();
  const body = { revision: c.revision, variety: value('variety') || null, plantedOn: value('plantedOn'),
    expectedHarvest: value('expectedHarvest') || null, stage: value('stage') || null,
    endedOn: value('endedOn') || null };
  if (value('note')) body.note = value('note');
  await save(form, () => api(`/api/greenhouses/${g}/crop-cycles/${c.id}`, 'PATCH', body), (r) => {
    view.notice = { cycle: c.id, key: 'cycleSaved', kind: 'ok' };
    return r;
  }, () => { view.notice = { cycle: c.id, key: 'cycleConflict', kind: 'conflict' }; });
}

// Sends a change; on success or a conflict of revisions reloads the cycles (and the greenhouses, for the tiles),
// otherwise shows the API's error next to the form, naming the field at fault.
async function save(form, send, done, conflict) {
  const button = $('button[type=submit]', form);
  const error = $('.error', form);
  button.disabled = true;
  let r;
  try {
    r = await send();
  } catch (e) {
    r = { ok: false, body: { message: state.live ? String(e.message || e) : t('needNetwork') } };
  }
  button.disabled = !state.live;
  form.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
  if (r.ok || (r.status === 409 && r.body && r.body.field === 'revision')) {
    error.hidden = true;
    if (r.ok) done(r); else if (conflict) conflict();
    view.asked = false;
    await cyclesChanged();
    return;
  }
  const b = r.body || {};
  const input = b.field && form.elements[b.field];
  if (input) input.setAttribute('aria-invalid', 'true');
  const label = input && input.closest('label') ? $('span', input.closest('label')).textContent : b.field;
  error.hidden = false;
  error.textContent = `${t('saveFailed')}: ${label ? `${label} — ` : ''}${b.message || r.status}`;
}

function renderStartForm(g, open) {
  const details = $('#cycle-start');
  const form = $('#cycle-start-form');
  details.hidden = !canEdit();
  // Opened by itself when nothing grows here; closed again once a cycle is started.
  const bare = view.cycles ? open.length === 0 : null;
  if (bare !== null && bare !== view.startOpen) { details.open = bare; view.startOpen = bare; }
  const select = form.elements.crop;
  if (crops && select.options.length !== crops.size) {
    select.replaceChildren(...[...crops.keys()].map(id => new Option(id, id)));
  }
  [...select.options].forEach(o => { o.text = cropName(o.value); });
  const zones = g.zones || [];
  const zone = form.elements.zoneId;
  $('label.zone', form).hidden = zones.length === 0;
  if (zone.options.length !== zones.length + 1) {
    zone.replaceChildren(new Option('', ''), ...zones.map(z => new Option(z.name, z.id)));
  }
  zone.options[0].text = t('cycleWhole');
  if (!form.elements.plantedOn.value) form.elements.plantedOn.value = localDay(Date.now());
  $('button[type=submit]', form).disabled = !state.live;
}

$('#cycle-start-form').onsubmit = async (e) => {
  e.preventDefault();
  const form = e.target;
  const g = view.g;
  const f = form.elements;
  const body = { crop: f.crop.value, plantedOn: f.plantedOn.value };
  if (f.variety.value.trim()) body.variety = f.variety.value.trim();
  if (f.areaM2.value) body.areaM2 = Number(f.areaM2.value);
  if (f.zoneId.value) body.zoneId = Number(f.zoneId.value);
  await save(form, () => api(`/api/greenhouses/${g}/crop-cycles`, 'POST', body), (r) => {
    f.variety.value = ''; f.areaM2.value = ''; f.plantedOn.value = '';
    view.startOpen = null;
    view.reportFor = null; // the card turns to the new cycle once the list is back
    return r;
  });
};

// Ended cycles, latest first, each opening its report in the card.
function renderPast() {
  const past = (view.cycles || []).filter(c => !c.open).sort((x, y) => y.plantedOn.localeCompare(x.plantedOn));
  $('#cycles .past-title').hidden = past.length === 0;
  const ul = $('#cycles .past-cycles');
  const key = `${language()} ${past.map(c => `${c.id}:${c.revision}`).join(',')}`;
  if (ul.dataset.key === key) return;
  ul.dataset.key = key;
  ul.replaceChildren(...past.map(c => el('li', { data: { cycle: c.id } },
    el('span', {}, `${cropName(c.crop, c.cropNames)}${c.variety ? ` ${c.variety}` : ''} · ${day(c.plantedOn)} – `
      + `${day(c.endedOn)}`),
    el('button', { type: 'button', className: 'secondary', onclick: () => {
      loadReport(c.id);
      $('#season').scrollIntoView({ block: 'start' });
    } }, t('reportOf')))));
}

async function loadReport(cycleId) {
  const g = view.g;
  Object.assign(view, { reportFor: cycleId, report: null, reportState: 'loading', reportKey: '' });
  renderReport();
  let r;
  try {
    r = await api(`/api/greenhouses/${g}/crop-cycles/${cycleId}/report`);
  } catch (e) {
    r = null;
  }
  if (view.g !== g || view.reportFor !== cycleId) return;
  view.report = r && r.ok ? r.body : null;
  view.reportState = view.report ? 'ok' : r ? 'failed' : 'offline';
  renderReport();
}

function renderReport() {
  const box = $('#season');
  const cycle = view.cycles && view.cycles.find(c => c.id === view.reportFor);
  box.hidden = !cycle;
  if (!cycle) return;
  const s = view.report && view.report.summary;
  const until = cycle.endedOn ? day(cycle.endedOn) : t('today');
  $('.which', box).textContent = `${cropName(cycle.crop, cycle.cropNames)}${cycle.variety ? ` ${cycle.variety}` : ''}`
    + ` · ${day(cycle.plantedOn)} – ${until}${s ? ` · ${plural('nDays', s.days)}` : ''}`;
  const status = $('.status', box);
  status.textContent = view.reportState === 'loading' ? t('reportLoading')
    : view.reportState === 'failed' ? t('reportFailed')
      : view.reportState === 'offline' || (!s && !state.live) ? t('needNetwork') : '';
  status.hidden = !status.textContent;
  $('.csv', box).setAttribute('href', `/api/greenhouses/${view.g}/crop-cycles/${cycle.id}/report?format=csv`);
  $('.csv-line', box).hidden = !s;
  const key = `${language()} ${cycle.id} ${s ? view.report.to : ''}`;
  if (key === view.reportKey) return;
  view.reportKey = key;
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
  drawSeason(view.report);
}

// Daily water given against the crop's need (ETc in litres over the cycle's area) when the area is known,
// otherwise the degree days summed since planting.
async function drawSeason(report) {
  const fig = $('#season .season-chart');
  const days = report.days;
  if (view.chart) { view.chart.destroy(); view.chart = null; }
  fig.hidden = days.length === 0;
  if (!days.length) return;
  const key = view.reportKey;
  try {
    await loadUplot();
  } catch (e) {
    fig.hidden = true;
    return;
  }
  if (key !== view.reportKey || view.chart) return;
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
  view.chart = new uPlot({
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

/** Reloads the report card's figures after a harvest was recorded on this screen. */
export function harvested() {
  if (view.reportFor > 0) loadReport(view.reportFor);
}

// ---- The comparisons screen ----

/** Shows the comparisons screen: filters, bars of kg/m² and L/kg, the list and the downloads. */
export function reports(fresh = false) {
  if (fresh) rep.query = null;
  if (!cropsAsked && state.live) loadCrops();
  const crop = $('#filter-crop');
  const ids = crops ? [...crops.keys()] : [];
  if (crop.options.length !== ids.length + 1) {
    const keep = crop.value;
    crop.replaceChildren(new Option('', ''), ...ids.map(id => new Option(id, id)));
    crop.value = keep;
  }
  [...crop.options].forEach(o => { o.text = o.value ? cropName(o.value) : t('allCrops'); });
  const coop = $('#filter-coop');
  const coops = [...state.cooperatives.entries()];
  $('#filter-coop-box').hidden = coops.length < 2;
  if (coop.options.length !== coops.length + 1) {
    const keep = coop.value;
    coop.replaceChildren(new Option('', ''), ...coops.map(([id, name]) => new Option(name, id)));
    coop.value = keep;
  }
  coop.options[0].text = t('allCoops');
  const filter = new URLSearchParams();
  if (crop.value) filter.set('crop', crop.value);
  if (coop.value && !$('#filter-coop-box').hidden) filter.set('cooperativeId', coop.value);
  const query = filter.toString();
  $('#dl-seasons').setAttribute('href', `/api/reports/seasons?${query ? `${query}&` : ''}format=csv`);
  $('#dl-harvests').setAttribute('href', `/api/reports/harvests${query ? `?${query}` : ''}`);
  $('#dl-open').setAttribute('href', `/api/open-data/seasons${crop.value ? `?crop=${encodeURIComponent(crop.value)}` : ''}`);
  if (state.live && rep.query !== query) loadSeasons(query, 0);
  const status = $('#reports-status');
  // Offline, rows already shown stay, under the notice that they cannot be brought up to date.
  status.textContent = !state.live ? t('reportsOffline') : rep.state === 'loading' ? t('loading')
    : rep.state === 'failed' ? t('reportFailed') : rep.state === 'ok' && !rep.rows.length
      ? t('seasonsNone') : '';
  status.hidden = !status.textContent;
  $('#seasons-more').hidden = rep.next == null;
  $('#seasons-more').disabled = !state.live;
  const key = `${language()} ${rep.version} ${crops ? crops.size : 0}`;
  if (key === rep.key) return;
  rep.key = key;
  bars('kgPerM2', 2);
  bars('litresPerKg', 1);
  list();
}

$('#filter-crop').onchange = $('#filter-coop').onchange = () => reports();
$('#seasons-more').onclick = () => loadSeasons(rep.query, rep.next);

async function loadSeasons(query, offset) {
  rep.query = query;
  rep.state = 'loading';
  if (offset === 0) { rep.rows = []; rep.next = null; rep.version++; }
  let r;
  try {
    r = await api(`/api/reports/seasons?${query ? `${query}&` : ''}offset=${offset}`);
  } catch (e) {
    r = null;
  }
  if (rep.query !== query) return;
  if (r && r.ok) {
    rep.rows = rep.rows.concat(r.body.seasons);
    rep.next = r.body.next;
    rep.state = 'ok';
  } else {
    rep.state = r ? 'failed' : null;
    if (!r) rep.query = null; // offline: ask again once the connection is back
  }
  rep.version++;
  reports();
}

function rowLabel(r) {
  return `${r.greenhouse} · ${cropName(r.crop)}${r.variety ? ` ${r.variety}` : ''} · ${day(r.plantedOn)}`;
}

// One bar per cycle, its length against the largest value; a cycle without the figure says so instead.
function bars(metric, digits) {
  const ol = $(`#reports .bars[data-metric='${metric}'] ol`);
  const max = Math.max(0, ...rep.rows.map(r => r[metric] ?? 0));
  ol.replaceChildren(...rep.rows.map((r) => {
    const v = r[metric];
    const width = v == null || max === 0 ? 0 : Math.max(1, (100 * v) / max);
    return el('li', { data: { cycle: r.cycleId } }, el('a', { href: `#/g/${r.greenhouseId}` },
      el('span', { className: 'label' }, rowLabel(r)),
      el('span', { className: 'meter' }, el('i', { style: `width:${width.toFixed(1)}%` }),
        el('b', { className: v == null ? 'none' : '' }, v == null ? t('noValue') : number(v, digits)))));
  }));
}

function list() {
  const several = new Set(rep.rows.map(r => r.cooperativeId)).size > 1;
  $('#seasons-list').replaceChildren(...rep.rows.map(r => el('li', { data: { cycle: r.cycleId } },
    el('a', { href: `#/g/${r.greenhouseId}` }, r.greenhouse),
    el('p', {}, [several ? r.cooperative : null, `${cropName(r.crop)}${r.variety ? ` ${r.variety}` : ''}`,
      `${day(r.plantedOn)} – ${r.endedOn ? day(r.endedOn) : t('growing')}`, plural('nDays', r.days)]
      .filter(Boolean).join(' · ')),
    el('p', { className: 'figures' }, [`${kg(r.harvestKg)} kg`,
      r.kgPerM2 != null ? `${number(r.kgPerM2, 2)} kg/m²` : null, `${number(r.waterLitres, 0)} L`,
      r.litresPerKg != null ? `${number(r.litresPerKg, 1)} L/kg` : null,
      `${number(r.gddCDays, 0)} ${t('gddUnit')}`].filter(Boolean).join(' · ')))));
}

/** Redraws the season chart at the screen's new width. */
export function resize() {
  if (view.chart) {
    const plot = $('#season .plot');
    view.chart.setSize({ width: Math.max(200, plot.clientWidth), height: view.chart.height });
  }
}

/** Forgets everything shown (a person logged out: the next one must not see it). */
export function forget() {
  leave();
  Object.assign(rep, { query: null, rows: [], next: null, state: null, key: '' });
  rep.version++;
}

