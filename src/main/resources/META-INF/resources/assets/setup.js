// First-admin setup, from the one-time link printed at start (/setup?code=…).
import { keepToken } from './api.js';
import { $ } from './dom.js';

const code = new URLSearchParams(location.search).get('code') || '';

function state(message, showLogin) {
  $('setup-state').textContent = message;
  $('setup-state').hidden = false;
  $('to-login').hidden = !showLogin;
}

async function start() {
  const body = await fetch(`/api/auth/setup?code=${encodeURIComponent(code)}`)
    .then((r) => r.json())
    .catch(() => ({ success: false }));
  if (!body.success) state('Could not reach the service: reload the page.', false);
  else if (!body.data.setupRequired) state('Setup is already done: sign in, or ask an admin for an account.', true);
  else if (!body.data.codeValid) {
    state(
      'This setup link is wrong, expired or already used. Restart the service for a new one: it is printed in the log.',
      false,
    );
  } else $('setup-form').hidden = false;
}

$('setup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = $('setup-error');
  error.hidden = true;
  if ($('password').value !== $('confirm').value) {
    error.textContent = 'The two passwords differ.';
    error.hidden = false;
    return;
  }
  $('setup-button').disabled = true;
  try {
    const response = await fetch('/api/auth/setup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        code,
        username: $('username').value,
        displayName: $('display-name').value,
        password: $('password').value,
      }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.success) throw new Error(body.error || `Setup failed (HTTP ${response.status})`);
    keepToken(body.data.token);
    location.assign('/admin#staff');
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  } finally {
    $('setup-button').disabled = false;
  }
});

start();
