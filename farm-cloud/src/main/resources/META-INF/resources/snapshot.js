// Offline, the tiles open with the values last seen, clearly marked as old. They are kept here in localStorage
// rather than as a cached /api/greenhouses answer in the service worker: the live stream changes them between two
// loads, only the page knows when they were last current and for whom, logging out must forget them, and this
// works where no service worker can run (a cooperative's server on plain HTTP).
import { state } from './state.js';

const SNAPSHOT = 'farm.snapshot';
let timer = null;

/** Keeps the greenhouses shown, when they were current and who was logged in. */
export function saveSnapshot() {
  if (!state.me || !state.dataAt) return;
  try {
    localStorage.setItem(SNAPSHOT, JSON.stringify({ at: state.dataAt, me: state.me,
      greenhouses: [...state.greenhouses.values()] }));
  } catch (e) {
    // storage full or turned off: offline, the app then opens on the "reconnecting" banner alone
  }
}

/** Keeps them within 10 s, so that a stream of live updates writes the storage seldom. */
export function saveSnapshotSoon() {
  if (!timer) timer = setTimeout(() => { timer = null; if (state.live) saveSnapshot(); }, 10000);
}

/** Returns what was kept ({ at, me, greenhouses }), or null. */
export function readSnapshot() {
  try {
    const snap = JSON.parse(localStorage.getItem(SNAPSHOT));
    return snap && snap.me ? snap : null;
  } catch (e) {
    return null;
  }
}

/** Forgets what was kept: the next person on this phone must not see the last one's greenhouses. */
export function forgetSnapshot() { localStorage.removeItem(SNAPSHOT); }
