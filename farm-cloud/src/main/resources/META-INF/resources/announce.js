// What a screen reader says when a status changes (an output switching, an alert opening or clearing, a controller
// going offline): one polite live region, so that a live update of the values is never read out, nor the whole grid.

let last = 0;

/** Has the screen reader say `text` once, after what it is saying now. */
export function announce(text) {
  const region = document.getElementById('announce');
  // Several changes in one update are said together; a later update replaces what was said before.
  const now = Date.now();
  region.textContent = now - last < 500 && region.textContent ? `${region.textContent} ${text}` : text;
  last = now;
}
