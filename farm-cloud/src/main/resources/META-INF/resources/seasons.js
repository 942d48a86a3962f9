// Crop cycles and season reports, the module lazy.js loads when a greenhouse's screen or the reports screen first
// opens: the greenhouse screen's crop cycles and forms (cycles.js) with the season report card of a cycle
// (seasoncard.js), and the comparisons screen (seasonlist.js). The rest of the page reaches them only through here.
import { showCycles, leaveCycles, harvested as reportHarvest } from './cycles.js';
import { resizeCard } from './seasoncard.js';
import { showSeasons, forgetSeasons } from './seasonlist.js';

/** Shows greenhouse `g`'s crop cycles and season report card; cheap when nothing changed (called on each render). */
export function detail(g) { showCycles(g); }

/** Forgets the greenhouse screen's data (another greenhouse or another screen is shown). */
export function leave() { leaveCycles(); }

/** Reloads the report card's figures after a harvest was recorded on the greenhouse's screen. */
export function harvested() { reportHarvest(); }

/** Shows the comparisons screen; `fresh` when it opens, so the figures are asked for again. */
export function reports(fresh = false) { showSeasons(fresh); }

/** Redraws the season chart at the screen's new width. */
export function resize() { resizeCard(); }

/** Forgets everything shown (a person logged out: the next one must not see it). */
export function forget() {
  leaveCycles();
  forgetSeasons();
}
