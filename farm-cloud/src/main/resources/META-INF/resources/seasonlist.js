// The season comparisons screen (#/reports): season figures of every crop cycle the person sees, filtered by crop
// and cooperative, as bars of kg/m² and L/kg and as a list, with the CSV and open-data downloads. Every word is in
// text.js.
import { apiJson } from './api.js';
import { t, plural, number, language, kilograms as kg } from './text.js';
import { farmDay as day } from './time.js';
import { state } from './state.js';
import { cropName, cropProfiles, askCropProfiles } from './crops.js';
import { el, $ } from './dom.js';

// The filter asked for, the rows so far, the offset of the next page, and what the screen last drew.
const rep = { query: null, rows: [], next: null, state: null, key: '', version: 0 };


/** Shows the comparisons screen: filters, bars of kg/m² and L/kg, the list and the downloads. */
export function showSeasons(fresh = false) {
  if (fresh) rep.query = null;
  askCropProfiles();
  const crops = cropProfiles();
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

$('#filter-crop').onchange = $('#filter-coop').onchange = () => showSeasons();
$('#seasons-more').onclick = () => loadSeasons(rep.query, rep.next);

async function loadSeasons(query, offset) {
  rep.query = query;
  rep.state = 'loading';
  if (offset === 0) { rep.rows = []; rep.next = null; rep.version++; }
  let r;
  try {
    r = await apiJson(`/api/reports/seasons?${query ? `${query}&` : ''}offset=${offset}`);
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
  showSeasons();
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

/** Forgets the rows shown (a person logged out: the next one must not see them). */
export function forgetSeasons() {
  Object.assign(rep, { query: null, rows: [], next: null, state: null, key: '' });
  rep.version++;
}
