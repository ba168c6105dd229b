// One conversation's timeline: customer texts, our texts with their delivery status, internal notes.
import { el } from './dom.js';
import { attachments } from './media.js';
import { whenText } from './schedule.js';

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

const STATUS_TEXT = {
  queued: 'Queued',
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered ✓✓',
  undelivered: 'Not delivered',
};

/** A text waiting for its time: marked with that time, with edit and cancel. */
function scheduledBubble(m, actions) {
  return el(
    'div',
    { class: 'bubble outbound scheduled', dataset: { id: String(m.id), status: m.status } },
    el(
      'span',
      { class: 'label' },
      `Scheduled · ${whenText(m.sendAt)}${m.sendEvenIfReply ? ' · even if they reply' : ''}`,
    ),
    el('div', { class: 'text' }, m.text),
    el(
      'span',
      { class: 'meta' },
      el('button', { type: 'button', class: 'edit-scheduled', onclick: () => actions.edit(m) }, 'Edit'),
      el('button', { type: 'button', class: 'cancel-scheduled', onclick: () => actions.cancel(m) }, 'Cancel'),
    ),
  );
}

function statusText(m) {
  if (m.status === 'failed') return `Failed — ${m.error || 'not sent'}`;
  if (m.status === 'cancelled') return `Cancelled — ${m.error || 'not sent'}`;
  return STATUS_TEXT[m.status] || m.status;
}

function bubble(m, onRetry) {
  const failed = m.status === 'failed';
  const meta = el('span', { class: 'meta' }, el('time', { datetime: m.createdAt }, clock(m.createdAt)));
  // A bulk send's text says which campaign it belongs to, so nobody answers it as a personal message.
  if (m.campaign) meta.prepend(el('span', { class: 'campaign-tag', title: 'Sent by a campaign' }, `📣 ${m.campaign}`));
  if (m.direction === 'outbound') {
    if (m.origin === 'scheduled' && m.sendAt) meta.prepend(el('span', { class: 'origin' }, 'Scheduled'));
    if (m.origin === 'auto') meta.prepend(el('span', { class: 'origin' }, 'Automatic'));
    meta.append(el('span', { class: 'status' }, statusText(m)));
    if (failed) meta.append(el('button', { type: 'button', class: 'retry', onclick: () => onRetry(m) }, 'Retry'));
  }
  const cancelled = m.status === 'cancelled';
  return el(
    'div',
    {
      class: `bubble ${m.direction}${failed ? ' failed' : ''}${cancelled ? ' cancelled' : ''}`,
      dataset: { id: String(m.id), status: m.status },
    },
    attachments(m),
    m.text ? el('div', { class: 'text' }, m.text) : null,
    meta,
  );
}

function noteBubble(n) {
  return el(
    'div',
    { class: 'bubble note', dataset: { noteId: String(n.id) } },
    el('span', { class: 'label' }, `Internal note · ${n.author}`),
    el('div', { class: 'text' }, n.text),
    el('span', { class: 'meta' }, el('time', { datetime: n.createdAt }, clock(n.createdAt))),
  );
}

/**
 * Texts and notes of one conversation in one timeline, oldest first, with day separators. Notes
 * older than the loaded texts wait until history is scrolled back to them. Texts still scheduled come
 * last, soonest first, under their own heading, as they have not happened yet.
 */
export function renderTimeline(container, { messages, notes: allNotes, olderCursor }, actions) {
  const all = [...messages.values()];
  const texts = all.filter((m) => m.status !== 'scheduled');
  const waiting = all
    .filter((m) => m.status === 'scheduled')
    .sort((a, b) => new Date(a.sendAt) - new Date(b.sendAt) || a.id - b.id);
  const oldestText = olderCursor && texts.length ? Math.min(...texts.map((m) => new Date(m.createdAt))) : -Infinity;
  const notes = [...allNotes.values()]
    .filter((n) => new Date(n.createdAt) >= oldestText)
    .map((n) => ({ ...n, note: true }));
  const sorted = [...texts, ...notes].sort(
    (a, b) =>
      new Date(a.createdAt) - new Date(b.createdAt) ||
      String(a.id).localeCompare(String(b.id), undefined, { numeric: true }),
  );
  const nodes = [];
  let day = null;
  for (const m of sorted) {
    const thisDay = new Date(m.createdAt).toDateString();
    if (thisDay !== day) {
      day = thisDay;
      nodes.push(
        el(
          'div',
          { class: 'day', role: 'separator' },
          new Date(m.createdAt).toLocaleDateString([], { weekday: 'long', month: 'short', day: 'numeric' }),
        ),
      );
    }
    nodes.push(m.note ? noteBubble(m) : bubble(m, actions.retry));
  }
  if (waiting.length) nodes.push(el('div', { class: 'day', role: 'separator' }, 'Scheduled'));
  for (const m of waiting) nodes.push(scheduledBubble(m, actions));
  container.replaceChildren(...nodes);
}
