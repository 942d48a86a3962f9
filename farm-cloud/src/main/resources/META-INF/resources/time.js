// The farm's calendar and clock: times and days are shown in the farm's time zone whatever the phone's own zone.
// The zone comes from the cloud's configuration (farm.timezone), sent with the session; until then, and for a
// session that does not name one, it is Vietnam's.
import { locale } from './text.js';

const DEFAULT_ZONE = 'Asia/Ho_Chi_Minh';
let zone = DEFAULT_ZONE;

/** Returns the farm's time zone, an IANA name such as 'Asia/Ho_Chi_Minh'. */
export function farmZone() { return zone; }

/** Uses the time zone `name` from now on; an unknown or missing name keeps Vietnam's. */
export function setFarmZone(name) {
  try {
    zone = name ? Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone : DEFAULT_ZONE;
  } catch (e) {
    zone = DEFAULT_ZONE; // RangeError: a zone this browser does not know
  }
}

/** YYYY-MM-DD of an instant (ms since the epoch) in the farm's time zone. */
export function localDay(ms) { return new Date(ms).toLocaleDateString('en-CA', { timeZone: zone }); }

/** "+07:00": the farm's offset from UTC at the instant `ms`. */
function offsetAt(ms) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms)).find(p => p.type === 'timeZoneName').value;
  const m = /([+-]\d{2}):?(\d{2})/.exec(name);
  return m ? `${m[1]}:${m[2]}` : '+00:00'; // 'GMT' alone is UTC
}

/** Returns the instant (ms since the epoch) of the farm's wall time `hms` ('12:00:00') on the day `ymd`. */
export function farmTime(ymd, hms) {
  const guess = Date.parse(`${ymd}T${hms}Z`);
  // The offset of that wall time: at most one summer-time step away from the guess's, so asking twice settles it.
  const first = Date.parse(`${ymd}T${hms}${offsetAt(guess)}`);
  return Date.parse(`${ymd}T${hms}${offsetAt(first)}`);
}

/** "14:05" today, or "14:05 1/12" for an older day, in the farm's time zone. */
export function clock(ms) {
  const time = new Date(ms).toLocaleTimeString(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  if (localDay(ms) === localDay(Date.now())) return time;
  return `${time} ${new Date(ms).toLocaleDateString(locale(), { timeZone: zone, day: 'numeric', month: 'numeric' })}`;
}

/** Formats the farm day `ymd` ('2026-03-12') with the Intl date `options`, in the language shown. */
export function farmDate(ymd, options) {
  return new Date(farmTime(ymd, '12:00:00')).toLocaleDateString(locale(), { timeZone: zone, ...options });
}

/** 12/3/2026 (vi) or 12/03/2026 (en) for the farm day `ymd`; without the year when `year` is false. */
export function farmDay(ymd, year = true) {
  return farmDate(ymd, { day: 'numeric', month: 'numeric', year: year ? 'numeric' : undefined });
}
