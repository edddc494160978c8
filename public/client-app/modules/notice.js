// A notice box under a panel: a bold title and an optional detail line, coloured by data-level.
import { el } from '/shared/dom.js';

export function showNotice(node, level, title, detail) {
  node.replaceChildren(el('div', { className: 'notice-title' }, title), detail ? el('div', {}, detail) : null);
  node.dataset.level = level;
  node.hidden = false;
}

export function hideNotice(node) {
  node.hidden = true;
  node.replaceChildren();
}
