// Send a signed test event: a template (the image API's from its contract, GitHub, Stripe,
// Standard Webhooks), edited, to any allowed URL, with the chosen scheme and secret.
import { el } from '/shared/dom.js';
import { api } from './api.js';
import { headersToText, textToHeaders } from './header-text.js';
import { appendSchemeOptions } from './schemes.js';

export async function setUpTestEvents({ form, result }) {
  appendSchemeOptions(form.elements.scheme);
  const { templates } = await api.templates();
  const fields = form.elements;
  const byName = new Map(templates.map((template) => [template.name, template]));
  fields.template.replaceChildren(...templates.map((template) => el('option', { value: template.name }, `${template.name} (${template.sender})`)));
  if (!fields.target_url.value) fields.target_url.value = `${location.origin}/webhooks/test-events`;

  const choose = () => {
    const template = byName.get(fields.template.value);
    fields.scheme.value = template.scheme;
    fields.body.value = template.body;
    fields.headers.value = headersToText(template.headers);
  };
  fields.template.addEventListener('change', choose);
  choose();

  form.addEventListener('submit', async (submitEvent) => {
    submitEvent.preventDefault();
    const show = (...children) => result.replaceChildren(...children);
    try {
      show('sending…');
      const request = {
        template: fields.template.value,
        target_url: fields.target_url.value,
        signing: fields.signing.value,
        scheme: fields.scheme.value,
        body: fields.body.value,
        headers: textToHeaders(fields.headers.value),
        ...(fields.secret.value ? { secret: fields.secret.value } : {}),
        ...(fields.client_id.value.trim() ? { client_id: fields.client_id.value.trim() } : {}),
      };
      const answer = await api.trigger(request);
      const { response } = answer;
      show(el('p', {}, `Sent to ${answer.target_url} (${answer.scheme ?? 'unsigned'}): answered ${response.status} in ${response.latency_ms} ms`),
        el('pre', { className: 'body' }, response.body));
    } catch (error) {
      show(el('p', { className: 'error-text' }, error.message));
    }
  });
}
