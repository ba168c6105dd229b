// The staff chat: conversation list, one conversation, composer, kept live over the WebSocket.
// Every text from a customer is put in the page as text (never as HTML).
import { call, conversationPath, token, signOut, LiveSocket } from './api.js';
import { adoptClubosToken } from './clubos-signin.js';
import { $, el, toast } from './dom.js';
import * as inbox from './inbox.js';
import * as locations from './locations.js';
import { wireCompose } from './compose.js';
import { SnippetPicker } from './snippets.js';
import { renderTimeline } from './timeline.js';
import { renderPossibleOptOut } from './possible-opt-out.js';
import { wireSchedule, scheduleNew, openEdit, cancelScheduled, loadScheduled } from './schedule.js';
import { conversationRow, relative } from './list.js';
import { smsInfo, MAX_LENGTH } from './sms.js';

await adoptClubosToken();
if (!token()) location.replace('/login');

const NOTE_MAX_LENGTH = 2000;
const state = {
  conversations: new Map(),
  order: [],
  nextCursor: null,
  search: '',
  loadingList: false,
  current: null,
  messages: new Map(),
  notes: new Map(),
  olderCursor: null,
  loadingOlder: false,
  mode: 'text',
  me: null,
};

// --- Conversation list -------------------------------------------------------------------------

async function loadList(reset) {
  if (state.loadingList || (!reset && !state.nextCursor)) return;
  state.loadingList = true;
  try {
    const params = new URLSearchParams({ limit: '30', fields: 'summary' });
    if (state.search) params.set('search', state.search);
    inbox.filterParams(params);
    locations.filterParams(params);
    if (!reset) params.set('before', state.nextCursor);
    const page = await call('GET', `/api/messages/conversations?${params}`);
    if (reset) {
      state.conversations.clear();
      state.order = [];
    }
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
  if (state.current && state.current.id === conversation.id) {
    state.current = { ...state.current, ...conversation };
    renderHeader();
  }
  if (!known && state.search) return; // a searched list only follows what it shows
  const merged = { ...state.conversations.get(conversation.id), ...conversation };
  if (inbox.matchesFilter(merged, state.me) && locations.matches(merged))
    state.conversations.set(conversation.id, merged);
  else state.conversations.delete(conversation.id); // e.g. assigned to someone else under "Mine"
  state.order = [...state.conversations.values()]
    .sort((a, b) => new Date(b.last_message_at) - new Date(a.last_message_at) || b.id - a.id)
    .map((c) => c.id);
  renderList();
}

function renderList() {
  const items = state.order.map((id) => {
    const c = state.conversations.get(id);
    return conversationRow(c, {
      me: state.me,
      current: state.current?.id === id,
      onOpen: () => openConversation(id),
      lineName: locations.several() ? locations.nameOf(c.line_number) : null,
    });
  });
  $('conversation-list').replaceChildren(...items);
  $('list-empty').hidden = items.length > 0;
}

async function refreshUnread() {
  clearTimeout(refreshUnread.timer);
  refreshUnread.timer = setTimeout(async () => {
    try {
      const unread = (await call('GET', '/api/messages/unread-count')).data;
      const total = unread.totalUnread;
      locations.updateUnread(unread.byLine);
      document.title = total > 0 ? `(${total}) Messages · ClubOS` : 'Messages · ClubOS';
    } catch (e) {
      /* the list still shows the badges */
    }
  }, 200);
}

// --- One conversation ----------------------------------------------------------------------------

async function openConversation(id) {
  const summary = state.conversations.get(id);
  try {
    const opened = (await call('GET', conversationPath(summary))).data;
    state.current = opened;
    state.messages = new Map(opened.messages.map((m) => [m.id, m]));
    (await loadScheduled(id)).forEach((m) => state.messages.set(m.id, m));
    state.notes = new Map((opened.notes || []).map((n) => [n.id, n]));
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
  $('thread-number').textContent = c.phone_display || c.phone_number;
  $('thread-number').title = c.phone_number;
  $('thread-number').dataset.phone = c.phone_number;
  $('thread-location').hidden = !locations.several();
  $('thread-location').textContent = locations.nameOf(c.line_number);
  $('call').href = `tel:${c.phone_number}`;
  $('call').title = `Call ${c.phone_number}`;
  inbox.renderAssignee($('assignee'), c, state.me);
  $('inbox-status').textContent = c.inbox_status === 'done' ? 'Reopen' : 'Mark done';
  inbox.renderOptOut($('opted-out'), c);
  renderPossibleOptOut($('possible-opt-out'), c, state.me, {
    updated: upsertConversation,
    refused: (message) => toast(message),
  });
  updateComposer();
}

const renderMessages = () => renderTimeline($('messages'), state, { retry, edit: openEdit, cancel: cancelScheduled });

const nearBottom = () => {
  const box = $('messages');
  return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
};

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
    const page = await call(
      'GET',
      `${conversationPath(state.current, '/messages')}&before=${encodeURIComponent(state.olderCursor)}&limit=50`,
    );
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
    if (state.current)
      call('PUT', conversationPath(state.current, '/read'), {})
        .then(refreshUnread)
        .catch(() => {});
  }, 400);
}

