// The dashboard's own DOM pieces; byId and el are every page's (/shared/dom.js).
import { el } from '/shared/dom.js';

export { byId, el } from '/shared/dom.js';

/** A status badge; the status only ever selects a style through data-status. */
export function badge(status) {
  return el('span', { className: 'badge', 'data-status': status }, status);
}
