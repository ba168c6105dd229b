// Admin page: keep the team's snippets and read the audit log. The API enforces the admin role;
// this page only reflects it.
import { call, token, signOut } from './api.js';
import { $, el, toast } from './dom.js';

if (!token()) location.replace('/login');

let auditCursor = null;

async function loadSnippets() {
  const snippets = (await call('GET', '/api/messages/templates')).data;
  $('snippet-list').replaceChildren(
    ...snippets.map((s) =>
      el(
        'li',
        { dataset: { id: String(s.id) } },
        el('span', {}, el('strong', {}, s.name), el('span', { class: 'muted' }, ` — ${s.body}`)),
        el(
          'span',
          {},
          el('button', { type: 'button', class: 'link', onclick: () => edit(s) }, 'Edit'),
          el('button', { type: 'button', class: 'link', onclick: () => remove(s) }, 'Delete'),
        ),
      ),
    ),
  );
}

function edit(snippet) {
  $('snippet-id').value = snippet ? snippet.id : '';
  $('snippet-name').value = snippet ? snippet.name : '';
  $('snippet-body').value = snippet ? snippet.body : '';
  $('snippet-save').textContent = snippet ? 'Save snippet' : 'Add snippet';
  $('snippet-cancel').hidden = !snippet;
}

async function remove(snippet) {
  if (!confirm(`Delete the snippet "${snippet.name}"?`)) return;
  try {
    await call('DELETE', `/api/messages/templates/${snippet.id}`);
    await loadSnippets();
  } catch (e) {
    toast(e.message);
  }
}

async function loadAudit(reset) {
  const params = new URLSearchParams({ limit: '50' });
  if ($('audit-action').value) params.set('action', $('audit-action').value);
  if ($('audit-target').value.trim()) params.set('target', $('audit-target').value.trim());
  if (!reset && auditCursor) params.set('before', auditCursor);
  try {
    const page = await call('GET', `/api/audit?${params}`);
    const rows = page.data.map((entry) =>
      el(
        'tr',
        { dataset: { action: entry.action } },
        el('td', {}, new Date(entry.at).toLocaleString()),
        el('td', {}, entry.actor),
        el('td', {}, entry.action),
        el('td', {}, entry.target ?? ''),
        el('td', { class: 'muted' }, JSON.stringify(entry.details)),
      ),
    );
    if (reset) $('audit-rows').replaceChildren(...rows);
    else $('audit-rows').append(...rows);
    auditCursor = page.nextCursor;
    $('audit-more').hidden = !auditCursor;
  } catch (e) {
    toast(e.message);
  }
}

$('snippet-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = $('snippet-id').value;
  const body = { name: $('snippet-name').value, body: $('snippet-body').value };
  try {
    await call(id ? 'PUT' : 'POST', id ? `/api/messages/templates/${id}` : '/api/messages/templates', body);
    edit(null);
    await loadSnippets();
    loadAudit(true);
  } catch (error) {
    toast(error.message);
  }
});
$('snippet-cancel').addEventListener('click', () => edit(null));
$('audit-filter').addEventListener('submit', (e) => {
  e.preventDefault();
  loadAudit(true);
});
$('audit-more').addEventListener('click', () => loadAudit(false));
$('logout').addEventListener('click', () => signOut());

loadSnippets().catch((e) => toast(e.message));
loadAudit(true);