// --- Composer ------------------------------------------------------------------------------------

function updateComposer() {
  const value = $('text').value;
  const noting = state.mode === 'note';
  const blocked = !noting && Boolean(state.current?.opted_out);
  const max = noting ? NOTE_MAX_LENGTH : MAX_LENGTH;
  const over = value.length > max;
  $('composer').classList.toggle('note-mode', noting);
  $('text').disabled = blocked;
  $('text').placeholder = blocked
    ? 'This customer opted out of texts'
    : noting
      ? 'Internal note: only staff see it, it is never sent'
      : 'Type a message… (/ for snippets, Enter sends, Shift+Enter for a new line)';
  if (noting) {
    $('counter').textContent = over ? `${value.length}/${max} — too long for a note` : `${value.length}/${max}`;
  } else {
    const info = smsInfo(value);
    $('counter').textContent = over
      ? `${value.length}/${max} — too long: a text can have at most ${max} characters`
      : `${value.length}/${max} · ${info.segments} SMS (${info.encoding})`;
  }
  $('counter').classList.toggle('over', over);
  $('send').textContent = noting ? 'Add note' : 'Send';
  $('send').disabled = blocked || !value.trim() || over;
  $('send-done').hidden = noting;
  $('send-done').disabled = $('send').disabled;
  $('schedule').hidden = noting;
  $('schedule').disabled = $('send').disabled;
}

function setMode(mode) {
  state.mode = mode;
  $('mode-text').setAttribute('aria-selected', String(mode === 'text'));
  $('mode-note').setAttribute('aria-selected', String(mode === 'note'));
  picker.close();
  updateComposer();
  $('text').focus();
}

async function addNote(text) {
  try {
    const note = (await call('POST', conversationPath(state.current, '/notes'), { text })).data;
    state.notes.set(note.id, note);
    renderMessages();
    scrollToBottom();
  } catch (e) {
    $('text').value = text;
    updateComposer();
    toast(e.message);
  }
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);

