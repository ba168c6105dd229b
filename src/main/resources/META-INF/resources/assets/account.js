// One's own password. The answer carries this session's new token: every other session ends.
import { call, keepToken, token } from './api.js';
import { $ } from './dom.js';

if (!token()) location.replace('/login');

async function start() {
  const me = (await call('GET', '/api/auth/me')).data;
  $('account-who').textContent = `Signed in as ${me.name}`;
  if (me.account === 'local') $('password-form').hidden = false;
  else $('account-clubos').hidden = false;
}

$('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = $('password-error');
  error.hidden = true;
  $('password-done').hidden = true;
  if ($('new-password').value !== $('confirm').value) {
    error.textContent = 'The two new passwords differ.';
    error.hidden = false;
    return;
  }
  $('password-button').disabled = true;
  try {
    const result = await call('PUT', '/api/auth/password', {
      currentPassword: $('current').value,
      newPassword: $('new-password').value,
    });
    keepToken(result.data.token);
    event.target.reset();
    $('password-done').hidden = false;
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  } finally {
    $('password-button').disabled = false;
  }
});

start().catch((e) => {
  $('account-who').textContent = e.message;
});
