// The filter form <-> the list's query string.

const TEXT_FIELDS = ['client_id', 'event_type', 'verification', 'outcome', 'payload_check', 'q'];
const TIME_FIELDS = ['since', 'until'];

/** The current filters as URLSearchParams (empty fields left out; local times sent as UTC). */
export function filterParams(form) {
  const params = new URLSearchParams();
  const data = new FormData(form);
  for (const name of TEXT_FIELDS) {
    const value = String(data.get(name) ?? '').trim();
    if (value) params.set(name, value);
  }
  for (const name of TIME_FIELDS) {
    const value = String(data.get(name) ?? '');
    if (value) params.set(name, new Date(value).toISOString());
  }
  return params;
}

/** Calls `onChange` when a filter changes, typing settled for a moment. */
export function watchFilters(form, onChange) {
  let timer;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 200);
  };
  form.addEventListener('input', soon);
  form.addEventListener('change', soon);
  form.addEventListener('reset', () => setTimeout(onChange, 0));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onChange();
  });
}
