// One row of the conversation list: name, last activity, number, inbox tags, unread badge, preview.
import { el } from './dom.js';
import { tags } from './inbox.js';
import { mediaLabel } from './media.js';

export function relative(iso) {
  const seconds = (Date.now() - new Date(iso).getTime()) / 1000;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 172800) return 'yesterday';
  return new Date(iso).toLocaleDateString();
}

export function conversationRow(c, { me, current, onOpen, lineName }) {
  const last = c.lastMessage;
  return el(
    'li',
    {},
    el(
      'button',
      {
        type: 'button',
        class: 'conversation',
        'aria-current': current ? 'true' : 'false',
        dataset: { id: String(c.id), phone: c.phone_number },
        onclick: onOpen,
      },
      el(
        'span',
        { class: 'row' },
        el('span', { class: 'name' }, c.customer_name),
        el('time', { datetime: c.last_message_at, dataset: { relative: '' } }, relative(c.last_message_at)),
      ),
      el(
        'span',
        { class: 'row' },
        el(
          'span',
          { class: 'where' },
          el('span', { class: 'number', title: c.phone_number }, c.phone_display || c.phone_number),
          lineName ? el('span', { class: 'tag location', title: c.line_number }, lineName) : null,
        ),
        tags(c, me),
        c.unread_count > 0
          ? el('span', { class: 'badge', 'aria-label': `${c.unread_count} unread` }, c.unread_count)
          : null,
      ),
      last
        ? el(
            'span',
            { class: 'preview' },
            last.direction === 'outbound' ? 'You: ' : '',
            last.text || mediaLabel(last.media),
          )
        : null,
    ),
  );
}
