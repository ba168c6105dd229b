// Admin page, "History import": start a ClubOS import or an OpenPhone backfill and watch each one's
// progress live (import.progress events, which only admins receive), cancel a running one.
import { call, token, LiveSocket } from './api.js';
import { $, el, toast } from './dom.js';

const imports = new Map();
const NAMES = { clubos: 'ClubOS import', openphone: 'OpenPhone backfill' };
const number = (n) => Number(n).toLocaleString();

/** Keeps the newest view of each import (events may arrive out of order). */
function remember(view) {
  const known = imports.get(view.id);
  if (!known || known.state !== 'running' || new Date(view.updatedAt) >= new Date(known.updatedAt)) {
    imports.set(view.id, view);
  }
}

/** The list item of an import, built once and then updated in place (so a click never lands on a replaced node). */
function item(view) {
  let li = $('import-list').querySelector(`li[data-id="${view.id}"]`);
  if (!li) {
    li = el(
      'li',
      { class: 'import', dataset: { id: String(view.id) } },
      el(
        'div',
        { class: 'import-head' },
        el('strong', {}, `${NAMES[view.source] ?? view.source} #${view.id}`),
        view.since ? el('span', { class: 'muted' }, ` since ${new Date(view.since).toLocaleDateString()}`) : null,
        el('span', { class: 'tag import-state' }),
        el(
          'button',
          { type: 'button', class: 'link import-cancel', onclick: () => cancelImport(imports.get(view.id)) },
          'Cancel',
        ),
      ),
      el('progress', { 'aria-label': `${NAMES[view.source]} ${view.id} progress` }),
      el('div', { class: 'muted import-counts' }),
      el('div', { class: 'import-failure', hidden: true }),
      el('div', { class: 'muted' }, `Started by ${view.startedBy}, ${new Date(view.startedAt).toLocaleString()}`),
      el('div', { class: 'import-problems' }),
    );
  }
  update(li, view);
  return li;
}

function update(li, view) {
  const { done, total } = view.conversations;
  const counted = total !== null && total !== undefined;
  li.dataset.state = view.state;
  const state = li.querySelector('.import-state');
  state.textContent = view.state;
  state.className = `tag import-state ${view.state}`;
  li.querySelector('.import-cancel').hidden = view.state !== 'running';
  const bar = li.querySelector('progress');
  bar.max = counted ? Math.max(total, 1) : 1;
  if (counted) bar.value = Math.min(done, total);
  else bar.removeAttribute('value'); // not counted yet: an indeterminate bar
  li.querySelector('.import-counts').textContent =
    `${number(done)} / ${counted ? number(total) : '…'} conversations · ` +
    `${number(view.messages.imported)} imported · ${number(view.messages.duplicates)} already there · ` +
    `${number(view.messages.skipped)} skipped`;
  const failure = li.querySelector('.import-failure');
  failure.hidden = !view.failure;
  failure.textContent = view.failure ?? '';
  const problems = li.querySelector('.import-problems');
  if (problems.dataset.count !== String(view.errorCount)) {
    problems.dataset.count = String(view.errorCount);
    problems.replaceChildren(
      view.errorCount > 0
        ? el(
            'details',
            {},
            el('summary', {}, `${number(view.errorCount)} problem(s)`),
            el(
              'ul',
              { class: 'import-errors' },
              ...view.errors.map((e) => el('li', {}, el('strong', {}, e.ref), ` — ${e.reason}`)),
            ),
          )
        : '',
    );
  }
}

function render() {
  const views = [...imports.values()].sort((a, b) => b.id - a.id);
  const items = views.map(item);
  const list = $('import-list');
  items.forEach((li, i) => {
    if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
  });
  $('import-empty').hidden = views.length > 0;
}

async function load() {
  try {
    (await call('GET', '/api/admin/imports')).data.forEach(remember);
    render();
  } catch (e) {
    toast(e.message);
  }
}

async function cancelImport(view) {
  if (!confirm(`Cancel ${NAMES[view.source]} #${view.id}? What it imported stays.`)) return;
  try {
    remember((await call('POST', `/api/admin/imports/${view.id}/cancel`)).data);
    render();
  } catch (e) {
    toast(e.message);
  }
}

function showSince() {
  $('import-since-row').hidden = $('import-source').value !== 'openphone';
}

$('import-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = { source: $('import-source').value };
  if (body.source === 'openphone' && $('import-since').value) body.since = $('import-since').value;
  try {
    remember((await call('POST', '/api/admin/imports', body)).data);
    render();
  } catch (error) {
    toast(error.message);
  }
});
$('import-source').addEventListener('change', showSince);
showSince();

if (token()) {
  const socket = new LiveSocket(
    (event) => {
      if (event.type === 'import.progress') {
        remember(event.data);
        render();
      } else if (event.type === 'resync') {
        load();
      }
    },
    (connected) => {
      if (connected) load();
    },
  );
  // Only the admin-only import events matter here, not every conversation's messages.
  socket.subscription = { type: 'subscribe', list: false, conversations: [] };
}
