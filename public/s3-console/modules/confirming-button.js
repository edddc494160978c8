/**
 * A destructive button that asks twice without a dialog: the first click arms it ("Confirm?")
 * for a few seconds, the second does it.
 */
import { el } from '/_console/shared/dom.js';

const ARMED_MS = 4000;

export function confirmingButton(label, action, attributes = {}) {
  let timer;
  const button = el('button', { type: 'button', className: 'danger small', ...attributes }, label);
  button.addEventListener('click', async () => {
    if (button.dataset.armed !== 'true') {
      button.dataset.armed = 'true';
      button.textContent = `Confirm ${label.toLowerCase()}`;
      timer = setTimeout(() => {
        button.dataset.armed = 'false';
        button.textContent = label;
      }, ARMED_MS);
      return;
    }
    clearTimeout(timer);
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
      button.dataset.armed = 'false';
      button.textContent = label;
    }
  });
  return button;
}
