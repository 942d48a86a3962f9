// A greenhouse's crop cycles on its screen: the open ones, each with a form to correct it behind a disclosure, the
// form to start one (for those who control the greenhouse), and the ended ones, each opening its season report in
// the card of seasoncard.js. Forms are built once per revision of what they edit, so a live update never clears
// what is typed. Every word is in text.js.
import { apiJson } from './api.js';
import { t, number, language } from './text.js';
import { farmDay as day, localDay } from './time.js';
import { state, redraw } from './state.js';
import { cropLine, cropName, cropProfiles, askCropProfiles } from './crops.js';
import { load } from './data.js';
import { forgetHarvests } from './harvests.js';
import { el, $ } from './dom.js';
import { showReport, shownCycle, loadingReport, unshow, clearCard, renderCard } from './seasoncard.js';

// The greenhouse shown, its cycles once asked for, the items of the open ones, the notice after a change, and
// whether the start form was last opened by itself.
const view = { g: null, cycles: null, asked: false, items: new Map(), notice: null, startOpen: null };

const canEdit = () => state.me && state.me.role !== 'officer';

// Fetches JSON (a 401 shows the login form, in api.js). Returns { status, ok, body }, body null when it has none.
const api = (path, method = 'GET', payload = undefined) => apiJson(path, { method, body: payload });

// After a cycle is started or corrected: the tiles' crop lines and the harvests' cycle follow.
function cyclesChanged() {
  forgetHarvests();
  return load().catch(() => {});
}

const report = (id) => showReport(view.g, id, () => view.cycles);

/** Reloads the report card's figures after a harvest was recorded on this screen. */
export function harvested() {
  if (shownCycle() > 0) report(shownCycle());
}


/** Shows greenhouse `g`'s crop cycles and season report card; cheap when nothing changed (called on each render). */
export function showCycles(g) {
  if (view.g !== g.id) leaveCycles(g.id);
  askCropProfiles();
  if (!view.asked && state.live) loadCycles();
  renderCycles(g);
  renderCard(view.cycles);
}

/** Forgets the greenhouse screen's data (another greenhouse or another screen is shown). */
export function leaveCycles(g = null) {
  clearCard(g);
  Object.assign(view, { g, cycles: null, asked: false, notice: null, startOpen: null });
  view.items.clear();
  $('#cycles .open-cycles').replaceChildren();
  $('#cycles .past-cycles').replaceChildren();
  $('#cycles .past-cycles').dataset.key = '';
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
  const shown = view.cycles.find(c => c.id === shownCycle());
  if (!shown) {
    const today = localDay(Date.now());
    const open = view.cycles.filter(c => c.open && c.plantedOn <= today)
      .sort((x, y) => x.plantedOn.localeCompare(y.plantedOn))[0];
    if (open) report(open.id); else unshow();
  } else if (!loadingReport()) {
    report(shown.id); // a correction or a harvest changes the figures
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
  const crops = cropProfiles();
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
  const crops = cropProfiles();
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
    unshow(); // the card turns to the new cycle once the list is back
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
      report(c.id);
      $('#season').scrollIntoView({ block: 'start' });
    } }, t('reportOf')))));
}
