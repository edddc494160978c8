// The signing schemes the receiver verifies and signs with, in the order every menu offers them.
import { el } from '/shared/dom.js';

export const SCHEMES = [
  ['x-webhook-signature', 'X-Webhook-Signature'],
  ['github', 'GitHub'],
  ['standard-webhooks', 'Standard Webhooks / Svix'],
  ['stripe', 'Stripe'],
  ['shopify', 'Shopify'],
  ['slack', 'Slack'],
  ['twilio', 'Twilio'],
];

/** Adds one option per scheme after the menu's own (e.g. "auto"). */
export function appendSchemeOptions(select) {
  select.append(...SCHEMES.map(([value, label]) => el('option', { value }, label)));
}
