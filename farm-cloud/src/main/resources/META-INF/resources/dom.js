// Small changes to the page that touch the DOM only when something differs, so that a live update leaves alone the
// element a person is using (focus, an open list) and gives assistive technology nothing new to read.

/** Sets the text of `el` to `text` unless it already reads so. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets (or, for null, removes) the attribute `name` of `el` unless it already has that value. */
export function setAttr(el, name, value) {
  if (value === null || value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== String(value)) {
    el.setAttribute(name, value);
  }
}

/** Sets the property `name` of `el` (hidden, disabled, className) unless it already has that value. */
export function setProp(el, name, value) {
  if (el[name] !== value) el[name] = value;
}

/** Makes `nodes` the children of `parent`, in that order, moving only the nodes out of place. */
export function place(parent, nodes) {
  nodes.forEach((node, i) => {
    if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] || null);
  });
  while (parent.children.length > nodes.length) parent.lastElementChild.remove();
}

/**
 * Returns a new element `tag` with the `children` and `props`: the element's properties (className, type, hidden…),
 * `data` for its data attributes, and any other name as an attribute.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'data') Object.assign(node.dataset, v); else if (k in node) node[k] = v; else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** The first element under `root` that `selector` matches, or null. */
export const $ = (selector, root = document) => root.querySelector(selector);
