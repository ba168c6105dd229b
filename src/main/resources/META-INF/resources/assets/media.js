// What customers send besides text (MMS): pictures inline as thumbnails that open full size, other
// files as named links. They are fetched through our API with the staff token (so the page needs no
// third-party host) and shown from blob: URLs, cached for the life of the page.
import { token } from './api.js';
import { el } from './dom.js';

const urls = new Map();

const isImage = (type) => /^image\//i.test(type || '') && !/svg/i.test(type || '');

/** The preview of a text that has no words, only attachments ("📷 Photo"). */
export function mediaLabel(media) {
  if (!media || media.length === 0) return '';
  const photos = media.filter((item) => isImage(item.type)).length;
  if (photos === media.length) return photos === 1 ? '📷 Photo' : `📷 ${photos} photos`;
  return media.length === 1 ? '📎 Attachment' : `📎 ${media.length} attachments`;
}

function blobUrl(messageId, index) {
  const key = `${messageId}/${index}`;
  if (!urls.has(key)) {
    urls.set(
      key,
      fetch(`/api/messages/${messageId}/media/${index}`, { headers: { Authorization: `Bearer ${token()}` } })
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.blob();
        })
        .then((blob) => URL.createObjectURL(blob))
        .catch((e) => {
          urls.delete(key);
          throw e;
        }),
    );
  }
  return urls.get(key);
}

function picture(messageId, index) {
  const img = el('img', { alt: 'Picture from the customer', class: 'thumb', title: 'Open full size' });
  const link = el('a', { href: '#', class: 'attachment', dataset: { index: String(index) } }, img);
  blobUrl(messageId, index)
    .then((url) => {
      img.src = url;
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener';
    })
    .catch(() => link.replaceWith(el('span', { class: 'muted' }, '📷 Picture unavailable')));
  return link;
}

function file(messageId, index, item) {
  const name = (item.url || '').split('?')[0].split('/').pop() || 'attachment';
  const label = `📎 ${name}${item.type ? ` (${item.type})` : ''}`;
  const link = el('a', { href: '#', class: 'attachment', download: name, dataset: { index: String(index) } }, label);
  blobUrl(messageId, index)
    .then((url) => {
      link.href = url;
    })
    .catch(() => {
      link.textContent = `${label} — unavailable`;
    });
  return link;
}

/** The attachments of a message, or null when it has none. */
export function attachments(message) {
  const media = message.media || [];
  if (media.length === 0 || typeof message.id !== 'number') return null;
  return el(
    'div',
    { class: 'attachments' },
    ...media.map((item, index) => (isImage(item.type) ? picture(message.id, index) : file(message.id, index, item))),
  );
}
