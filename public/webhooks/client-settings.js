// Per-client settings form: load, save (PUT) and reset (DELETE) through the API.
import { api } from './api.js';
import { badge, el } from '/shared/dom.js';
import { revealHidden } from '/shared/format.js';
import { appendSchemeOptions } from './schemes.js';

function fill(form, settings) {
  form.elements.client_id.value = settings.client_id;
  form.elements.scheme.value = settings.scheme;
  // The receiver never shows a client's secret again, only its fingerprint; an empty field keeps it.
  form.elements.secret.value = '';
  form.elements.secret.placeholder = settings.secret_set ? `own secret, SHA-256 ${settings.secret_sha256_prefix}…; type to replace` : 'WEBHOOK_SECRET';
  form.elements.global_secret.checked = false;
  form.elements.require_signature.value = settings.require_signature === null ? '' : String(settings.require_signature);
  form.elements.status.value = settings.response.status;
  form.elements.delay_ms.value = settings.response.delay_ms;
  form.elements.failure_rate.value = settings.response.failure_rate;
  form.elements.forward_url.value = settings.forward_url ?? '';
  // A registered schema comes back resolved; it is saved again as the JSON Schema it stands for.
  form.elements.payload_schema.value = settings.payload_schema ? JSON.stringify({ json_schema: settings.payload_schema.schema }, null, 2) : '';
}

/** The payload_schema field: empty for none, else the JSON the API takes ({json_schema} or {openapi, callback}). */
function payloadSchemaOf(text) {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Payload schema is not JSON: ${error.message}`);
  }
}

function read(form) {
  const { scheme, secret, global_secret: globalSecret, require_signature: requireSignature, status, delay_ms: delayMs, failure_rate: failureRate, forward_url: forwardUrl, payload_schema: payloadSchema } = form.elements;
  return {
    forward_url: forwardUrl.value.trim() === '' ? null : forwardUrl.value.trim(),
    payload_schema: payloadSchemaOf(payloadSchema.value),
    scheme: scheme.value,
    // Left out, the client keeps the secret it has; null drops it for WEBHOOK_SECRET.
    ...(globalSecret.checked ? { secret: null } : secret.value === '' ? {} : { secret: secret.value }),
    require_signature: requireSignature.value === '' ? null : requireSignature.value === 'true',
    response: { status: Number(status.value), delay_ms: Number(delayMs.value), failure_rate: Number(failureRate.value) },
  };
}

export function setUpClientSettings({ form, chips, message }) {
  appendSchemeOptions(form.elements.scheme);
  const say = (text) => { message.textContent = text; };
  const clientId = () => form.elements.client_id.value.trim();

  async function refreshChips() {
    const { clients } = await api.listClients();
    chips.replaceChildren(...clients.map(chip));
  }

  // A client whose stored settings the receiver refuses cannot be loaded (409): its chip says
  // so, and picking it fills the form with them as listed and says why and how to mend them.
  function chip(client) {
    if (client.unusable === null) {
      return el('button', { type: 'button', className: 'chip', on: { click: () => load(client.client_id) } }, revealHidden(client.client_id), el('span', { className: 'muted' }, ` ${client.scheme}`));
    }
    const pick = () => {
      fill(form, client);
      say(client.unusable);
    };
    return el('button', { type: 'button', className: 'chip', title: client.unusable, on: { click: pick } }, revealHidden(client.client_id), ' ', badge('unusable', 'error'));
  }

  async function load(id = clientId()) {
    if (!id) return say('Enter a client id.');
    const settings = await api.getClient(id);
    fill(form, settings);
    say(settings.configured ? `Loaded ${id}.` : `${id} uses the defaults.`);
  }

  const guarded = (action) => async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      say(error.message);
    }
  };

  form.addEventListener('submit', guarded(async (event) => {
    event.preventDefault();
    const saved = await api.putClient(clientId(), read(form));
    fill(form, saved);
    await refreshChips();
    // Said last, so "Saved" means the list of configured clients shows it too.
    say(`Saved ${saved.client_id}.`);
  }));
  form.querySelector('#client-load').addEventListener('click', guarded(() => load()));
  form.querySelector('#client-reset').addEventListener('click', guarded(async () => {
    await api.resetClient(clientId());
    await load();
    await refreshChips();
  }));
  return guarded(refreshChips);
}
