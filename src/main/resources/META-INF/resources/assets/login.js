// Sign-in: the token is kept in sessionStorage only (never in a URL), then the chat page opens.
// Staff coming from ClubOS (/login#clubos_token=…) are signed in with their ClubOS token instead.
import { keepToken, takeNotice } from './api.js';
import { adoptClubosToken } from './clubos-signin.js';
import { $ } from './dom.js';

const form = $('login-form');
const error = $('login-error');

if (await adoptClubosToken()) location.replace('/messages');

const notice = takeNotice();
if (notice) {
  $('login-notice').textContent = notice;
  $('login-notice').hidden = false;
}
fetch('/api/auth/setup')
  .then((r) => r.json())
  .then((body) => {
    $('setup-hint').hidden = !(body.success && body.data.setupRequired);
  })
  .catch(() => {});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const button = $('login-button');
  button.disabled = true;
  try {
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: form.username.value, password: form.password.value }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.success) {
      throw new Error(body.error || 'Sign-in failed');
    }
    keepToken(body.data.token);
    sessionStorage.setItem('clubos_user', JSON.stringify(body.data.user));
    location.assign('/messages');
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
});
