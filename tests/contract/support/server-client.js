// Requests the hooks make themselves, to set up the state a transaction needs (an event to
// read, a job that finished, a used-up rate limit) on the server under test.
function serverClient(baseUrl) {
  const url = (path) => new URL(path, baseUrl).toString();

  /** `expect`: the status the setup needs; anything else throws with the server's answer. */
  async function request(method, path, { headers = {}, body, expect } = {}) {
    const response = await fetch(url(path), { method, headers, body });
    const text = await response.text();
    if (expect !== undefined && response.status !== expect) {
      throw new Error(`${method} ${path} answered ${response.status}, not ${expect}: ${text.slice(0, 300)}`);
    }
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
  }

  const sendJson = (method, path, value, options = {}) =>
    request(method, path, { ...options, headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify(value) });

  return { url, request, sendJson };
}

module.exports = { serverClient };
