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
 * (className, href, value, checked...), or as attributes for data-*, aria-* and names the element
 * has no property for. `on` wires event handlers: el('button', { on: { click: save } }, 'Save').
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === 'on') {
      for (const [type, handler] of Object.entries(value)) node.addEventListener(type, handler);
    } else if (name.startsWith('data-') || name.startsWith('aria-') || !(name in node)) {
      node.setAttribute(name, String(value));
    } else {
      node[name] = value;
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof window.Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * A pill with a label; `tone` (ok, warn, error, info) picks its colour in base.css, so what a
 * server sent only ever becomes text, never a class name.
 */
export function badge(text, tone) {
  return el('span', { className: 'badge', 'data-tone': tone }, text);
}
