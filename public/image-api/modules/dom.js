/**
 * Building DOM nodes without HTML strings: every piece of text, including anything the server
 * sent (user ids, job errors), becomes a text node (textContent), never markup.
 */

/** The element with this id; a missing one is a bug in index.html, so say which. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node;
}

/**
 * el('td', { className: 'num', title: 'bytes' }, '1.2 KB') — attributes are set as properties
 * (className, title...) or, for data-* and aria-*, as attributes; children are nodes or text.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name.startsWith('data-') || name.startsWith('aria-')) node.setAttribute(name, String(value));
    else node[name] = value;
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof window.Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A status badge; the status only ever selects a style through data-status. */
export function badge(status) {
  return el('span', { className: 'badge', 'data-status': status }, status);
}
