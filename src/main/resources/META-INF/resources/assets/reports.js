// Reports page: volumes, first responses, staff and busiest hours for a range, a location and a time zone.
import { call, token, signOut, ApiError } from './api.js';
import { $, el, toast } from './dom.js';
import { drawSeries, followWidth, uPlotReady } from './report-charts.js';
import { count, duration, share, change } from './report-format.js';

if (!token()) location.replace('/login');

const state = { preset: '30', loading: 0 };
const TILES = [
  { key: 'inbound', label: 'Texts from customers', format: count, higherIsBetter: true },
  { key: 'outbound', label: 'Texts to customers', format: count, higherIsBetter: true },
  { key: 'newConversations', label: 'New conversations', format: count, higherIsBetter: true },
  { key: 'done', label: 'Marked done', format: count, higherIsBetter: true },
  { key: 'optOuts', label: 'Opt-outs', format: count, higherIsBetter: false },
  { key: 'failedSends', label: 'Failed sends', format: count, higherIsBetter: false },
  { key: 'firstResponse.median_seconds', label: 'Median first response', format: duration, higherIsBetter: false },
  { key: 'firstResponse.p90_seconds', label: '90 % answered within', format: duration, higherIsBetter: false },
  { key: 'firstResponse.within_5m', label: 'Answered within 5 min', format: share, higherIsBetter: true },
  { key: 'firstResponse.within_15m', label: 'Answered within 15 min', format: share, higherIsBetter: true },
];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function localDate(date, tz) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    date,
  );
}

