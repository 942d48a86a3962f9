// Crops in the farmer's words: a crop cycle as the tiles, the greenhouse screen and the season cards all show it, and
// the crop profiles (names and stages) that the season screens name crops by.
import { apiJson } from './api.js';
import { t, language } from './text.js';
import { localDay } from './time.js';
import { state, redraw } from './state.js';

/** "Cà chua Savior · ngày 45 · Phát triển thân lá": the crop, its day from planting and its stage. */
export function cropLine(c) {
  const lang = language();
  const name = (c.cropNames && (c.cropNames[lang] || c.cropNames.en)) || c.crop;
  const stage = c.stage ? (c.stage.names[lang] || c.stage.names.en) : t('notPlanted');
  return [c.variety ? `${name} ${c.variety}` : name, c.day >= 0 ? t('day', { n: c.day }) : null, stage]
    .filter(Boolean).join(' · ');
}

/** The season's first day: the earliest planting of the greenhouse's open crop cycles, if one has begun. */
export function plantedOn(g) {
  const today = localDay(Date.now());
  return (g.cropCycles || []).filter(c => c.open !== false && c.plantedOn && c.plantedOn <= today)
    .map(c => c.plantedOn).sort()[0] || null;
}

let profiles = null; // GET /api/crops: id -> profile with names and stages, once loaded
let asked = false;

/** The crop profiles by id once loaded, else null. */
export function cropProfiles() { return profiles; }

/** Asks for the crop profiles once while online (again after a failure); redraws when they arrive. */
export function askCropProfiles() {
  if (asked || !state.live) return;
  asked = true;
  apiJson('/api/crops').then((r) => {
    if (!r.ok) throw new Error(r.status);
    profiles = new Map(r.body.map(c => [c.id, c]));
    redraw();
  }).catch(() => { asked = false; });
}

/** A crop's name in the language shown: from `names` when given, else from its profile, else its id. */
export function cropName(id, names) {
  const n = names || (profiles && profiles.get(id) && profiles.get(id).names);
  return (n && (n[language()] || n.en)) || id;
}
