// Code that only some screens need, loaded when one of them first opens, so the tiles load without it: uPlot and
// the chart code (charts.js) for a greenhouse's screen, the crop cycle and season report code (seasons.js) for that
// screen and the reports screen. Offline they may come from the service worker's copy.

// uPlot from its webjar, at the version the parent pom pins (uplot.version).
const UPLOT = 'webjars/uplot/1.6.30/dist/';

let uplotLoaded = null;
/** Loads uPlot (the global `uPlot`, a classic script) and its styles; resolves once it can draw. */
export function loadUplot() {
  if (!uplotLoaded) {
    const css = document.createElement('link');
    css.rel = 'stylesheet'; css.href = UPLOT + 'uPlot.min.css';
    document.head.append(css);
    uplotLoaded = script(UPLOT + 'uPlot.iife.min.js');
    uplotLoaded.catch(() => { uplotLoaded = null; css.remove(); });
  }
  return uplotLoaded;
}

/** Loads uPlot and the chart module; resolves to the module (draw, resize). */
export function loadCharts() {
  return loadUplot().then(() => import('./charts.js'));
}

function script(src) {
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = src; el.onload = resolve;
    el.onerror = () => { el.remove(); reject(new TypeError(`could not load ${src}`)); };
    document.head.append(el);
  });
}

let seasons = null;
let seasonsLoading = null;
/** The crop cycle and season report module once loaded, else null. */
export function loadedSeasons() { return seasons; }

/** Runs `then(module)` with the season module now if loaded; else starts loading it and calls `ready` when it is. */
export function withSeasons(then, ready) {
  if (seasons) { then(seasons); return; }
  if (seasonsLoading) return;
  seasonsLoading = import('./seasons.js').then((m) => { seasons = m; seasonsLoading = null; ready(); },
    // offline and not kept: tried again after 30 s
    () => setTimeout(() => { seasonsLoading = null; }, 30e3));
}
