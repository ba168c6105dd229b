// "New message": text a customer first. An existing conversation with that customer on that line
// is opened rather than duplicated; an opted-out customer is refused with the reason.
import { call } from './api.js';
import { $, el } from './dom.js';
import { lines } from './locations.js';

let onSent = () => {};
let lookup = null;

function showError(message) {
  $('compose-error').textContent = message;
  $('compose-error').hidden = !message;
}

async function findExisting() {
  const to = $('compose-to').value.trim();
  const line = $('compose-line').value;
  const note = $('compose-existing');
  note.hidden = true;
  $('compose-send').disabled = false;
  if (!to) return null;
  const query = new URLSearchParams({ search: to, fields: 'summary', limit: '5' });
  if (line) query.set('line', line);
  const current = Symbol('lookup');
  lookup = current;
  try {
    const found = (await call('GET', `/api/messages/conversations?${query}`)).data;
    if (lookup !== current) return null;
    const digits = to.replace(/\D/g, '');
    const match = found.find((c) => c.phone_number.replace(/\D/g, '').endsWith(digits) && digits.length >= 7);
    if (match) {
      note.textContent = match.opted_out
        ? `${match.customer_name} opted out of texts (replied STOP): nothing can be sent until they text START.`
        : `You already have a conversation with ${match.customer_name}: sending adds to it.`;
      note.hidden = false;
      $('compose-send').disabled = match.opted_out;
    }
    return match || null;
  } catch (e) {
    return null;
  }
}

export function openCompose() {
  const choices = lines();
  $('compose-line').replaceChildren(
    ...choices.map((line) => el('option', { value: line.number }, `${line.name} (${line.number})`)),
  );
  $('compose-line').closest('form').querySelector('label[for=compose-line]').hidden = choices.length < 2;
  $('compose-line').hidden = choices.length < 2;
  $('compose-form').reset();
  if (choices.length) $('compose-line').value = choices[0].number;
  showError('');
  $('compose-existing').hidden = true;
  $('compose-send').disabled = false;
  $('compose-dialog').showModal();
  $('compose-to').focus();
}

export function wireCompose(sent) {
  onSent = sent;
  $('new-message').addEventListener('click', openCompose);
  $('compose-cancel').addEventListener('click', () => $('compose-dialog').close());
  $('compose-to').addEventListener('input', () => {
    clearTimeout(findExisting.timer);
    findExisting.timer = setTimeout(findExisting, 300);
  });
  $('compose-line').addEventListener('change', findExisting);
  $('compose-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('');
    const text = $('compose-text').value;
    if (!text.trim()) {
      showError('Write the message first.');
      return;
    }
    $('compose-send').disabled = true;
    try {
      const body = { to: $('compose-to').value.trim(), text };
      if ($('compose-line').value) body.from = $('compose-line').value;
      const sent = (await call('POST', '/api/messages/send', body)).data;
      $('compose-dialog').close();
      onSent(sent);
    } catch (e) {
      showError(e.message);
    } finally {
      $('compose-send').disabled = false;
    }
  });
}
