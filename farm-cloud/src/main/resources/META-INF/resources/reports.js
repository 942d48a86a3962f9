// The season comparisons screen (#/reports): its figures come from seasons.js, loaded when the screen first opens.
import { t } from './text.js';
import { state, redraw } from './state.js';
import { withSeasons, loadedSeasons } from './lazy.js';

/** Brings the reports screen up to date; `fresh` when it opens, so the figures are asked for again. */
export function renderReports(fresh = false) {
  if (state.screen !== 'reports') return;
  const status = document.getElementById('reports-status');
  if (!loadedSeasons()) { status.hidden = false; status.textContent = state.live ? t('loading') : t('reportsOffline'); }
  withSeasons(s => s.reports(fresh), redraw);
}
