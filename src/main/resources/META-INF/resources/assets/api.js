// The API and the live socket, with the staff token kept in sessionStorage (never in a URL).
const TOKEN_KEY = 'clubos_token';
const NOTICE_KEY = 'clubos_login_notice';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function keepToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

/** Back to the sign-in page; {@code notice} (why) is shown there once. */
export function signOut(notice) {
  sessionStorage.removeItem(TOKEN_KEY);
  if (typeof notice === 'string' && notice) sessionStorage.setItem(NOTICE_KEY, notice);
  location.assign('/login');
}

const EXPIRED = 'Your session has expired: sign in again.';

/** What to tell someone whose token the server refused, from the server's reason. */
function refusalNotice(reason) {
  if (!reason || /expired|invalid/i.test(reason)) return EXPIRED;
  return reason;
}

/** The notice left for the sign-in page, once. */
export function takeNotice() {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  return notice;
}

export class ApiError extends Error {}

/** Calls the API; answers `data` of the envelope or throws ApiError with the server's message. */
export async function call(method, path, body, extraHeaders = {}) {
  const headers = { Authorization: `Bearer ${token()}`, ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const renewed = response.headers.get('X-New-Token');
  if (renewed) keepToken(renewed);
  if (response.status === 401) {
    const reason = await response
      .json()
      .then((b) => b.error)
      .catch(() => null);
    signOut(refusalNotice(reason));
    throw new ApiError('Signed out');
  }
  const json = await response.json().catch(() => ({ success: false, error: `HTTP ${response.status}` }));
  if (!response.ok || json.success === false) throw new ApiError(json.error || `HTTP ${response.status}`);
  return json;
}

/** The API path of one conversation (on its own line, when the customer texts several of ours). */
export function conversationPath(conversation, suffix = '') {
  return (
    `/api/messages/conversations/${encodeURIComponent(conversation.phone_number)}${suffix}` +
    `?line=${encodeURIComponent(conversation.line_number)}`
  );
}

/**
 * A WebSocket that reconnects with backoff and resumes from the last sequence it saw, so nothing
 * is missed across a reconnect. Events already seen (by seq and type) are dropped.
 */
export class LiveSocket {
  constructor(onEvent, onState) {
    this.onEvent = onEvent;
    this.onState = onState;
    this.lastSeq = null;
    this.seen = new Set();
    this.delay = 1000;
    this.subscription = { type: 'subscribe', list: true, conversations: [] };
    this.connect();
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // The token travels as a subprotocol: browsers cannot set headers on a WebSocket.
    const protocols = ['bearer-token-carrier', `quarkus-http-upgrade#Authorization#Bearer%20${token()}`];
    this.socket = new WebSocket(`${scheme}://${location.host}/ws/messages`, protocols);
    this.socket.onopen = () => {
      this.delay = 1000;
      this.onState(true);
      this.send(this.subscription);
      if (this.lastSeq !== null) this.send({ type: 'resume', after: this.lastSeq });
    };
    this.socket.onmessage = (message) => this.receive(JSON.parse(message.data));
    this.socket.onclose = (event) => {
      this.onState(false);
      if (event.code === 1008) {
        signOut(refusalNotice(event.reason));
        return;
      }
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 10000);
    };
  }

  receive(event) {
    if (event.type === 'hello') {
      if (this.lastSeq === null) this.lastSeq = event.seq;
      return;
    }
    if (event.seq !== undefined) {
      const key = `${event.seq}:${event.type}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
      if (this.seen.size > 2000) this.seen = new Set([...this.seen].slice(-1000));
      this.lastSeq = Math.max(this.lastSeq ?? 0, event.seq);
    }
    this.onEvent(event);
  }

  subscribe(conversationId) {
    this.subscription = { type: 'subscribe', list: true, conversations: conversationId ? [conversationId] : [] };
    this.send(this.subscription);
  }

  send(message) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
