// Club locations (our OpenPhone lines): the switcher above the list with each line's unread count,
// and the line's name on rows and in the header when the user sees more than one line.
import { call } from './api.js';
import { $, el } from './dom.js';

const state = { lines: [], current: '', onChange: () => {} };

export async function loadLines(onChange) {
  state.onChange = onChange;
  state.lines = (await call('GET', '/api/messages/lines')).data;
  render();
}

export const lines = () => state.lines;
export const several = () => state.lines.length > 1;

export function nameOf(number) {
  return state.lines.find((line) => line.number === number)?.name ?? number;
}

export function filterParams(params) {
  if (state.current) params.set('line', state.current);
}

/** Whether a conversation belongs in the list under the chosen location (for live updates). */
export function matches(conversation) {
  return !state.current || conversation.line_number === state.current;
}

/** Updates the badges from GET /api/messages/unread-count's byLine. */
export function updateUnread(byLine) {
  for (const line of state.lines) line.unread = byLine?.[line.number] ?? 0;
  render();
}

function choose(number) {
  state.current = number;
  render();
  state.onChange();
}

function button(number, label, unread) {
  return el(
    'button',
    {
      type: 'button',
      'aria-pressed': String(state.current === number),
      dataset: { line: number },
      onclick: () => choose(number),
    },
    label,
    unread > 0 ? el('span', { class: 'badge', 'aria-label': `${unread} unread` }, unread) : null,
  );
}

function render() {
  const box = $('locations');
  box.hidden = !several();
  if (!several()) return;
  const total = state.lines.reduce((sum, line) => sum + (line.unread || 0), 0);
  box.replaceChildren(
    button('', 'All locations', total),
    ...state.lines.map((line) => button(line.number, line.name, line.unread || 0)),
  );
}
