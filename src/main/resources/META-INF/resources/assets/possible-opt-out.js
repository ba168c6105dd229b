// A customer's text that reads like "stop texting me" without the keyword: a banner over the thread
// with one-click confirm (every role) and dismiss (admins and operators). Never applied by itself.
import { call, conversationPath } from './api.js';
import { el } from './dom.js';

export function renderPossibleOptOut(banner, conversation, me, { updated, refused }) {
  const flag = conversation.possible_opt_out;
  banner.hidden = !flag || conversation.opted_out;
  if (banner.hidden) {
    banner.replaceChildren();
    delete banner.dataset.shows;
    return;
  }
  const canDismiss = me && me.role !== 'support';
  // Live events re-render the header often; rebuilding an unchanged banner would swallow a click
  // that lands while it is replaced.
  const shows = JSON.stringify([conversation.id, flag.messageId, conversation.customer_name, canDismiss]);
  if (banner.dataset.shows === shows) return;
  banner.dataset.shows = shows;
  const act = async (action) => {
    try {
      updated(
        (
          await call('POST', conversationPath(conversation, `/possible-opt-out/${action}`), {
            messageId: flag.messageId,
          })
        ).data,
      );
    } catch (e) {
      refused(e.message);
    }
  };
  const parts = [
    el('span', {}, `${conversation.customer_name} may have asked to stop texts: “${flag.text}”. `),
    el('button', { type: 'button', class: 'confirm-opt-out', onclick: () => act('confirm') }, 'Confirm opt-out'),
  ];
  if (canDismiss) {
    parts.push(
      el('button', { type: 'button', class: 'dismiss-opt-out', onclick: () => act('dismiss') }, 'Not an opt-out'),
    );
  }
  banner.replaceChildren(...parts);
}
