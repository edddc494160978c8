// The client app's own DOM pieces; byId and el are every page's (/shared/dom.js).
import { el } from '/shared/dom.js';

export { byId, el } from '/shared/dom.js';

/** Shows a notice box: a bold title and an optional detail line. */
export function showNotice(node, level, title, detail) {
  node.replaceChildren(el('div', { className: 'notice-title' }, title), detail ? el('div', {}, detail) : null);
  node.dataset.level = level;
  node.hidden = false;
}

export function hideNotice(node) {
  node.hidden = true;
  node.replaceChildren();
}

/** Only a well-formed hex colour from the server reaches a style property. */
export function safeColor(value) {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value : null;
}
