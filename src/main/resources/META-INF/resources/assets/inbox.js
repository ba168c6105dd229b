// The shared-inbox side of the chat page: list filters, who handles a conversation, open/done,
// and the opt-out state that keeps the composer shut.
import { call, conversationPath } from './api.js';
import { $, el } from './dom.js';

export const filter = { assigned: 'all', status: 'all' };

export function filterParams(params) {
  if (filter.assigned !== 'all') params.set('assigned', filter.assigned);
  if (filter.status !== 'all') params.set('status', filter.status);
}

/** Whether a conversation belongs in the list under the current filter (for live updates). */
export function matchesFilter(conversation, me) {
  if (filter.status !== 'all' && conversation.inbox_status !== filter.status) return false;
  if (filter.assigned === 'me') return conversation.assignee_id === me?.id;
  if (filter.assigned === 'unassigned') return !conversation.assignee_id;
  return true;
}

/** The small labels of a list row: who has it, done, opted out. */
export function tags(conversation, me) {
  const tags = [];
  if (conversation.opted_out) tags.push(el('span', { class: 'tag stop' }, 'Opted out'));
  if (conversation.inbox_status === 'done') tags.push(el('span', { class: 'tag done' }, 'Done'));
  if (conversation.assignee_id) {
    const who = conversation.assignee_id === me?.id ? 'You' : conversation.assignee_name;
    tags.push(el('span', { class: 'tag assignee', title: `Assigned to ${conversation.assignee_name}` }, `→ ${who}`));
  }
  return tags.length ? el('span', { class: 'tags' }, ...tags) : null;
}

let staff = null;

export async function loadStaff() {
  if (!staff) staff = (await call('GET', '/api/messages/staff')).data;
  return staff;
}

/** Fills the assignee picker for a conversation: Unassigned, then every staff member. */
export function renderAssignee(select, conversation, me) {
  const known = staff || [];
  const options = [el('option', { value: '' }, 'Unassigned')];
  for (const member of known) {
    options.push(el('option', { value: member.id }, member.id === me?.id ? `${member.name} (you)` : member.name));
  }
  if (conversation.assignee_id && !known.some((m) => m.id === conversation.assignee_id)) {
    options.push(el('option', { value: conversation.assignee_id }, conversation.assignee_name));
  }
  select.replaceChildren(...options);
  select.value = conversation.assignee_id || '';
}

export function renderOptOut(banner, conversation) {
  banner.hidden = !conversation.opted_out;
  if (conversation.opted_out) {
    const since = conversation.opted_out_at ? ` on ${new Date(conversation.opted_out_at).toLocaleString()}` : '';
    banner.textContent =
      `This customer opted out (texted STOP)${since}. Texts cannot be sent until they text START; ` +
      'internal notes still work.';
  }
}

/** The list filters and the header's assignee picker and done/reopen button. */
export function wire({ current, updated, filterChanged, refused }) {
  document.querySelectorAll('.filter').forEach((button) =>
    button.addEventListener('click', () => {
      filter.assigned = button.dataset.assigned;
      document.querySelectorAll('.filter').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      filterChanged();
    }),
  );
  $('state-filter').addEventListener('change', (e) => {
    filter.status = e.target.value;
    filterChanged();
  });
  $('assignee').addEventListener('change', async (e) => {
    try {
      updated(
        (await call('PUT', conversationPath(current(), '/assignee'), { assigneeId: e.target.value || null })).data,
      );
    } catch (error) {
      refused(error.message);
    }
  });
  $('inbox-status').addEventListener('click', async () => {
    const status = current().inbox_status === 'done' ? 'open' : 'done';
    try {
      updated((await call('PUT', conversationPath(current(), '/status'), { status })).data);
    } catch (error) {
      refused(error.message);
    }
  });
}
