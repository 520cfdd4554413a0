'use strict';
// Shared by the three pages. Every text from the server goes in through textContent (el/append); links only for
// http(s) addresses. The anti-forgery value for POSTs comes from /api/session, readable only by this origin.
const PO = (() => {
  let csrf = null;

  async function get(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(response.status + ' ' + (await response.text()));
    return response.json();
  }

  async function post(url, body) {
    if (csrf === null) csrf = (await get('/api/session')).csrf;
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Review-Csrf': csrf },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(response.status + ' ' + (await response.text()));
    return response.json();
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'class') node.className = value;
      else if (key.startsWith('data-')) node.setAttribute(key, String(value));
      else node[key] = value;
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function isWebUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      return false;
    }
  }

  // A link only for http(s); anything else is shown as text. no-referrer is also the page's policy.
  function link(url, text) {
    if (!url || !isWebUrl(url)) return el('span', { class: 'url', text: text || url || '' });
    return el('a', { href: url, text: text || url, target: '_blank', rel: 'noopener noreferrer', referrerPolicy: 'no-referrer' });
  }

  function money(usd) {
    return '$' + Number(usd).toFixed(Math.abs(usd) < 1 ? 4 : 2);
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    const s = Math.round(seconds);
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  function showError(error) {
    const bar = document.getElementById('error');
    if (!bar) return;
    bar.textContent = error ? String(error.message || error) : '';
    bar.hidden = !error;
  }

  return { get, post, el, link, money, duration, showError };
})();