function shiftDays(isoDate, days) {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The query the page asks every report with. */
function query() {
  const tz = $('tz').value;
  const today = localDate(new Date(), tz);
  let from;
  let to = today;
  if (state.preset === 'today') from = today;
  else if (state.preset === 'custom') [from, to] = [$('from').value, $('to').value];
  else from = shiftDays(today, 1 - Number(state.preset));
  const params = new URLSearchParams({ from, to, tz });
  if ($('line').value) params.set('line', $('line').value);
  return params;
}

function grouping(params) {
  if ($('grouping').value) return $('grouping').value;
  const days = (Date.parse(params.get('to')) - Date.parse(params.get('from'))) / 86400000 + 1;
  return days <= 2 ? 'hour' : days <= 92 ? 'day' : 'week';
}

function read(object, path) {
  return path.split('.').reduce((value, key) => (value === null || value === undefined ? value : value[key]), object);
}

function renderTiles(summary) {
  const tiles = TILES.map((tile) => {
    const value = read(summary, tile.key);
    const before = read(summary.previous, tile.key);
    const delta = change(value, before, tile.higherIsBetter);
    return el(
      'div',
      { class: 'tile', dataset: { metric: tile.key, value: value === null ? '' : String(value) } },
      el('span', { class: 'tile-label' }, tile.label),
      el('strong', { class: 'tile-value' }, tile.format(value)),
      el('span', { class: `tile-change ${delta.tone}`, title: `Previous period: ${tile.format(before)}` }, delta.text),
    );
  });
  $('tiles').replaceChildren(...tiles);
}

function renderStaff(rows) {
  $('staff-empty').hidden = rows.length > 0;
  $('staff-rows').replaceChildren(
    ...rows.map((r) =>
      el(
        'tr',
        { dataset: { staff: r.id ?? '' } },
        el('td', {}, r.name),
        el('td', { title: `Previous: ${count(r.previous.textsSent)}` }, count(r.textsSent)),
        el('td', { title: `Previous: ${count(r.previous.conversationsAnswered)}` }, count(r.conversationsAnswered)),
        el(
          'td',
          { title: `Previous: ${duration(r.previous.medianFirstResponseSeconds)}` },
          duration(r.medianFirstResponseSeconds),
        ),
        el('td', { title: `Previous: ${count(r.previous.done)}` }, count(r.done)),
      ),
    ),
  );
}

function renderHeatmap(cells) {
  const most = Math.max(1, ...cells.map((c) => c.value));
  const head = el(
    'tr',
    {},
    el('th', {}, ''),
    ...Array.from({ length: 24 }, (_, h) => el('th', { scope: 'col' }, String(h))),
  );
  const rows = DAYS.map((day, d) => {
    const row = el('tr', {}, el('th', { scope: 'row' }, day));
    for (const cell of cells.filter((c) => c.weekday === d + 1)) {
      const td = el('td', { title: `${day} ${cell.hour}:00 – ${cell.value} texts (previous period ${cell.previous})` });
      td.dataset.value = String(cell.value);
      // A CSSOM style (allowed by the page's CSP, unlike a style attribute).
      td.style.setProperty('--heat', String(cell.value / most));
      if (cell.value) td.textContent = String(cell.value);
      if (cell.value / most > 0.5) td.classList.add('hot');
      row.append(td);
    }
    return row;
  });
  $('heatmap').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

async function load() {
  if (state.preset === 'custom' && (!$('from').value || !$('to').value)) return;
  const params = query();
  const business = $('business-hours').checked;
  const withHours = new URLSearchParams(params);
  if (business) withHours.set('businessHours', 'true');
  const series = (metric, base) =>
    call('GET', `/api/reports/timeseries?metric=${metric}&groupBy=${grouping(params)}&${base}`).then((r) => r.data);
  const ticket = ++state.loading;
  $('tiles').setAttribute('aria-busy', 'true');
  try {
    const [summary, volume, response, staff, heatmap] = await Promise.all([
      call('GET', `/api/reports/summary?${withHours}`).then((r) => r.data),
      series($('volume-metric').value, params),
      series('first_response', withHours),
      call('GET', `/api/reports/staff?${withHours}`).then((r) => r.data),
      call('GET', `/api/reports/heatmap?${params}`).then((r) => r.data),
      uPlotReady(),
    ]);
    if (ticket !== state.loading) return; // a newer choice is loading
    $('range-label').textContent = `${new Date(summary.from).toLocaleDateString()} – ${new Date(
      Date.parse(summary.to) - 1,
    ).toLocaleDateString()} (${summary.tz}), compared with the ${Math.round(
      (Date.parse(summary.to) - Date.parse(summary.from)) / 86400000,
    )} days before`;
    renderTiles(summary);
    $('tiles').dataset.query = withHours.toString();
    const metricLabel = $('volume-metric').selectedOptions[0].textContent;
    drawSeries($('volume-chart'), volume, params.get('tz'), metricLabel, (v) => count(v));
    const minutes = response.map((p) => ({
      at: p.at,
      value: p.value === null ? null : p.value / 60,
      previous: p.previous === null ? null : p.previous / 60,
    }));
    drawSeries($('response-chart'), minutes, params.get('tz'), 'Median (min)', (v) => `${Math.round(v * 10) / 10}`);
    renderStaff(staff);
    renderHeatmap(heatmap);
    $('tiles').removeAttribute('aria-busy');
  } catch (e) {
    if (e instanceof ApiError && /admins and operators|403|Forbidden/i.test(e.message)) refused();
    else toast(e.message);
  }
}

function refused() {
  $('reports-refused').hidden = false;
  document.querySelectorAll('.report-card, #report-filters').forEach((node) => (node.hidden = true));
}

/** Downloads one report as CSV: fetched with the token (a plain link could not carry it). */
async function download(kind) {
  const params = query();
  if ($('business-hours').checked && kind !== 'heatmap' && kind !== 'volume') params.set('businessHours', 'true');
  const path = {
    summary: '/api/reports/summary',
    volume: `/api/reports/timeseries?metric=${$('volume-metric').value}&groupBy=${grouping(params)}`,
    response: `/api/reports/timeseries?metric=first_response&groupBy=${grouping(params)}`,
    staff: '/api/reports/staff',
    heatmap: '/api/reports/heatmap',
  }[kind];
  params.set('format', 'csv');
  const response = await fetch(`${path}${path.includes('?') ? '&' : '?'}${params}`, {
    headers: { Authorization: `Bearer ${token()}` },
  });
  if (!response.ok) {
    toast((await response.json().catch(() => ({}))).error || `HTTP ${response.status}`);
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: `${kind}-${params.get('from')}-${params.get('to')}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function choosePreset(preset) {
  state.preset = preset;
  document
    .querySelectorAll('[data-preset]')
    .forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.preset === preset)));
  $('custom-range').hidden = preset !== 'custom';
  if (preset === 'custom' && !$('from').value) {
    const today = localDate(new Date(), $('tz').value);
    $('from').value = shiftDays(today, -29);
    $('to').value = today;
  }
  load();
}

async function fillPickers() {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = [...new Set([browserZone, 'UTC', ...zones])];
  $('tz').replaceChildren(...all.map((zone) => el('option', { value: zone }, zone.replaceAll('_', ' '))));
  $('tz').value = browserZone;
  const lines = (await call('GET', '/api/messages/lines')).data;
  $('line').append(...lines.map((line) => el('option', { value: line.number }, line.name)));
  $('line').hidden = lines.length < 2;
}

async function start() {
  followWidth();
  document
    .querySelectorAll('[data-preset]')
    .forEach((b) => b.addEventListener('click', () => choosePreset(b.dataset.preset)));
  document.querySelectorAll('[data-csv]').forEach((b) => b.addEventListener('click', () => download(b.dataset.csv)));
  for (const id of ['line', 'tz', 'business-hours', 'volume-metric', 'grouping', 'from', 'to']) {
    $(id).addEventListener('change', load);
  }
  $('logout').addEventListener('click', () => signOut());
  try {
    const me = (await call('GET', '/api/auth/me')).data;
    $('admin-link').hidden = me.role !== 'admin';
    if (me.role !== 'admin' && me.role !== 'operator') {
      refused();
      return;
    }
    await fillPickers();
  } catch (e) {
    toast(e.message);
  }
  load();
}
start();
