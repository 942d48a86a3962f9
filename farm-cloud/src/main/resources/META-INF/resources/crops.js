// A crop cycle in the farmer's words, as the tiles, the greenhouse screen and the season cards all show it.
import { t, language } from './text.js';
import { localDay } from './time.js';

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
