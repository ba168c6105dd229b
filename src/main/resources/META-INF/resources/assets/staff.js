// Admin page, Staff section: the hosted chat's own accounts. The API enforces every rule (admins only,
// the last admin stays, password strength); this page shows its answers.
import { call, token } from './api.js';
import { $, el, toast } from './dom.js';

const ROLES = ['admin', 'operator', 'support'];
let me = null;
let resetting = null;
let lines = [];

async function load() {
  if (!lines.length) lines = (await call('GET', '/api/messages/lines')).data;
  $('staff-lines-head').hidden = lines.length < 2;
  const accounts = (await call('GET', '/api/admin/staff')).data;
  $('staff-rows').replaceChildren(...accounts.map(row));
}

function row(account) {
  const self = me && me.id === account.staffId;
  const role = el(
    'select',
    { 'aria-label': `Role of ${account.username}`, class: 'staff-role' },
    ...ROLES.map((r) => el('option', { value: r, selected: r === account.role }, r)),
  );
  role.addEventListener('change', () => update(account, { role: role.value }));
  const name = el('input', {
    value: account.displayName,
    maxlength: '200',
    'aria-label': `Name of ${account.username}`,
  });
  name.addEventListener('change', () => update(account, { displayName: name.value }));
  return el(
    'tr',
    { dataset: { username: account.username }, class: account.active ? '' : 'inactive' },
    el('td', {}, account.username, self ? el('span', { class: 'muted' }, ' (you)') : null),
    el('td', {}, name),
    el('td', {}, role),
    lines.length < 2 ? null : el('td', { class: 'staff-lines' }, ...locationBoxes(account)),
    el('td', { class: 'staff-status' }, account.active ? 'Active' : 'Deactivated'),
    el('td', { class: 'muted' }, account.lastLoginAt ? new Date(account.lastLoginAt).toLocaleString() : 'never'),
    el(
      'td',
      {},
      el(
        'button',
        { type: 'button', class: 'link staff-toggle', onclick: () => toggle(account) },
        account.active ? 'Deactivate' : 'Reactivate',
      ),
      el('button', { type: 'button', class: 'link staff-reset', onclick: () => openReset(account) }, 'Reset password'),
    ),
  );
}

/** One checkbox per location; none ticked means every location. Admins see every location whatever is ticked. */
function locationBoxes(account) {
  if (account.role === 'admin') return [el('span', { class: 'muted' }, 'All locations (admin)')];
  const boxes = lines.map((line) => {
    const box = el('input', { type: 'checkbox', value: line.number, checked: account.lines.includes(line.number) });
    box.addEventListener('change', () => {
      const chosen = [...box.closest('td').querySelectorAll('input:checked')].map((b) => b.value);
      update(account, { lines: chosen });
    });
    return el('label', { class: 'staff-line' }, box, ` ${line.name}`);
  });
  return [...boxes, el('span', { class: 'muted' }, account.lines.length ? '' : 'All locations')];
}

async function update(account, changes) {
  try {
    await call('PATCH', `/api/admin/staff/${account.id}`, changes);
  } catch (e) {
    toast(e.message);
  }
  await load();
}

function toggle(account) {
  if (account.active && !confirm(`Deactivate ${account.username}? They are signed out at once.`)) return;
  update(account, { active: !account.active });
}

function openReset(account) {
  resetting = account;
  $('reset-title').textContent = `New password for ${account.username}`;
  $('reset-password').value = '';
  $('reset-error').hidden = true;
  $('reset-dialog').showModal();
}

$('reset-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await call('PATCH', `/api/admin/staff/${resetting.id}`, { password: $('reset-password').value });
    $('reset-dialog').close();
    toast(`Password of ${resetting.username} changed; they were signed out.`);
  } catch (e) {
    $('reset-error').textContent = e.message;
    $('reset-error').hidden = false;
  }
});
$('reset-cancel').addEventListener('click', () => $('reset-dialog').close());

$('staff-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await call('POST', '/api/admin/staff', {
      username: $('staff-username').value,
      displayName: $('staff-name').value,
      role: $('staff-role').value,
      password: $('staff-password').value,
    });
    event.target.reset();
    await load();
  } catch (e) {
    toast(e.message);
  }
});

if (token()) {
  call('GET', '/api/auth/me')
    .then((r) => {
      me = r.data;
    })
    .catch(() => {})
    .finally(() => load().catch((e) => toast(e.message)));
}