async function sendText(text, pending, markDone = false) {
  const conversation = state.current;
  const key = pending?.clientRef || newKey();
  const optimistic = pending || {
    id: `tmp-${key}`,
    clientRef: key,
    text,
    direction: 'outbound',
    createdAt: new Date().toISOString(),
    local: true,
  };
  optimistic.status = 'sending';
  optimistic.error = null;
  state.messages.set(optimistic.id, optimistic);
  renderMessages();
  scrollToBottom();
  try {
    const sent = (
      await call(
        'POST',
        '/api/messages/send',
        { to: conversation.phone_number, from: conversation.line_number, text, markDone },
        { 'Idempotency-Key': key },
      )
    ).data;
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
      // Read as it arrives while someone is looking at it, so its badge does not come back.
      if (isCurrent && document.visibilityState === 'visible' && event.data.direction === 'inbound') {
        event.conversation.unread_count = 0;
      }
      upsertConversation(event.conversation);
      if (isCurrent) addMessage(event.data);
      refreshUnread();
      break;
    case 'message.updated':
      if (isCurrent && state.messages.has(event.data.id)) {
        state.messages.set(event.data.id, { ...state.messages.get(event.data.id), ...event.data });
        renderMessages();
      }
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
    case 'note.created':
      if (isCurrent) {
        state.notes.set(event.data.id, event.data);
        renderMessages();
        if (nearBottom()) scrollToBottom();
      }
      break;
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

const socket = new LiveSocket(onEvent, (online) => {
  $('offline-banner').hidden = online;
});

// --- Wiring --------------------------------------------------------------------------------------

$('search').addEventListener('input', (e) => {
  clearTimeout(state.searchTimer);
  state.searchTimer = setTimeout(() => {
    state.search = e.target.value.trim();
    loadList(true);
  }, 250);
});
new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting)) loadList(false);
}).observe($('list-more'));
$('messages').addEventListener('scroll', () => {
  if ($('messages').scrollTop < 60) loadOlder();
  if (nearBottom()) $('new-marker').hidden = true;
});
$('new-marker').addEventListener('click', scrollToBottom);
$('back').addEventListener('click', () => document.body.classList.remove('show-thread'));
$('logout').addEventListener('click', () => signOut());
$('rename').addEventListener('click', async () => {
  const name = prompt('Customer name', state.current.customer_name);
  if (name === null || !name.trim()) return;
  try {
    upsertConversation((await call('PATCH', conversationPath(state.current), { customer_name: name.trim() })).data);
  } catch (e) {
    toast(e.message);
  }
});
const picker = new SnippetPicker($('text'), $('snippets'), () => state.current, updateComposer);
$('text').addEventListener('input', () => {
  updateComposer();
  if (state.mode === 'text') picker.onInput();
});
$('text').addEventListener('blur', () => picker.close());
$('text').addEventListener('keydown', (e) => {
  if (picker.onKeyDown(e)) return;
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    if (!$('send').disabled) $('composer').requestSubmit();
  }
});
function submit(markDone) {
  const text = $('text').value;
  if ($('send').disabled) return;
  $('text').value = '';
  updateComposer();
  if (state.mode === 'note') addNote(text);
  else sendText(text, undefined, markDone);
}
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  submit(false);
});
$('send-done').addEventListener('click', () => submit(true));
$('mode-text').addEventListener('click', () => setMode('text'));
$('mode-note').addEventListener('click', () => setMode('note'));
inbox.wire({
  current: () => state.current,
  updated: upsertConversation,
  filterChanged: () => loadList(true),
  refused: (message) => {
    toast(message);
    renderHeader();
  },
});
setInterval(
  () =>
    document.querySelectorAll('time[data-relative]').forEach((t) => {
      t.textContent = relative(t.dateTime);
    }),
  30000,
);

document.addEventListener('visibilitychange', () => {
  const summary = state.current && state.conversations.get(state.current.id);
  if (document.visibilityState === 'visible' && summary?.unread_count > 0) {
    summary.unread_count = 0;
    renderList();
    markRead();
  }
});

/** After "New message": the conversation it went to, opened (it may be new, or not in the filtered list). */
async function openSent(sent) {
  await loadList(true);
  if (!state.conversations.has(sent.conversationId)) {
    state.conversations.set(sent.conversationId, {
      id: sent.conversationId,
      phone_number: sent.to,
      line_number: sent.from,
    });
  }
  await openConversation(sent.conversationId);
}
wireCompose(openSent);
/** A scheduled or edited text (or the refusal): into the thread at once, the socket confirms it. */
function scheduledChanged(m, error) {
  if (error) {
    toast(error);
    return;
  }
  if (state.current?.id !== m.conversationId) return;
  state.messages.set(m.id, { ...state.messages.get(m.id), ...m });
  renderMessages();
}
wireSchedule({ changed: scheduledChanged });
$('schedule').addEventListener('click', () => {
  const c = state.current;
  scheduleNew({ to: c.phone_number, from: c.line_number, text: $('text').value }, (m) => {
    $('text').value = '';
    updateComposer();
    scheduledChanged(m);
    scrollToBottom();
  });
});

async function start() {
  updateComposer();
  try {
    await locations.loadLines(() => loadList(true));
    state.me = (await call('GET', '/api/auth/me')).data;
    $('admin-link').hidden = state.me.role !== 'admin';
    $('reports-link').hidden = state.me.role !== 'admin' && state.me.role !== 'operator';
    $('campaigns-link').hidden = $('reports-link').hidden;
    $('account-link').hidden = state.me.account !== 'local';
    await inbox.loadStaff();
  } catch (e) {
    toast(e.message);
  }
  loadList(true);
  refreshUnread();
}
start();
