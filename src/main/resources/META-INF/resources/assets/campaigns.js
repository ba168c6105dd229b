// The campaigns page: create a draft and see its preview, add a CSV, start / pause / resume / cancel,
// and watch each campaign's progress live (campaign.progress events, for admins and operators).
import { $, el, toast } from './dom.js';
import { call, token, signOut, ApiError, LiveSocket } from './api.js';
import { smsInfo } from './sms.js';

const BASE = '/api/messages/campaigns';
const campaigns = new Map();
const ACTIONS = { draft: ['start', 'cancel'], running: ['pause', 'cancel'], paused: ['resume', 'cancel'] };
const REASONS = {
  opted_out: 'opted out',
  frequency_cap: 'over the frequency cap',
  missing_placeholder: 'placeholder without a value',
};

function countLine(c) {
  const n = c.counts;
  const parts = [
    `${n.total} recipients`,
    `${n.queued} queued`,
    `${n.sent} sent`,
    `${n.delivered} delivered`,
    `${n.failed} failed`,
    `${n.skipped} skipped`,
  ];
  if (n.cancelled) parts.push(`${n.cancelled} cancelled`);
  if (n.waitingForQuietHours) parts.push(`${n.waitingForQuietHours} waiting for quiet hours to end`);
  return parts.join(' · ');
}

function skippedLine(c) {
  const reasons = Object.entries(c.counts.skippedByReason || {});
  return reasons.length ? `Skipped: ${reasons.map(([r, n]) => `${n} ${REASONS[r] || r}`).join(', ')}` : '';
}

function previewLines(p) {
  if (!p) return [];
  const lines = [
    `${p.recipients} recipients after normalising; ${p.invalid} invalid, ${p.duplicates} duplicates; ` +
      `${p.optedOut} opted out, ${p.overFrequencyCap} over the frequency cap, ${p.inQuietHoursNow} in quiet hours now.`,
    `${p.segments} SMS segment(s) each: ${p.totalSegments} segments in all.`,
  ];
  return lines.concat(p.problems.slice(0, 10));
}

const WITHOUT = {
  first_name: 'no first name',
  last_name: 'no last name',
  full_name: 'no name',
  club: 'no club name (CLUB_NAME is not set)',
};
const FALLBACK_EXAMPLE = { first_name: 'there', last_name: 'friend', full_name: 'there', club: 'the club' };

// Before start: who would get a placeholder's fallback, or no text at all, for want of a value.
function emptyWarnings(p) {
  if (!p || !p.emptyPlaceholders) return [];
  return p.emptyPlaceholders.map((e) => {
    const name = e.placeholder.replace(/^\{|\|.*$|\}$/g, '');
    const who = `${e.recipients} recipient(s) have ${WITHOUT[name] || `no value for ${e.placeholder}`}`;
    const examples = e.examples.length ? ` (e.g. ${e.examples.join(', ')})` : '';
    const outcome =
      e.fallback !== null
        ? `: they get "${e.fallback}" in place of ${e.placeholder}.`
        : `: they will be skipped (no text). To text them anyway, give the placeholder a fallback, ` +
          `e.g. {${name}|${FALLBACK_EXAMPLE[name] || 'there'}}.`;
    const kind = e.fallback !== null ? 'fallback' : 'skipped';
    return el('p', { class: `preview empty-placeholder ${kind} notice`, role: 'status' }, who + examples + outcome);
  });
}

function render(c) {
  let li = document.querySelector(`#campaign-list li[data-id="${c.id}"]`);
  if (!li) {
    li = el('li', { dataset: { id: String(c.id) }, class: 'campaign' });
    $('campaign-list').prepend(li);
  }
  const known = campaigns.get(c.id);
  const preview = c.preview || known?.preview;
  campaigns.set(c.id, { ...c, preview });
  const done = c.counts.done;
  const bar = el('progress', { max: String(Math.max(c.counts.total, 1)), 'aria-label': `${c.name} progress` });
  bar.value = Math.min(done, c.counts.total);
  const buttons = (ACTIONS[c.state] || []).map((action) =>
    el(
      'button',
      { type: 'button', dataset: { action }, onclick: () => act(c.id, action) },
      action[0].toUpperCase() + action.slice(1),
    ),
  );
  const upload =
    c.state === 'draft'
      ? el(
          'label',
          { class: 'upload' },
          'Add a CSV (number,first_name,last_name) ',
          el('input', { type: 'file', accept: '.csv,text/csv', onchange: (e) => uploadCsv(c.id, e.target) }),
        )
      : null;
  li.replaceChildren(
    el(
      'div',
      { class: 'campaign-head' },
      el('strong', {}, c.name),
      el('span', { class: `state ${c.state}` }, c.state),
      el('span', { class: 'muted' }, `${c.kind} · from ${c.lineName}`),
    ),
    el('p', { class: 'campaign-text' }, c.text),
    bar,
    el('p', { class: 'counts' }, countLine(c)),
    el('p', { class: 'muted skipped' }, skippedLine(c)),
    ...(c.state === 'draft' ? previewLines(preview).map((line) => el('p', { class: 'preview muted' }, line)) : []),
    ...(c.state === 'draft' ? emptyWarnings(preview) : []),
    el('div', { class: 'campaign-actions' }, ...buttons, upload),
  );
  $('campaign-empty').hidden = campaigns.size > 0;
}

