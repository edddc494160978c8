/**
 * Building DOM nodes without HTML strings, for every standin page (served at /shared/): every
 * piece of text, including anything that came from a server, becomes a text node, never markup.
 */

/** The element with this id; a missing one is a bug in index.html, so say which. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node;
}

/**
 * el('td', { className: 'num', title: 'bytes' }, '1.2 KB') — attributes are set as properties
 * (className, href, src...) or, for data-* and aria-*, as attributes.
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
