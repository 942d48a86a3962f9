// Switching an output from the phone: a command sent to the cloud, and the last known status of each output's
// command (waiting, sent, applied, refused…), from the POST's answer and the live stream, whichever comes first.
import { api, LoggedOut } from './api.js';
import { state, redraw } from './state.js';

/** Sends `action` ('on', 'off' or 'auto') for output `actuator` of controller `deviceId`; 'on' for `durationS`. */
export async function send(deviceId, actuator, action, durationS) {
  state.commands.set(`${deviceId}/${actuator}`, { status: 'queued' });
  redraw();
  try {
    const res = await api(`/api/devices/${encodeURIComponent(deviceId)}/commands`,
      { method: 'POST', body: { actuator, action, durationS } });
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || res.status);
    onCommand(body);
  } catch (e) {
    if (e instanceof LoggedOut) return;
    state.commands.set(`${deviceId}/${actuator}`, { status: 'failed', reason: String(e.message || e) });
    redraw();
  }
}

/** Keeps a command's row, from the stream or an answer. */
export function onCommand(row) {
  const key = `${row.deviceId}/${row.actuator}`;
  const known = state.commands.get(key);
  // Events can overtake the POST's answer; never let an older status replace a final one.
  if (known && known.commandId === row.commandId && known.updatedAt > row.updatedAt) return;
  state.commands.set(key, row);
  redraw();
}
