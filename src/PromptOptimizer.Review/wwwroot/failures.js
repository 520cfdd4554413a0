'use strict';
// The failures page (retry = completion-reset) and the optimized prompts with their rubric scores per round.
(() => {
  const { el } = PO;

  async function loadFailures() {
    const data = await PO.get('/api/failures');
    const rows = data.topics.map(f => {
      const retry = el('button', { text: 'Retry', 'data-topic': f.topic_path });
      retry.addEventListener('click', async () => {
        try {
          await PO.post('/api/retry', { mode: f.mode, topic: f.topic_path });
          await loadFailures();
        } catch (error) {
          PO.showError(error);
        }
      });
      return el('tr', {}, el('td', { class: 'text', text: f.mode }), el('td', { class: 'text', text: f.topic_path }), el('td', { class: 'text', text: f.kind || '' }),
        el('td', { class: 'text', text: f.message || '' }), el('td', { text: f.attempts }), el('td', {}, retry));
    });
    document.querySelector('#failures tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { class: 'text muted', colSpan: 6, text: 'No failed topics.' }))]));
  }

  async function showPrompt(mode, path) {
    const prompt = await PO.get('/api/prompt?mode=' + encodeURIComponent(mode) + '&path=' + encodeURIComponent(path));
    const header = el('tr', {}, ...['Round', 'Score', 'Grounding', 'Coverage', 'Clarity', 'Safety', 'Format', 'Critique'].map(h => el('th', { text: h })));
    const rounds = prompt.rounds.map(r => el('tr', {},
      ...[r.round, r.score, r.grounding, r.coverage, r.clarity, r.safety, r.format].map(v => el('td', { text: v })),
      el('td', { class: 'text' }, el('ul', {}, ...r.weaknesses.map(w => el('li', { text: w }))))));
    document.getElementById('prompt').replaceChildren(
      el('h2', { text: prompt.title + ' (score ' + prompt.score + ')' }),
      el('pre', { class: 'prompt', text: prompt.system_prompt }),
      el('table', {}, el('thead', {}, header), el('tbody', {}, ...rounds)));
  }

  async function loadPrompts() {
    const mode = document.getElementById('prompt-mode').value;
    const tree = await PO.get('/api/tree?mode=' + encodeURIComponent(mode));
    document.getElementById('prompt-topics').replaceChildren(...tree.categories.map(c => el('div', { class: 'category' },
      el('div', { class: 'name', text: c.name }),
      ...c.topics.map(t => {
        const item = el('a', { class: 'topic', text: t.title });
        item.addEventListener('click', () => showPrompt(mode, t.path).catch(PO.showError));
        return item;
      }))));
  }

  document.getElementById('prompt-mode').addEventListener('change', () => loadPrompts().catch(PO.showError));
  Promise.all([loadFailures(), loadPrompts()]).then(() => document.body.setAttribute('data-ready', 'true')).catch(PO.showError);
})();
