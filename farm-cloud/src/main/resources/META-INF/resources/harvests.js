// Harvests of the greenhouse's open crop cycle (the earliest planted, when zones have several), entered on its screen
// by those who control the greenhouse, with a correction form under each record. The form is fixed in the page and
// each record's item is kept while its revision stands, so a live update never clears what is being typed.
import { apiJson, LoggedOut } from './api.js';
import { t, number, kilograms as kg } from './text.js';
import { localDay, farmDate } from './time.js';
import { state } from './state.js';
import { loadedSeasons } from './lazy.js';

let harvests = null; // { g: greenhouse id, cycle, body: answer of …/harvests } once asked for
let shownOf = () => null; // the unit on the greenhouse's screen

/** Tells this module how to find the unit on the greenhouse's screen. */
export function onShown(find) { shownOf = find; }

/** What was asked for: { g, cycle, body }, or null. */
export function harvestsOf() { return harvests; }

/** Forgets the harvests (another greenhouse, a started or corrected cycle, or a person logged out). */
export function forgetHarvests() { harvests = null; }

/** Asks for the harvests of `g`'s open crop cycle, and shows them. */
export async function loadHarvests(g) {
  const today = localDay(Date.now());
  const cycle = (g.cropCycles || []).filter(c => c.open !== false && c.plantedOn <= today)
    .sort((a, b) => a.plantedOn.localeCompare(b.plantedOn))[0];
  harvests = { g: g.id, cycle, body: null };
  if (!cycle) return;
  const r = await apiJson(`/api/greenhouses/${g.id}/crop-cycles/${cycle.id}/harvests`).catch(() => null);
  if (!r || !r.ok || !harvests || harvests.g !== g.id) return;
  harvests.body = r.body;
  renderHarvests();
}

/** Brings the harvests' total, list and form up to date. */
export function renderHarvests() {
  const box = document.getElementById('harvests');
  box.hidden = state.detailId === null || !harvests || harvests.g !== state.detailId || !harvests.body;
  if (box.hidden) return;
  const body = harvests.body;
  box.querySelector('.total').textContent = t('harvestTotal', { kg: kg(body.totalKg) })
    + (body.kgPerM2 != null ? ` · ${number(body.kgPerM2, 2)} kg/m²` : '');
  const list = box.querySelector('.list');
  const shown = body.harvests.filter(h => !h.harvest.voided).slice(-5).reverse();
  const editable = !!state.me && state.me.role !== 'officer';
  // Items are kept while their revision stands, so a live update never closes a correction being typed.
  const keep = new Map([...list.querySelectorAll('li[data-harvest]')].map(li => [li.dataset.harvest, li]));
  const items = shown.map(h => {
    let li = keep.get(String(h.id));
    if (!li || li.dataset.revision !== String(h.revision)) li = harvestItem(h);
    const day = farmDate(h.harvest.harvestedOn, { day: 'numeric', month: 'numeric' });
    li.querySelector('.what').textContent = [day, `${kg(h.harvest.kg)} kg`, h.harvest.grade].filter(Boolean)
      .join(' · ');
    const fix = li.querySelector('details');
    fix.hidden = !editable;
    fix.querySelector('summary').textContent = t('harvestFix');
    fix.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t(n.dataset.i18n); });
    fix.querySelectorAll('button').forEach(b => { b.disabled = !state.live; });
    return li;
  });
  if (!shown.length) {
    const li = document.createElement('li'); li.className = 'empty'; li.textContent = t('harvestNone');
    items.push(li);
  }
  const now = [...list.children];
  if (now.length !== items.length || now.some((li, i) => li !== items[i])) list.replaceChildren(...items);
  const form = document.getElementById('harvest-form');
  form.hidden = !state.me || state.me.role === 'officer';
  const date = document.getElementById('harvest-date');
  if (!date.value) date.value = localDay(Date.now());
  date.max = localDay(Date.now());
  date.min = harvests.cycle.plantedOn;
  form.querySelector('button').disabled = !state.live;
}