async function act(id, action) {
  if (action === 'cancel' && !confirm('Cancel this campaign? Texts not sent yet will not be sent.')) return;
  try {
    render((await call('POST', `${BASE}/${id}/${action}`)).data);
  } catch (e) {
    toast(e.message);
  }
}

async function uploadCsv(id, input) {
  const file = input.files[0];
  if (!file) return;
  try {
    const response = await fetch(`${BASE}/${id}/recipients`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'text/csv' },
      body: await file.text(),
    });
    const json = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
    if (!response.ok) throw new ApiError(json.error || `HTTP ${response.status}`);
    render(json.data);
  } catch (e) {
    toast(e.message);
  }
}

function request() {
  const body = {
    name: $('campaign-name').value,
    text: $('campaign-text').value,
    kind: $('campaign-kind').value,
    line: $('campaign-line').value,
    recipients: $('campaign-numbers')
      .value.split(/[\n;]+/)
      .map((n) => n.trim())
      .filter(Boolean),
  };
  if ($('use-filter').checked) {
    body.filter = { lastActivitySince: $('filter-since').value || null, inboxStatus: $('filter-status').value || null };
  }
  if ($('campaign-send-at').value) body.sendAt = new Date($('campaign-send-at').value).toISOString();
  return body;
}

async function create(e) {
  e.preventDefault();
  try {
    const campaign = (await call('POST', BASE, request())).data;
    render(campaign);
    $('campaign-form').reset();
    showSegments();
  } catch (error) {
    toast(error.message);
  }
}

function showSegments() {
  const info = smsInfo($('campaign-text').value);
  $('campaign-segments').textContent = info.units
    ? `${info.units} characters, ${info.segments} segment(s) (${info.encoding}) before placeholders are filled`
    : '';
}

async function load() {
  const list = (await call('GET', BASE)).data;
  $('campaign-list').replaceChildren();
  campaigns.clear();
  list.reverse().forEach(render);
  $('campaign-empty').hidden = campaigns.size > 0;
}

function refused() {
  $('campaigns-refused').hidden = false;
  document.querySelectorAll('.campaign-card').forEach((node) => (node.hidden = true));
}

async function start() {
  $('logout').addEventListener('click', () => signOut());
  $('campaign-form').addEventListener('submit', create);
  $('campaign-text').addEventListener('input', showSegments);
  // Set here: the template engine would read the braces of the example as its own expressions.
  $('campaign-text').placeholder = 'Hi {first_name}, leagues start Monday at {club}! Reply STOP to opt out';
  $('placeholder-help').textContent =
    'Placeholders: {first_name}, {last_name}, {full_name}, {club}. A recipient without a value gets no text ' +
    '(the preview counts them); add a fallback after a bar to text them anyway: ' +
    '{first_name|there} sends "Hi there," where the first name is unknown.';
  try {
    const me = (await call('GET', '/api/auth/me')).data;
    $('admin-link').hidden = me.role !== 'admin';
    if (me.role !== 'admin' && me.role !== 'operator') {
      refused();
      return;
    }
    const lines = (await call('GET', '/api/messages/lines')).data;
    $('campaign-line').replaceChildren(...lines.map((line) => el('option', { value: line.number }, line.name)));
    await load();
  } catch (e) {
    if (!(e instanceof ApiError && e.message === 'Signed out')) toast(e.message);
    return;
  }
  const socket = new LiveSocket(
    (event) => {
      if (event.type === 'campaign.progress') render(event.data);
      else if (event.type === 'resync') load();
    },
    (connected) => {
      if (connected) load().catch((e) => toast(e.message));
    },
  );
  // Only campaign progress matters here, not every conversation's messages.
  socket.subscription = { type: 'subscribe', list: false, conversations: [] };
}

if (!token()) location.assign('/login');
else start();
