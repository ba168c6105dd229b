// The staff chat: conversation list, one conversation, composer, kept live over the WebSocket.
// Every text from a customer is put in the page as text (never as HTML).
import { call, token, signOut, LiveSocket } from './api.js';
import { smsInfo, MAX_LENGTH } from './sms.js';

if (!token()) location.replace('/login');

const $ = (id) => document.getElementById(id);
const state = {
  conversations: new Map(), order: [], nextCursor: null, search: '', loadingList: false,
  current: null, messages: new Map(), olderCursor: null, loadingOlder: false,
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function toast(message) {
  const box = $('toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 5000);
}

function relative(iso) {
  const seconds = (Date.now() - new Date(iso).getTime()) / 1000;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 172800) return 'yesterday';
  return new Date(iso).toLocaleDateString();
}

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

// --- Conversation list -------------------------------------------------------------------------

async function loadList(reset) {
  if (state.loadingList || (!reset && !state.nextCursor)) return;
  state.loadingList = true;
  try {
    const params = new URLSearchParams({ limit: '30', fields: 'summary' });
    if (state.search) params.set('search', state.search);
    if (!reset) params.set('before', state.nextCursor);
    const page = await call('GET', `/api/messages/conversations?${params}`);
    if (reset) { state.conversations.clear(); state.order = []; }
    for (const conversation of page.data) {
      if (!state.conversations.has(conversation.id)) state.order.push(conversation.id);
      state.conversations.set(conversation.id, conversation);
    }
    state.nextCursor = page.nextCursor;
    renderList();
  } catch (e) {
    toast(e.message);
  } finally {
    state.loadingList = false;
  }
}

function upsertConversation(conversation) {
  if (!conversation) return;
  const known = state.conversations.has(conversation.id);
  if (!known && state.search) return; // a filtered list only follows what it shows
  state.conversations.set(conversation.id, { ...state.conversations.get(conversation.id), ...conversation });
  if (state.current && state.current.id === conversation.id) {
    state.current = { ...state.current, ...conversation };
    renderHeader();
  }
  state.order = [...state.conversations.values()]
    .sort((a, b) => new Date(b.last_message_at) - new Date(a.last_message_at) || b.id - a.id)
    .map((c) => c.id);
  renderList();
}

function renderList() {
  const items = state.order.map((id) => {
    const c = state.conversations.get(id);
    const last = c.lastMessage;
    return el('li', {},
      el('button', {
        type: 'button', class: 'conversation', 'aria-current': state.current?.id === id ? 'true' : 'false',
        dataset: { id: String(id), phone: c.phone_number }, onclick: () => openConversation(id),
      },
      el('span', { class: 'row' }, el('span', { class: 'name' }, c.customer_name),
        el('time', { datetime: c.last_message_at, dataset: { relative: '' } }, relative(c.last_message_at))),
      el('span', { class: 'row' }, el('span', { class: 'number' }, c.phone_number),
        c.unread_count > 0 ? el('span', { class: 'badge', 'aria-label': `${c.unread_count} unread` }, c.unread_count) : null),
      last ? el('span', { class: 'preview' }, last.direction === 'outbound' ? 'You: ' : '', last.text) : null));
  });
  $('conversation-list').replaceChildren(...items);
  $('list-empty').hidden = items.length > 0;
}

async function refreshUnread() {
  clearTimeout(refreshUnread.timer);
  refreshUnread.timer = setTimeout(async () => {
    try {
      const total = (await call('GET', '/api/messages/unread-count')).data.totalUnread;
      document.title = total > 0 ? `(${total}) Messages · ClubOS` : 'Messages · ClubOS';
    } catch (e) { /* the list still shows the badges */ }
  }, 200);
}

// --- One conversation ----------------------------------------------------------------------------

function pathOf(conversation, suffix = '') {
  return `/api/messages/conversations/${encodeURIComponent(conversation.phone_number)}${suffix}`
    + `?line=${encodeURIComponent(conversation.line_number)}`;
}

async function openConversation(id) {
  const summary = state.conversations.get(id);
  try {
    const opened = (await call('GET', pathOf(summary))).data;
    state.current = opened;
    state.messages = new Map(opened.messages.map((m) => [m.id, m]));
    state.olderCursor = opened.olderCursor;
    summary.unread_count = 0;
    document.body.classList.add('show-thread');
    $('thread-empty').hidden = true;
    $('thread').hidden = false;
    renderList();
    renderHeader();
    renderMessages();
    scrollToBottom();
    socket.subscribe(id);
    refreshUnread();
    $('text').focus();
  } catch (e) {
    toast(e.message);
  }
}

function renderHeader() {
  const c = state.current;
  $('thread-name').textContent = c.customer_name;
  $('thread-number').textContent = c.phone_number;
  $('call').href = `tel:${c.phone_number}`;
}

const STATUS_TEXT = {
  queued: 'Queued', sending: 'Sending…', sent: 'Sent', delivered: 'Delivered ✓✓', undelivered: 'Not delivered',
};

function bubble(m) {
  const failed = m.status === 'failed';
  const meta = el('span', { class: 'meta' }, el('time', { datetime: m.createdAt }, clock(m.createdAt)));
  if (m.direction === 'outbound') {
    meta.append(el('span', { class: 'status' }, failed ? `Failed — ${m.error || 'not sent'}` : STATUS_TEXT[m.status] || m.status));
    if (failed) meta.append(el('button', { type: 'button', class: 'retry', onclick: () => retry(m) }, 'Retry'));
  }
  return el('div', { class: `bubble ${m.direction}${failed ? ' failed' : ''}`, dataset: { id: String(m.id), status: m.status } },
    el('div', { class: 'text' }, m.text), meta);
}

function renderMessages() {
  const sorted = [...state.messages.values()]
    .sort((a, b) => new Date(a.createdAt) - new Date(b.createdAt) || String(a.id).localeCompare(String(b.id), undefined, { numeric: true }));
  const nodes = [];
  let day = null;
  for (const m of sorted) {
    const thisDay = new Date(m.createdAt).toDateString();
    if (thisDay !== day) {
      day = thisDay;
      nodes.push(el('div', { class: 'day', role: 'separator' }, new Date(m.createdAt).toLocaleDateString([], { weekday: 'long', month: 'short', day: 'numeric' })));
    }
    nodes.push(bubble(m));
  }
  $('messages').replaceChildren(...nodes);
}

const nearBottom = () => { const box = $('messages'); return box.scrollHeight - box.scrollTop - box.clientHeight < 120; };

function scrollToBottom() {
  const box = $('messages');
  box.scrollTop = box.scrollHeight;
  $('new-marker').hidden = true;
}

async function loadOlder() {
  if (!state.current || !state.olderCursor || state.loadingOlder) return;
  state.loadingOlder = true;
  const box = $('messages');
  try {
    const page = await call('GET', `${pathOf(state.current, '/messages')}&before=${encodeURIComponent(state.olderCursor)}&limit=50`);
    const before = box.scrollHeight;
    page.data.forEach((m) => state.messages.set(m.id, m));
    state.olderCursor = page.nextCursor;
    renderMessages();
    box.scrollTop += box.scrollHeight - before;
  } catch (e) {
    toast(e.message);
  } finally {
    state.loadingOlder = false;
  }
}

function addMessage(m) {
  for (const [key, pending] of state.messages) {
    if (pending.local && m.clientRef && pending.clientRef === m.clientRef) state.messages.delete(key);
  }
  const wasNearBottom = nearBottom();
  state.messages.set(m.id, { ...state.messages.get(m.id), ...m });
  renderMessages();
  if (wasNearBottom || m.direction === 'outbound') scrollToBottom();
  else $('new-marker').hidden = false;
  if (m.direction === 'inbound' && document.visibilityState === 'visible') markRead();
}

function markRead() {
  clearTimeout(markRead.timer);
  markRead.timer = setTimeout(() => {
    if (state.current) call('PUT', pathOf(state.current, '/read'), {}).then(refreshUnread).catch(() => {});
  }, 400);
}

// --- Composer ------------------------------------------------------------------------------------

function updateComposer() {
  const value = $('text').value;
  const info = smsInfo(value);
  const over = value.length > MAX_LENGTH;
  $('counter').textContent = over
    ? `${value.length}/${MAX_LENGTH} — too long: a text can have at most ${MAX_LENGTH} characters`
    : `${value.length}/${MAX_LENGTH} · ${info.segments} SMS (${info.encoding})`;
  $('counter').classList.toggle('over', over);
  $('send').disabled = !value.trim() || over;
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);

async function sendText(text, pending) {
  const conversation = state.current;
  const key = pending?.clientRef || newKey();
  const optimistic = pending || {
    id: `tmp-${key}`, clientRef: key, text, direction: 'outbound', createdAt: new Date().toISOString(), local: true,
  };
  optimistic.status = 'sending';
  optimistic.error = null;
  state.messages.set(optimistic.id, optimistic);
  renderMessages();
  scrollToBottom();
  try {
    const sent = (await call('POST', '/api/messages/send',
      { to: conversation.phone_number, from: conversation.line_number, text }, { 'Idempotency-Key': key })).data;
    if (state.current?.id !== conversation.id) return;
    state.messages.delete(optimistic.id);
    if (!state.messages.has(sent.id)) state.messages.set(sent.id, sent);
    renderMessages();
  } catch (e) {
    optimistic.status = 'failed';
    optimistic.error = e.message;
    renderMessages();
    toast(e.message);
  }
}

async function retry(m) {
  if (m.local) return sendText(m.text, m);
  try {
    const again = (await call('POST', `/api/messages/${m.id}/retry`)).data;
    state.messages.set(again.id, { ...m, ...again });
    renderMessages();
  } catch (e) {
    toast(e.message);
  }
}

// --- Live events ---------------------------------------------------------------------------------

function onEvent(event) {
  const isCurrent = state.current && event.conversationId === state.current.id;
  switch (event.type) {
    case 'message.created':
      upsertConversation(event.conversation);
      if (isCurrent) addMessage(event.data);
      refreshUnread();
      break;
    case 'message.status': {
      const m = state.messages.get(event.data.id);
      if (isCurrent && m) {
        Object.assign(m, { status: event.data.status, error: event.data.error });
        renderMessages();
      }
      const c = state.conversations.get(event.conversationId);
      if (c?.lastMessage?.id === event.data.id) c.lastMessage.status = event.data.status;
      break;
    }
    case 'conversation.updated':
    case 'conversation.read':
      upsertConversation(event.data);
      refreshUnread();
      break;
    case 'resync':
      loadList(true);
      if (state.current) openConversation(state.current.id);
      break;
    default:
  }
}

const socket = new LiveSocket(onEvent, (online) => { $('offline-banner').hidden = online; });

// --- Wiring --------------------------------------------------------------------------------------

$('search').addEventListener('input', (e) => {
  clearTimeout(state.searchTimer);
  state.searchTimer = setTimeout(() => { state.search = e.target.value.trim(); loadList(true); }, 250);
});
new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) loadList(false); })
  .observe($('list-more'));
$('messages').addEventListener('scroll', () => {
  if ($('messages').scrollTop < 60) loadOlder();
  if (nearBottom()) $('new-marker').hidden = true;
});
$('new-marker').addEventListener('click', scrollToBottom);
$('back').addEventListener('click', () => document.body.classList.remove('show-thread'));
$('logout').addEventListener('click', signOut);
$('rename').addEventListener('click', async () => {
  const name = prompt('Customer name', state.current.customer_name);
  if (name === null || !name.trim()) return;
  try {
    upsertConversation((await call('PATCH', pathOf(state.current), { customer_name: name.trim() })).data);
  } catch (e) {
    toast(e.message);
  }
});
$('text').addEventListener('input', updateComposer);
$('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    if (!$('send').disabled) $('composer').requestSubmit();
  }
});
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value;
  if (!text.trim() || text.length > MAX_LENGTH) return;
  $('text').value = '';
  updateComposer();
  sendText(text);
});
setInterval(() => document.querySelectorAll('time[data-relative]').forEach((t) => { t.textContent = relative(t.dateTime); }), 30000);

updateComposer();
loadList(true);
refreshUnread();