// One harvest record with its correction form: kilograms, day, grade and why; or void it as entered by mistake.
function harvestItem(h) {
  const li = document.createElement('li');
  li.dataset.harvest = h.id;
  li.dataset.revision = h.revision;
  const what = document.createElement('span'); what.className = 'what';
  const fix = document.createElement('details'); fix.className = 'fix';
  const summary = document.createElement('summary');
  const form = document.createElement('form'); form.className = 'form harvest-fix';
  const field = (key, input) => {
    const label = document.createElement('label');
    const span = document.createElement('span'); span.dataset.i18n = key;
    label.append(span, input);
    return label;
  };
  const input = (name, props) => Object.assign(document.createElement('input'), { name }, props);
  form.append(
    field('harvestKg', input('kg', { type: 'number', step: '0.1', min: '0.1', required: true, value: h.harvest.kg })),
    field('harvestDate', input('harvestedOn', { type: 'date', required: true, value: h.harvest.harvestedOn })),
    field('harvestGrade', input('grade', { maxLength: 16, value: h.harvest.grade || '' })),
    field('harvestNote', input('note', { maxLength: 500 })));
  const error = document.createElement('p'); error.className = 'error'; error.setAttribute('role', 'alert');
  error.hidden = true;
  const save = document.createElement('button'); save.type = 'submit'; save.className = 'primary';
  save.dataset.i18n = 'harvestFixSave';
  const voidIt = document.createElement('button'); voidIt.type = 'button'; voidIt.className = 'void';
  voidIt.dataset.i18n = 'harvestVoid';
  form.append(error, save, voidIt);
  const send = (change) => correctHarvest(h, { revision: h.revision, note: form.elements.note.value.trim() || null,
    ...change }, error);
  form.onsubmit = (event) => {
    event.preventDefault();
    send({ kg: Number(form.elements.kg.value), harvestedOn: form.elements.harvestedOn.value,
      grade: form.elements.grade.value.trim() || null });
  };
  voidIt.onclick = () => send({ voided: true });
  fix.append(summary, form);
  li.append(what, fix);
  return li;
}

// After a harvest is recorded or corrected: the list and the season report's figures follow.
async function reload() {
  const g = shownOf();
  if (g) await loadHarvests(g);
  const seasons = loadedSeasons();
  if (seasons) seasons.harvested();
}

async function correctHarvest(h, body, error) {
  const at = harvests;
  if (!at || !at.cycle) return;
  try {
    const r = await apiJson(`/api/greenhouses/${at.g}/crop-cycles/${at.cycle.id}/harvests/${h.id}`,
      { method: 'PATCH', body });
    if (r.status === 409) {
      const g = shownOf();
      if (g) await loadHarvests(g);
      const li = document.querySelector(`#harvests li[data-harvest='${h.id}']`);
      const shown = li ? li.querySelector('.error') : error;
      shown.hidden = false; shown.textContent = t('harvestConflict');
      if (li) li.querySelector('details').open = true;
      return;
    }
    if (!r.ok) throw new Error((r.body && r.body.message) || r.status);
    await reload();
  } catch (e) {
    if (e instanceof LoggedOut) return;
    error.hidden = false; error.textContent = `${t('harvestFixFailed')}: ${e.message || e}`;
  }
}

document.getElementById('harvest-form').onsubmit = async (event) => {
  event.preventDefault();
  const error = document.getElementById('harvest-error');
  const h = harvests;
  if (!h || !h.cycle) return;
  const body = { harvestedOn: document.getElementById('harvest-date').value,
    kg: Number(document.getElementById('harvest-kg').value) };
  const grade = document.getElementById('harvest-grade').value.trim();
  if (grade) body.grade = grade;
  try {
    const r = await apiJson(`/api/greenhouses/${h.g}/crop-cycles/${h.cycle.id}/harvests`, { method: 'POST', body });
    if (!r.ok) throw new Error((r.body && r.body.message) || r.status);
    error.hidden = true;
    document.getElementById('harvest-kg').value = '';
    document.getElementById('harvest-grade').value = '';
    await reload();
  } catch (e) {
    if (e instanceof LoggedOut) return;
    error.hidden = false; error.textContent = `${t('harvestFailed')}: ${e.message || e}`;
  }
};
