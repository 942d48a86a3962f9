// Charts of the greenhouse detail screen, drawn with uPlot (the global `uPlot`); lazy.js loads this module and uPlot
// only when that screen first opens. One chart per quantity: each sensor's mean as a line over the band of its lowest
// and highest value in each bucket, times in the farm's time zone, words and numbers in the chosen language.
const COLOURS = [[27, 94, 32], [13, 71, 161], [106, 27, 154], [191, 54, 12]];
const rgba = (c, a) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;
const DAY_S = 86400;
const measure = document.createElement('canvas').getContext('2d');

/**
 * Draws the chart of one quantity into figure `fig` and returns its handle. `list` holds the API's series of
 * that quantity (one per sensor); `ctx` carries t (text), number (format), lang, tz, digits, fromS, toS, bucketS.
 */
export function draw(fig, quantity, list, ctx) {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const font = `${Math.round(0.75 * rem)}px system-ui, sans-serif`;
  const data = align(list, ctx.bucketS);
  const fmt = formatters(ctx);
  const digits = ctx.digits[quantity] ?? 1;
  const unit = list[0].unit;
  const several = list.length > 1;

  const caption = document.createElement('figcaption');
  caption.textContent = unit ? `${ctx.t(quantity)} (${unit})` : ctx.t(quantity);
  const plot = document.createElement('div');
  plot.className = 'plot';
  const readout = document.createElement('p');
  readout.className = 'readout';
  readout.setAttribute('aria-live', 'polite');
  fig.replaceChildren(caption, plot, readout, legend(list, ctx));

  const series = [{}];
  const bands = [];
  list.forEach((s, k) => {
    const c = COLOURS[k % COLOURS.length];
    series.push({ label: s.sensor, stroke: rgba(c, 1), width: 2, points: { show: false } });
    series.push({ label: `${s.sensor} max`, stroke: rgba(c, 0.35), width: 1, points: { show: false } });
    series.push({ label: `${s.sensor} min`, stroke: rgba(c, 0.35), width: 1, points: { show: false } });
    bands.push({ series: [3 * k + 2, 3 * k + 3], fill: rgba(c, 0.16) });
  });
  let lastPointer = 'mouse';
  const axis = { font, stroke: '#333', grid: { stroke: '#e3e3e3', width: 1 }, ticks: { stroke: '#ccc', width: 1 } };
  const opts = {
    width: Math.max(200, fig.clientWidth),
    height: Math.round(11.5 * rem),
    tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), ctx.tz),
    series,
    bands,
    legend: { show: false },
    cursor: {
      drag: { x: false, y: false, setScale: false }, points: { size: 8 },
      // A browser sends a tap's mouse events and then "leaves": the touched point stays until the next touch.
      bind: { mouseleave: (self, target, handler) => (e) => (lastPointer === 'mouse' ? handler(e) : null) },
    },
    scales: { x: { time: true, range: () => [ctx.fromS, ctx.toS] } },
    axes: [
      { ...axis, space: 4.5 * rem, size: 2.2 * rem, values: (u, splits, i, space, incr) => splits.map(x => fmt.tick(x, incr)) },
      {
        ...axis, space: 2.5 * rem,
        values: (u, splits) => splits.map(v => ctx.number(v, tickDigits(splits))),
        size: (u, values) => {
          measure.font = font;
          return Math.ceil(Math.max(0, ...(values || []).map(v => measure.measureText(v).width))) + rem;
        },
      },
    ],
    hooks: { setCursor: [u => show(u.cursor.idx)] },
  };
  const u = new uPlot(opts, data, plot);

  // The latest bucket's values unless a finger or pointer is on the chart.
  function show(idx) {
    const latest = idx == null;
    let i = latest ? data[0].length - 1 : idx;
    if (latest) while (i > 0 && list.every((s, k) => data[3 * k + 1][i] == null)) i--;
    const parts = list.map((s, k) => {
      const mean = data[3 * k + 1][i];
      if (mean == null) return null;
      const value = `${ctx.number(mean, digits)} ${unit} (${ctx.number(data[3 * k + 3][i], digits)}–`
        + `${ctx.number(data[3 * k + 2][i], digits)})`;
      return several ? `${s.sensor}: ${value}` : value;
    }).filter(Boolean);
    readout.textContent = parts.length
      ? `${latest ? ctx.t('latest') + ' · ' : ''}${fmt.full(data[0][i])} · ${parts.join(' · ')}` : '';
  }
  show(null);
  // uPlot follows a mouse; on a phone a touch moves the cursor, and the page still scrolls vertically.
  const touch = (e) => {
    lastPointer = e.pointerType;
    if (e.pointerType === 'mouse') return;
    const r = u.over.getBoundingClientRect();
    u.setCursor({ left: e.clientX - r.left, top: e.clientY - r.top });
  };
  u.over.addEventListener('pointerdown', touch);
  u.over.addEventListener('pointermove', touch);
  return { plot: u, fig };
}

