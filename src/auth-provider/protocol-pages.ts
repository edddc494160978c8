/**
 * The HTML pages oidc-provider renders itself (device code entry and confirmation, logout
 * confirmation, sign-out and device success, errors), in standin's look: the shared stylesheet and
 * the provider's own, no inline script or style, every value escaped.
 */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function protocolPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · standin auth provider</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/shared/base.css">
  <link rel="stylesheet" href="/auth-provider/provider.css">
</head>
<body>
  <main class="protocol-page card">
    <h1>${escapeHtml(title)}</h1>
    ${body}
  </main>
</body>
</html>`;
}

export function deviceCodeInputPage(form: string, errorName: string | undefined): string {
  const message = errorName === undefined ? 'Enter the code your device shows.'
    : errorName === 'AbortedError' ? 'The sign-in was cancelled.'
      : 'That code is not valid (wrong, expired, or already used). Try again.';
  return protocolPage('Connect a device', `
    <p class="${errorName ? 'error-text' : 'muted'}" role="status">${escapeHtml(message)}</p>
    ${withoutInlineHandlers(form)}
    <p><button type="submit" form="op.deviceInputForm">Continue</button></p>`);
}

/** oidc-provider's code input carries an inline onfocus handler, which the page policy (no inline script) would refuse noisily. */
function withoutInlineHandlers(form: string): string {
  return form.replace(/\son[a-z]+="[^"]*"/g, '');
}

export function deviceConfirmPage(form: string, clientId: string, userCode: string): string {
  return protocolPage('Confirm the device', `
    <p><strong>${escapeHtml(clientId)}</strong> asks to sign in on a device showing this code:</p>
    <p class="user-code"><code>${escapeHtml(userCode)}</code></p>
    ${form}
    <p class="actions">
      <button type="submit" form="op.deviceConfirmForm">Approve</button>
      <button class="secondary" type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Deny</button>
    </p>`);
}

export function deviceSuccessPage(clientId: string): string {
  return protocolPage('Device connected', `<p>${escapeHtml(clientId)} is signed in. You can close this page.</p>`);
}

export function logoutConfirmPage(form: string, host: string): string {
  return protocolPage('Sign out', `
    <p>Sign out of the auth provider at ${escapeHtml(host)}?</p>
    ${form}
    <p class="actions">
      <button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
      <button class="secondary" type="submit" form="op.logoutForm">Stay signed in</button>
    </p>`);
}

export function signedOutPage(): string {
  return protocolPage('Signed out', '<p>You are signed out.</p>');
}

export function errorPage(out: Record<string, unknown>): string {
  const rows = Object.entries(out).map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd><code>${escapeHtml(value)}</code></dd>`).join('');
  return protocolPage('Something went wrong', `<dl class="error-details">${rows}</dl>`);
}
