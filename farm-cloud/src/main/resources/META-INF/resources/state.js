// What the dashboard knows, in one place: who is logged in, whether the values are live, the greenhouses with their
// latest readings and outputs, commands, open alerts. Modules read and change it here, then ask for a redraw;
// nothing else keeps a copy.

export const state = {
  me: null,          // the person logged in, from /api/session
  live: false,       // true while the values shown come from the server as they change
  dataAt: null,      // when the values shown were last known to be current (ms since the epoch)
  greenhouses: new Map(), // deviceId (or 'gh-<id>') -> one controller of a greenhouse, see units()
  commands: new Map(),    // deviceId/actuator -> last command row
  alerts: new Map(),      // alert id -> open alert of a greenhouse the person sees
  runFor: new Map(),      // deviceId/actuator -> minutes chosen for "on"
  cooperatives: new Map(), // cooperative id -> name, for the overview managers and officers see
  screen: 'tiles',   // the screen shown: 'tiles', 'detail' or 'reports'
  detailId: null,    // greenhouse shown in the detail screen, or null
  detailDevice: null, // its controller shown, when the address names one (a greenhouse of several)
};

let draw = () => {};

/** Sets what {@link redraw} runs: the page's render. */
export function onRedraw(render) { draw = render; }

/** Brings everything on screen up to date with the state. */
export function redraw() { draw(); }

/** The key of a tile: its controller, or the greenhouse when it has none. */
export function unitKey(g) { return g.deviceId || `gh-${g.id}`; }

/** Replaces the greenhouses with `list` (as units(), one per controller). */
export function setGreenhouses(list) {
  state.greenhouses.clear();
  for (const g of list) state.greenhouses.set(unitKey(g), g);
}

/** Returns the unit of controller `deviceId`, or null. */
export function byDevice(deviceId) {
  for (const g of state.greenhouses.values()) if (g.deviceId === deviceId) return g;
  return null;
}

/**
 * A greenhouse as the tiles show it: one unit per controller (a large house may have a board per bay), each with the
 * greenhouse's own fields and the controller's status, readings and outputs; one unit without a controller for a
 * greenhouse that has none yet.
 */
export function units(g) {
  const { controllers, ...house } = g;
  if (!controllers || controllers.length === 0) {
    return [{ ...house, deviceId: null, online: false, lastSeen: null, latest: [], actuators: {}, part: null }];
  }
  return controllers.map(c => ({ ...house, ...c, part: controllers.length > 1 ? partName(g, c.deviceId) : null }));
}

// The part of a greenhouse one of several controllers serves: its zones' names, else the controller's id.
function partName(g, deviceId) {
  const zones = (g.zones || []).filter(z => z.deviceId === deviceId).map(z => z.name);
  return zones.length ? zones.join(', ') : deviceId;
}

/** "Nhà kính hai gian · Gian A": the greenhouse, and the part of it when it has a controller per part. */
export function unitName(g) { return g.part ? `${g.name} · ${g.part}` : g.name; }

/** The address of the unit's detail screen. */
export function detailHref(g) { return g.part ? `#/g/${g.id}/${encodeURIComponent(g.deviceId)}` : `#/g/${g.id}`; }
