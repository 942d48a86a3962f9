// The live stream (/api/stream, server-sent events): one EventSource while logged in, each message handed on as
// the event the cloud sent ({ type, deviceId, data }), pings left out.

let source = null;

/** Opens the stream unless it is open; `on.open`, `on.error` and `on.event(e)` are called as it goes. */
export function openStream(on) {
  if (source) return;
  source = new EventSource('/api/stream');
  source.onopen = () => on.open();
  source.onerror = () => on.error();
  source.onmessage = (m) => {
    const e = JSON.parse(m.data);
    if (e.type !== 'ping') on.event(e);
  };
}

/** Closes the stream, if open. */
export function closeStream() {
  if (source) { source.close(); source = null; }
}

/** True while a stream is open or reconnecting by itself. */
export function streaming() { return source !== null; }

/**
 * Forgets a stream the browser has given up on (the server refused it, e.g. 429: this session has too many open
 * in other tabs), so that it is tried again like a server that was away.
 */
export function dropIfClosed() {
  if (source && source.readyState === EventSource.CLOSED) source = null;
}
