'use strict';
// The cards page: category → topic → cards, search, and keyboard review. Card sides arrive as HTML the server built
// with the engine's card code from escaped text; every other string goes in through textContent.
(() => {
  const { el, link } = PO;
  const state = { mode: null, topic: null, cards: [], selected: 0, undo: [], editing: null, search: null, offset: 0, tree: null, treeLoadedAt: 0 };
  // The whole tree is read again at most this often while reviewing (it follows a run's new topics); in between a decision only updates its own counts.
  const TREE_RELOAD_MS = 10000;

  function countsText(c) {
    return `${c.reviewed}/${c.cards} reviewed · ${c.accepted} accepted · ${c.rejected} rejected` + (c.stale ? ` · ${c.stale} stale` : '');
  }

  async function loadTree() {
    state.treeLoadedAt = Date.now();
    const tree = await PO.get('/api/tree' + (state.mode ? '?mode=' + encodeURIComponent(state.mode) : ''));
    Object.assign(state, { mode: tree.mode, tree });
    const select = document.getElementById('mode');
    select.replaceChildren(...(tree.modes.length ? tree.modes : [tree.mode]).map(m => el('option', { text: m, value: m, selected: m === tree.mode })));
    const all = { cards: 0, reviewed: 0, accepted: 0, rejected: 0, stale: 0 };
    const nodes = tree.categories.map(category => {
      for (const k of Object.keys(all)) all[k] += category.counts[k];
      return el('div', { class: 'category' },
        el('div', { class: 'name', text: category.name }),
        category.countsNode = el('div', { class: 'counts', text: countsText(category.counts) }),
        ...category.topics.map(topic => {
          topic.countsNode = el('div', { class: 'counts', text: countsText(topic.counts) });
          const item = el('a', { class: 'topic' + (topic.path === state.topic ? ' current' : ''), 'data-path': topic.path },
            el('span', { text: topic.title }), topic.countsNode);
          item.addEventListener('click', () => openTopic(topic.path));
          return item;
        }));
    });
    document.getElementById('tree').replaceChildren(...nodes);
    document.getElementById('totals').textContent = 'All: ' + countsText(all);
  }

  // A decision's new topic counts, summed into its category and the totals without asking the server for the whole tree.
  function updateCounts(path, counts) {
    if (!state.tree) return;
    const category = state.tree.categories.find(c => c.topics.some(t => t.path === path));
    if (!category) return;
    const sum = list => list.reduce((a, c) => { for (const k of Object.keys(a)) a[k] += c[k]; return a; }, { cards: 0, reviewed: 0, accepted: 0, rejected: 0, stale: 0 });
    const topic = category.topics.find(t => t.path === path);
    topic.counts = counts;
    topic.countsNode.textContent = countsText(counts);
    category.counts = sum(category.topics.map(t => t.counts));
    category.countsNode.textContent = countsText(category.counts);
    document.getElementById('totals').textContent = 'All: ' + countsText(sum(state.tree.categories.map(c => c.counts)));
  }

  function remember() {
    const hash = state.topic ? '#' + encodeURIComponent(state.mode) + '/' + encodeURIComponent(state.topic) + '/' + state.selected : '';
    history.replaceState(null, '', location.pathname + hash);
  }

  async function openTopic(path, selected) {
    const topic = await PO.get('/api/topic?mode=' + encodeURIComponent(state.mode) + '&path=' + encodeURIComponent(path));
    Object.assign(state, { topic: path, cards: topic.cards, selected: Math.min(selected || 0, Math.max(0, topic.cards.length - 1)), search: null, editing: null });
    document.getElementById('heading').textContent = topic.category + ' › ' + topic.title;
    document.getElementById('topic-counts').textContent = countsText(topic.counts);
    document.getElementById('problem').textContent = topic.problem || '';
    document.getElementById('more').hidden = true;
    for (const item of document.querySelectorAll('.topic')) item.classList.toggle('current', item.getAttribute('data-path') === path);
    render();
    remember();
  }

  async function search(query, offset) {
    const page = await PO.get('/api/search?mode=' + encodeURIComponent(state.mode) + '&q=' + encodeURIComponent(query) + '&offset=' + offset);
    Object.assign(state, { topic: null, search: query, offset: offset + page.cards.length, editing: null });
    state.cards = offset === 0 ? page.cards : state.cards.concat(page.cards);
    state.selected = offset === 0 ? 0 : state.selected;
    document.getElementById('heading').textContent = `Search “${query}”: ${page.total.toLocaleString('en')}${page.total_capped ? '+' : ''} cards`;
    document.getElementById('topic-counts').textContent = '';
    document.getElementById('problem').textContent = '';
    document.getElementById('more').hidden = state.offset >= page.total;
    render();
  }

  function side(label, html) {
    const body = el('div', { class: 'body' });
    body.innerHTML = html; // Built on the server from escaped card text (CardPreview); the CSP forbids inline script anyway.
    return el('div', { class: 'side' }, el('div', { class: 'label', text: label }), body);
  }

  function cardNode(card, index) {
    const review = card.review;
    const status = review ? (review.stale ? 'stale' : review.decision) : 'unreviewed';
    const node = el('div', { class: 'cardrow ' + status + (index === state.selected ? ' selected' : ''), 'data-card-id': card.id, 'data-status': status });
    const main = el('div', {},
      el('div', { class: 'counts' }, el('span', { text: card.id + ' · ' + card.type + (state.search ? ' · ' + card.topic_title : '') }), el('span', { class: 'badge ' + status, text: status })));
    if (state.editing === index) {
      const front = el('textarea', { class: 'edit-front', value: card.front, 'aria-label': card.type === 'cloze' ? 'Cloze text' : 'Front' });
      const back = el('textarea', { class: 'edit-back', value: card.back, 'aria-label': 'Back' });
      main.append(el('div', { class: 'label', text: card.type === 'cloze' ? 'Text' : 'Front' }), front, el('div', { class: 'label', text: 'Back' }), back,
        el('div', { class: 'help', text: 'Enter saves and accepts · Shift+Enter new line · Esc cancels' }));
    } else {
      // A cloze note is one card per deletion number, each hiding only its own deletions, as Anki shows them.
      for (const sides of card.cards) {
        main.append(side(sides.label ? sides.label + ' · Front' : 'Front', sides.front_html), side(sides.label ? sides.label + ' · Back' : 'Back', sides.back_html));
      }
    }
    if (card.findings.length) main.append(el('ul', { class: 'findings' }, ...card.findings.map(f => el('li', { text: f }))));
    const sources = el('div', { class: 'sources' }, el('div', { class: 'label', text: 'Sources' }),
      ...(card.sources.length ? card.sources.map(s => el('div', {},
        el('div', {}, el('strong', { text: s.id + ' ' }), link(s.url, s.title || s.display_url)),
        s.url ? null : el('div', { class: 'muted', text: s.display_url }),
        s.excerpt ? el('div', { class: 'excerpt', text: s.excerpt }) : null)) : [el('div', { class: 'muted', text: state.search ? 'Open the topic for its sources.' : 'No cited source.' })]));
    node.append(main, sources);
    node.addEventListener('click', () => { if (state.editing === null) { state.selected = index; render(); remember(); } });
    return node;
  }

  function render() {
    document.getElementById('cards').replaceChildren(...state.cards.map(cardNode));
    const selected = document.querySelector('.cardrow.selected');
    if (selected) selected.scrollIntoView({ block: 'nearest' });
    const editor = document.querySelector('.edit-front');
    if (editor) editor.focus();
  }

  async function decide(index, decision, front, back, recordUndo) {
    const card = state.cards[index];
    if (!card) return;
    if (recordUndo) state.undo.push({ index, mode: card.mode, topic: card.topic_path, id: card.id, review: card.review });
    const result = await PO.post('/api/review', { mode: card.mode, topic: card.topic_path, card: card.id, decision, front, back });
    state.cards[index] = result.card;
    if (state.topic === card.topic_path) document.getElementById('topic-counts').textContent = countsText(result.topic);
    render();
    if (Date.now() - state.treeLoadedAt > TREE_RELOAD_MS) loadTree().catch(PO.showError);
    else updateCounts(card.topic_path, result.topic);
  }

  async function undo() {
    const last = state.undo.pop();
    if (!last) return;
    const index = state.cards.findIndex(c => c.topic_path === last.topic && c.id === last.id);
    const previous = last.review && !last.review.stale ? last.review : null;
    if (index < 0) {
      await PO.post('/api/review', { mode: last.mode, topic: last.topic, card: last.id, decision: previous ? previous.decision : 'none', front: previous && previous.front, back: previous && previous.back });
      return;
    }
    state.selected = index;
    await decide(index, previous ? previous.decision : 'none', previous ? previous.front : null, previous ? previous.back : null, false);
    remember();
  }

  function move(step) {
    if (!state.cards.length) return;
    state.selected = Math.max(0, Math.min(state.cards.length - 1, state.selected + step));
    render();
    remember();
  }

  function editedValue(original, edited) {
    return edited === original ? null : edited;
  }

  async function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (state.editing !== null) {
      if (event.key === 'Escape') {
        event.preventDefault();
        state.editing = null;
        render();
      } else if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        const index = state.editing;
        const card = state.cards[index];
        const review = card.review && !card.review.stale ? card.review : null;
        // The textareas show the card as reviewed; a field left unchanged keeps the earlier edit (or none).
        const front = editedValue(card.front, document.querySelector('.edit-front').value);
        const back = editedValue(card.back, document.querySelector('.edit-back').value);
        state.editing = null;
        await decide(index, 'accepted', front ?? (review ? review.front : null), back ?? (review ? review.back : null), true);
      }
      return;
    }
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
    const actions = {
      j: () => move(1),
      k: () => move(-1),
      a: async () => { const i = state.selected; const r = state.cards[i] && state.cards[i].review; await decide(i, 'accepted', r && !r.stale ? r.front : null, r && !r.stale ? r.back : null, true); move(1); },
      x: async () => { await decide(state.selected, 'rejected', null, null, true); move(1); },
      e: () => { if (state.cards.length) { state.editing = state.selected; render(); } },
      u: () => undo(),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    try {
      await action();
      PO.showError(null);
    } catch (error) {
      PO.showError(error);
    }
  }

  async function start() {
    const [mode, path, selected] = location.hash.slice(1).split('/').map(decodeURIComponent);
    if (mode) state.mode = mode;
    document.getElementById('mode').addEventListener('change', async e => {
      Object.assign(state, { mode: e.target.value, topic: null, cards: [], undo: [] });
      render();
      await loadTree();
    });
    document.getElementById('search').addEventListener('keydown', e => {
      if (e.key === 'Enter' && e.target.value.trim()) search(e.target.value.trim(), 0).catch(PO.showError);
      if (e.key === 'Escape') e.target.blur();
    });
    document.getElementById('more').addEventListener('click', () => search(state.search, state.offset).catch(PO.showError));
    document.addEventListener('keydown', e => { onKey(e).catch(PO.showError); });
    await loadTree();
    if (path) {
      await openTopic(path, Number(selected) || 0);
    } else {
      const first = document.querySelector('.topic');
      if (first) await openTopic(first.getAttribute('data-path'));
    }
    document.body.setAttribute('data-ready', 'true');
  }

  start().catch(PO.showError);
})();
