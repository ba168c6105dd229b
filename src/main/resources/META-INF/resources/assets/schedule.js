// Scheduled texts: "Schedule…" from the thread's composer or the "New message" dialog, and edit or
// cancel one that has not left yet. The dialog reads and writes the staff member's local time; the API
// gets it with its offset, so the server never guesses a zone.
import { call } from './api.js';
import { $ } from './dom.js';

let editing = null; // the scheduled message being edited, or null when scheduling a new text
let draft = null; // the new text being scheduled: { to, from, text, scheduled(message) }
let hooks = { changed: () => {} };

const pad = (n) => String(n).padStart(2, '0');

/** A date as a datetime-local input's value (local time, minutes). */
function localInputValue(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as ISO 8601 with this browser's offset at that moment. */
export function withOffset(value) {
  const date = new Date(value);
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${value}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export const whenText = (iso) =>
  new Date(iso).toLocaleString([], {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

function showError(message) {
  $('schedule-error').textContent = message;
  $('schedule-error').hidden = !message;
}

function open(message) {
  editing = message;
  $('schedule-title').textContent = message ? 'Edit scheduled text' : 'Schedule text';
  $('schedule-text-label').hidden = !message;
  $('schedule-text').hidden = !message;
  $('schedule-text').value = message ? message.text : '';
  const at = message ? new Date(message.sendAt) : new Date(Date.now() + 60 * 60 * 1000);
  $('schedule-at').value = localInputValue(at);
  $('schedule-at').min = localInputValue(new Date(Date.now() + 2 * 60 * 1000));
  $('schedule-even-if-reply').checked = Boolean(message?.sendEvenIfReply);
  $('schedule-submit').textContent = message ? 'Save' : 'Schedule';
  showError('');
  $('schedule-dialog').showModal();
  $('schedule-at').focus();
}

export const openEdit = (message) => open(message);

/** Opens the dialog for a text not written yet: {to, from?, text}; {@code scheduled} gets the message. */
export function scheduleNew(text, scheduled) {
  draft = { ...text, scheduled };
  open(null);
}

export async function cancelScheduled(message) {
  if (!confirm(`Cancel the text scheduled for ${whenText(message.sendAt)}?`)) return;
  try {
    hooks.changed((await call('DELETE', `/api/messages/${message.id}`)).data);
  } catch (e) {
    hooks.changed(null, e.message);
  }
}

/** The conversation's texts still waiting for their time (they may be older than the loaded history). */
export async function loadScheduled(conversationId) {
  const page = await call('GET', `/api/messages/scheduled?conversationId=${conversationId}&limit=200`);
  return page.data;
}

async function submit(event) {
  event.preventDefault();
  if (!$('schedule-at').value) {
    showError('Choose the date and time it should go out.');
    return;
  }
  const sendAt = withOffset($('schedule-at').value);
  const sendEvenIfReply = $('schedule-even-if-reply').checked;
  $('schedule-submit').disabled = true;
  try {
    if (editing) {
      const body = { text: $('schedule-text').value, sendAt, sendEvenIfReply };
      const saved = (await call('PATCH', `/api/messages/${editing.id}`, body)).data;
      $('schedule-dialog').close();
      hooks.changed(saved);
    } else {
      const body = { to: draft.to, text: draft.text, sendAt, sendEvenIfReply };
      if (draft.from) body.from = draft.from;
      const scheduled = (await call('POST', '/api/messages/send', body)).data;
      $('schedule-dialog').close();
      draft.scheduled(scheduled);
    }
  } catch (e) {
    showError(e.message);
  } finally {
    $('schedule-submit').disabled = false;
  }
}

/** {@code changed(message, error)} is told of each edit or cancellation (or why it was refused). */
export function wireSchedule(given) {
  hooks = given;
  $('schedule-cancel').addEventListener('click', () => $('schedule-dialog').close());
  $('schedule-form').addEventListener('submit', submit);
}