/** Fits a chart to its figure's width, after a rotation or a resize. */
export function resize(handle) {
  handle.plot.setSize({ width: Math.max(200, handle.fig.clientWidth), height: handle.plot.height });
}

// One time axis shared by the sensors; where buckets are missing for longer than two, a null breaks the line
// rather than drawing across the time the controller sent nothing.
function align(list, bucketS) {
  const times = new Set();
  const index = list.map(s => {
    const at = new Map();
    s.t.forEach((iso, i) => { const x = Date.parse(iso) / 1000; times.add(x); at.set(x, i); });
    return at;
  });
  const xs = [];
  const sorted = [...times].sort((a, b) => a - b);
  sorted.forEach((x, i) => {
    xs.push(x);
    if (i + 1 < sorted.length && sorted[i + 1] - x > 2 * bucketS) xs.push(x + bucketS);
  });
  const data = [xs];
  list.forEach((s, k) => {
    for (const column of ['avg', 'max', 'min']) {
      data.push(xs.map(x => (index[k].has(x) ? s[column][index[k].get(x)] : null)));
    }
  });
  return data;
}

function legend(list, ctx) {
  const p = document.createElement('p');
  p.className = 'legend';
  list.forEach((s, k) => {
    const c = COLOURS[k % COLOURS.length];
    p.append(key(`background:${rgba(c, 1)};height:3px`, list.length > 1 ? `${ctx.t('mean')} ${s.sensor}`
      : ctx.t('mean')));
  });
  p.append(key(`background:${rgba(COLOURS[0], 0.16)};border:1px solid ${rgba(COLOURS[0], 0.35)}`,
    ctx.t('range')));
  return p;
}

function key(style, text) {
  const span = document.createElement('span');
  const mark = document.createElement('i');
  mark.style.cssText = style; // through the CSSOM: the page's policy refuses style attributes in markup
  span.append(mark, text);
  return span;
}

// The decimals the step between ticks needs: none for 10 lx, one for 0.5 °C, two for 0.25 kPa.
function tickDigits(splits) {
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1;
  let d = 0;
  while (d < 3 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-6 * 10 ** d) d++;
  return d;
}

function formatters(ctx) {
  const locale = ctx.lang === 'vi' ? 'vi-VN' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, { timeZone: ctx.tz, hour: '2-digit', minute: '2-digit' });
  const date = new Intl.DateTimeFormat(locale, { timeZone: ctx.tz, day: 'numeric', month: ctx.lang === 'vi' ? 'numeric' : 'short' });
  const at = (x) => new Date(x * 1000);
  return {
    // Hours for a day's chart, with the date at midnight; dates for longer ones.
    tick(x, incr) {
      if (incr >= DAY_S) return date.format(at(x));
      const hm = time.format(at(x));
      return hm === '00:00' ? date.format(at(x)) : hm;
    },
    full: (x) => `${date.format(at(x))} ${time.format(at(x))}`,
  };
}

