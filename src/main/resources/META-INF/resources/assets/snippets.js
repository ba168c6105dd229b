// The "/" snippet picker: "/" at the start of the composer lists snippets, typing narrows them,
// and picking one asks the server to fill it for this conversation. A snippet the server cannot
// fill (an unknown name, say) is refused there, so no "{{first_name}}" ever reaches the composer.
import { call } from './api.js';
import { el, toast } from './dom.js';

export class SnippetPicker {
  constructor(textarea, list, currentConversation, onFilled) {
    this.textarea = textarea;
    this.list = list;
    this.currentConversation = currentConversation;
    this.onFilled = onFilled;
    this.snippets = null;
    this.shown = [];
    this.selected = 0;
  }

  get open() {
    return !this.list.hidden;
  }

  async onInput() {
    const value = this.textarea.value;
    if (!value.startsWith('/') || value.includes('\n')) {
      this.close();
      return;
    }
    if (!this.snippets) {
      try {
        this.snippets = (await call('GET', '/api/messages/templates')).data;
      } catch (e) {
        toast(e.message);
        return;
      }
    }
    const query = this.textarea.value.slice(1).trim().toLowerCase();
    this.shown = this.snippets.filter(
      (s) => s.name.toLowerCase().includes(query) || s.body.toLowerCase().includes(query),
    );
    this.selected = 0;
    this.render();
  }

  render() {
    const items = this.shown.map((s, i) =>
      el(
        'li',
        {
          role: 'option',
          'aria-selected': i === this.selected ? 'true' : 'false',
          dataset: { id: String(s.id) },
          onmousedown: (e) => {
            e.preventDefault();
            this.pick(s);
          },
        },
        s.name,
        el('span', { class: 'body' }, s.body),
      ),
    );
    if (items.length === 0) items.push(el('li', { class: 'muted', 'aria-disabled': 'true' }, 'No snippet matches'));
    this.list.replaceChildren(...items);
    this.list.hidden = false;
  }

  /** Handles picker keys; answers true when the key was the picker's, so the composer ignores it. */
  onKeyDown(e) {
    if (!this.open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.selected = (this.selected + step + this.shown.length) % Math.max(this.shown.length, 1);
      this.render();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      if (this.shown[this.selected]) this.pick(this.shown[this.selected]);
    } else if (e.key === 'Escape') {
      this.close();
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  }

  async pick(snippet) {
    this.close();
    const conversation = this.currentConversation();
    try {
      const filled = (
        await call('POST', `/api/messages/templates/${snippet.id}/render`, {
          to: conversation.phone_number,
          line: conversation.line_number,
        })
      ).data.text;
      this.textarea.value = filled;
    } catch (e) {
      this.textarea.value = '';
      toast(e.message);
    }
    this.onFilled();
    this.textarea.focus();
  }

  close() {
    this.list.hidden = true;
  }

  /** Snippets changed elsewhere (an admin edited them): load them again next time. */
  forget() {
    this.snippets = null;
  }
}
