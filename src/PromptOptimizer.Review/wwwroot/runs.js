'use strict';
// The runs page: polls /api/runs every 2 s; charts by uPlot (served from this app, no CDN).
(() => {
  const { el, money, duration } = PO;
  const charts = { throughput: null, cost: null };
  let polls = 0;

  function cells(row, values) {
    row.replaceChildren(...values.map((v, i) => el('td', { text: v, class: i === 0 ? 'text' : undefined })));
    return row;
  }

  function table(id, rows) {
    document.querySelector('#' + id + ' tbody').replaceChildren(...rows.map(values => cells(el('tr'), values)));
  }

  // One x axis (minutes) for every mode; a mode without a point in a minute completed nothing then.
  function aligned(series, pick, carry) {
    const minutes = [...new Set(series.flatMap(s => s.minutes))].sort((a, b) => a - b);
    // At least ten minutes on the axis, so a young run's first points do not sit alone on a stretched scale.
    while (minutes.length > 0 && minutes.length < 10) minutes.unshift(minutes[0] - 60);
    const ys = series.map(s => {
      const at = new Map(s.minutes.map((m, i) => [m, pick(s)[i]]));
      let last = null;
      return minutes.map(m => {
        if (at.has(m)) last = at.get(m);
        return at.has(m) ? at.get(m) : (carry ? last : 0); // before a mode's first point its cost line is absent (null)
      });
    });
    return [minutes, ...ys];
  }

  function draw(key, series, pick, carry) {
    const target = document.getElementById(key);
    const data = aligned(series, pick, carry);
    const names = series.map(s => s.mode).join(',');
    if (charts[key] && charts[key].names === names) {
      charts[key].plot.setData(data);
      return;
    }
    if (charts[key]) charts[key].plot.destroy();
    const colors = ['#2f6fed', '#1a7f37', '#c4321b'];
    const plot = new uPlot({
      width: 520,
      height: 240,
      series: [{}, ...series.map((s, i) => ({ label: s.mode, stroke: colors[i % colors.length], width: 2 }))],
      axes: [{}, { size: 60 }],
    }, data, target);
    charts[key] = { plot, names };
  }

  async function refresh() {
    try {
      const runs = await PO.get('/api/runs');
      table('modes', runs.modes.map(m => [m.mode, m.completed, m.failed, m.pending, m.in_flight, m.per_minute, duration(m.eta_seconds), money(m.cost_usd), money(m.projected_cost_usd)]));
      table('rows', runs.rows.map(r => [r.mode, r.category || '(none)', r.completed, r.failed, r.pending, r.in_flight, money(r.cost_usd)]));
      draw('throughput', runs.charts, s => s.completed, false);
      draw('cost', runs.charts, s => s.cumulative_cost_usd, true);
      polls++;
      const updated = document.getElementById('updated');
      updated.textContent = 'updated ' + new Date(runs.now).toLocaleTimeString();
      updated.setAttribute('data-polls', String(polls));
      PO.showError(null);
    } catch (error) {
      PO.showError(error);
    } finally {
      setTimeout(refresh, 2000);
    }
  }

  refresh();
})();
