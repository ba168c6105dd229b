// "New message": text a customer first, now or at a chosen time ("Schedule…", the composer's dialog).
// An existing conversation with that customer on that line is opened rather than duplicated; an
// opted-out customer is refused with the reason.
import { call } from './api.js';
import { $, el } from './dom.js';
import { lines } from './locations.js';
import { scheduleNew } from './schedule.js';

let onSent = () => {};
let lookup = null;

function setSendable(sendable) {
  $('compose-send').disabled = !sendable;
  $('compose-schedule').disabled = !sendable;
}

/** The text as the form has it ({to, from?, text}), or null after saying what is missing. */
function written() {
  showError('');
  const text = $('compose-text').value;
  if (!text.trim()) {
    showError('Write the message first.');
    return null;
  }
  const message = { to: $('compose-to').value.trim(), text };
  if ($('compose-line').value) message.from = $('compose-line').value;
  return message;
}

/** Sent or scheduled: the dialog closes and the page opens the conversation. */
function done(message) {
  $('compose-dialog').close();
  onSent(message);
}

function showError(message) {
  $('compose-error').textContent = message;
  $('compose-error').hidden = !message;
}

/** Says whether the number already has a conversation on that line, and refuses an opted-out one. */
function showExisting(match) {
  const note = $('compose-existing');
  note.hidden = !match;
  setSendable(!match?.opted_out);
  if (!match) return;
  note.textContent = match.opted_out
    ? `${match.customer_name} opted out of texts (replied STOP): nothing can be sent until they text START.`
    : `You already have a conversation with ${match.customer_name}: sending adds to it.`;
}

// The note changes only when an answer arrives (the latest lookup's), so it does not flicker while typing.
async function findExisting() {
  const to = $('compose-to').value.trim();
  const line = $('compose-line').value;
  const current = Symbol('lookup');
  lookup = current;
  if (!to) {
    showExisting(null);
    return;
  }
  const query = new URLSearchParams({ search: to, fields: 'summary', limit: '5' });
  if (line) query.set('line', line);
  let match = null;
  try {
    const found = (await call('GET', `/api/messages/conversations?${query}`)).data;
    const digits = to.replace(/\D/g, '');
    match = found.find((c) => c.phone_number.replace(/\D/g, '').endsWith(digits) && digits.length >= 7);
  } catch (e) {
    // No answer: nothing is known about the number; sending still gets the server's refusal if any.
  }
  if (lookup === current) showExisting(match);
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
  lookup = null;
  showExisting(null);
  $('compose-dialog').showModal();
  $('compose-to').focus();
}

export function wireCompose(opened) {
  onSent = opened;
  $('new-message').addEventListener('click', openCompose);
  $('compose-cancel').addEventListener('click', () => $('compose-dialog').close());
  $('compose-to').addEventListener('input', () => {
    clearTimeout(findExisting.timer);
    findExisting.timer = setTimeout(findExisting, 300);
  });
  $('compose-line').addEventListener('change', findExisting);
  $('compose-schedule').addEventListener('click', () => {
    const message = written();
    if (message) scheduleNew(message, done);
  });
  $('compose-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = written();
    if (!message) return;
    setSendable(false);
    try {
      done((await call('POST', '/api/messages/send', message)).data);
    } catch (e) {
      showError(e.message);
    } finally {
      setSendable(true);
    }
  });
}
