// One conversation's timeline: customer texts, our texts with their delivery status, internal notes.
import { el } from './dom.js';
import { attachments } from './media.js';

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

const STATUS_TEXT = {
  queued: 'Queued',
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered ✓✓',
  undelivered: 'Not delivered',
};

function bubble(m, onRetry) {
  const failed = m.status === 'failed';
  const meta = el('span', { class: 'meta' }, el('time', { datetime: m.createdAt }, clock(m.createdAt)));
  // A bulk send's text says which campaign it belongs to, so nobody answers it as a personal message.
  if (m.campaign) meta.prepend(el('span', { class: 'campaign-tag', title: 'Sent by a campaign' }, `📣 ${m.campaign}`));
  if (m.direction === 'outbound') {
    meta.append(
      el('span', { class: 'status' }, failed ? `Failed — ${m.error || 'not sent'}` : STATUS_TEXT[m.status] || m.status),
    );
    if (failed) meta.append(el('button', { type: 'button', class: 'retry', onclick: () => onRetry(m) }, 'Retry'));
  }
  return el(
    'div',
    { class: `bubble ${m.direction}${failed ? ' failed' : ''}`, dataset: { id: String(m.id), status: m.status } },
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
 * older than the loaded texts wait until history is scrolled back to them.
 */
export function renderTimeline(container, { messages, notes: allNotes, olderCursor }, onRetry) {
  const texts = [...messages.values()];
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
    nodes.push(m.note ? noteBubble(m) : bubble(m, onRetry));
  }
  container.replaceChildren(...nodes);
}
