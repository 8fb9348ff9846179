// Dashboards: the forecast per quarter (categories stacked, the model's expected value with its P10–P90 band, the
// quota line), win/loss by reason and by competitor with their intervals, and the pipeline by stage. Every chart's
// numbers are in a table below it too. A chart appears only when its API is on this server.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { html, toast, isoDate } from './ui.js';
import { gql } from './api.js';
import { t, money, number, percent } from './i18n.js';

const MONEY = 'amount currency';

function quarterStart(d) {
  return new Date(d.getFullYear(), Math.floor(d.getMonth() / 3) * 3, 1);
}

export function Dashboards({ context }) {
  const { has } = context;
  return html`<section class="dashboards" id="dashboards">
    <h1>${t('dashboards')}</h1>
    ${has.forecast && html`<${ForecastPanel} />`}
    ${has.winLoss && html`<${WinLossPanel} />`}
    <${StagePanel} />
  </section>`;
}

/** A Chart.js chart on a canvas, rebuilt when its config changes; Chart.js is a classic script (UMD) on window. */
function ChartCanvas({ config, id, label }) {
  const canvas = useRef();
  useEffect(() => {
    if (!window.Chart || !config) return undefined;
    const chart = new window.Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return html`<div class="chart"><canvas id=${id} ref=${canvas} role="img" aria-label=${label}></canvas></div>`;
}

const amount = m => (m ? Number(m.amount) : null);

function ForecastPanel() {
  const [models, setModels] = useState([]);
  const [model, setModel] = useState(null);
  const [rows, setRows] = useState(null);

  useEffect(() => {
    gql('{ forecastModels { id name } }').then(data => {
      setModels(data.forecastModels);
      const preferred = data.forecastModels.find(m => m.id === 'monte-carlo') || data.forecastModels[0];
      setModel(preferred?.id || null);
      if (!preferred) setRows([]);
    }).catch(e => { toast(t('errorGeneric', { message: e.message }), 'error'); setRows([]); });
  }, []);

  useEffect(() => {
    if (!model) return undefined;
    let current = true;
    const start = quarterStart(new Date());
    const end = new Date(start.getFullYear(), start.getMonth() + 12, 0);
    gql(`query Forecast($input: ForecastInput!) { forecast(input: $input) {
        period { label start } closedWon { ${MONEY} } commit { ${MONEY} } bestCase { ${MONEY} } pipeline { ${MONEY} }
        expected { ${MONEY} } p10 { ${MONEY} } p90 { ${MONEY} } quota { ${MONEY} } unavailable } }`,
    { input: { model, periodType: 'QUARTER', from: isoDate(start), to: isoDate(end) } })
      .then(data => { if (current) setRows(data.forecast); })
      .catch(e => { toast(t('errorGeneric', { message: e.message }), 'error'); setRows([]); });
    return () => { current = false; };
  }, [model]);

  const config = useMemo(() => rows && rows.length > 0 && {
    type: 'bar',
    data: {
      labels: rows.map(r => r.period.label),
      datasets: [
        { label: t('closedWon'), data: rows.map(r => amount(r.closedWon)), backgroundColor: '#2e7d32', stack: 'c' },
        { label: t('commit'), data: rows.map(r => amount(r.commit)), backgroundColor: '#66bb6a', stack: 'c' },
        { label: t('bestCase'), data: rows.map(r => amount(r.bestCase)), backgroundColor: '#a5d6a7', stack: 'c' },
        { label: t('pipeline'), data: rows.map(r => amount(r.pipeline)), backgroundColor: '#e0e0e0', stack: 'c' },
        { type: 'line', label: 'P10', data: rows.map(r => amount(r.p10)), borderColor: 'rgba(21,101,192,.3)', pointRadius: 0, fill: false },
        { type: 'line', label: 'P90', data: rows.map(r => amount(r.p90)), borderColor: 'rgba(21,101,192,.3)',
          backgroundColor: 'rgba(21,101,192,.15)', pointRadius: 0, fill: '-1' },
        { type: 'line', label: t('expected'), data: rows.map(r => amount(r.expected)), borderColor: '#1565c0', borderWidth: 2 },
        { type: 'line', label: t('quota'), data: rows.map(r => amount(r.quota)), borderColor: '#c62828', borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  }, [rows]);

  return html`<section class="panel" aria-labelledby="forecast-title" id="forecast-panel">
    <h2 id="forecast-title">${t('forecast')}</h2>
    <label>${t('model')} <select id="forecast-model" value=${model} onChange=${e => setModel(e.target.value)}>
      ${models.map(m => html`<option value=${m.id}>${m.name}</option>`)}</select></label>
    ${!rows ? html`<p class="loading">${t('loading')}</p>` : models.length === 0 ? html`<p class="muted">${t('noModels')}</p>` : html`
      <${ChartCanvas} id="forecast-chart" config=${config} label=${t('forecast')} />
      <details><summary>${t('asTable')}</summary>
      <table class="compact" id="forecast-table"><thead><tr><th>${t('period')}</th><th>${t('closedWon')}</th>
        <th>${t('commit')}</th><th>${t('bestCase')}</th><th>${t('pipeline')}</th><th>${t('expected')}</th>
        <th>${t('band')}</th><th>${t('quota')}</th></tr></thead>
      <tbody>${rows.map(r => html`<tr><td>${r.period.label}</td><td class="num">${money(r.closedWon, true)}</td>
        <td class="num">${money(r.commit, true)}</td><td class="num">${money(r.bestCase, true)}</td>
        <td class="num">${money(r.pipeline, true)}</td>
        <td class="num">${r.unavailable ? html`<span title=${r.unavailable}>${t('unavailable')}</span>` : money(r.expected, true)}</td>
        <td class="num">${r.p10 ? money(r.p10, true) + ' – ' + money(r.p90, true) : '–'}</td>
        <td class="num">${money(r.quota, true)}</td></tr>`)}</tbody></table></details>`}
  </section>`;
}

function WinLossPanel() {
  const [groupBy, setGroupBy] = useState('REASON');
  const [rows, setRows] = useState(null);
  useEffect(() => {
    let current = true;
    const today = new Date();
    const from = new Date(today.getFullYear() - 2, today.getMonth(), today.getDate());
    setRows(null);
    gql(`query WinLoss($from: Date!, $to: Date!, $by: WinLossDimension!) {
      winLossAnalysis(from: $from, to: $to, groupBy: $by) {
        key label deals wins losses winRate winRateLow winRateHigh tooFewDeals averageDiscount lostAmount { ${MONEY} } } }`,
    { from: isoDate(from), to: isoDate(today), by: groupBy })
      .then(data => { if (current) setRows(data.winLossAnalysis); })
      .catch(e => { toast(t('errorGeneric', { message: e.message }), 'error'); setRows([]); });
    return () => { current = false; };
  }, [groupBy]);

  const config = useMemo(() => {
    if (!rows) return null;
    const shown = rows.slice(0, 15);
    return {
      type: 'bar',
      data: {
        labels: shown.map(r => r.label),
        datasets: [
          { label: t('wins'), data: shown.map(r => r.wins), backgroundColor: '#43a047' },
          { label: t('losses'), data: shown.map(r => r.losses), backgroundColor: '#e53935' },
        ],
      },
      options: { animation: false, indexAxis: 'y', responsive: true, maintainAspectRatio: false },
    };
  }, [rows]);
  return html`<section class="panel" aria-labelledby="winloss-title" id="winloss-panel">
    <h2 id="winloss-title">${t('winLoss')}</h2>
    <div class="scope" role="group" aria-label=${t('groupBy')}>
      ${['REASON', 'COMPETITOR'].map(d => html`<button type="button" aria-pressed=${groupBy === d}
        onClick=${() => setGroupBy(d)}>${t(d === 'REASON' ? 'reason' : 'competitor')}</button>`)}
    </div>
    ${!rows ? html`<p class="loading">${t('loading')}</p>` : html`
      <${ChartCanvas} id="winloss-chart" config=${config} label=${t('winLoss')} />
      <table class="compact" id="winloss-table"><thead><tr><th>${groupBy === 'REASON' ? t('reason') : t('competitor')}</th>
        <th>${t('deals')}</th><th>${t('wins')}</th><th>${t('losses')}</th><th>${t('winRate')}</th><th>${t('interval')}</th><th>${t('averageDiscount')}</th></tr></thead>
      <tbody>${rows.map(r => html`<tr class=${r.tooFewDeals ? 'muted' : ''}><td>${r.label}</td><td class="num">${r.deals}</td>
        <td class="num">${r.wins}</td><td class="num">${r.losses}</td><td class="num">${percent(r.winRate)}</td>
        <td class="num">${r.winRateLow == null ? '–' : percent(r.winRateLow) + ' – ' + percent(r.winRateHigh)}
          ${r.tooFewDeals ? html` <small>(${t('tooFew')})</small>` : ''}</td>
        <td class="num">${r.averageDiscount == null ? '–' : percent(r.averageDiscount / 100, 1)}</td></tr>`)}</tbody></table>`}
  </section>`;
}

function StagePanel() {
  const [rows, setRows] = useState(null);
  useEffect(() => {
    gql(`{ pipelineSummary { stage { id name isClosed } count amount { ${MONEY} } weightedAmount { ${MONEY} } } }`)
      .then(data => setRows(data.pipelineSummary.filter(r => !r.stage.isClosed)))
      .catch(e => toast(t('errorGeneric', { message: e.message }), 'error'));
  }, []);
  const config = useMemo(() => rows && {
    type: 'bar',
    data: {
      labels: rows.map(r => r.stage.name),
      datasets: [
        { label: t('total'), data: rows.map(r => amount(r.amount)), backgroundColor: '#90caf9' },
        { label: t('weighted'), data: rows.map(r => amount(r.weightedAmount)), backgroundColor: '#1565c0' },
      ],
    },
    options: { animation: false, responsive: true, maintainAspectRatio: false },
  }, [rows]);
  return html`<section class="panel" aria-labelledby="stage-title" id="stage-panel">
    <h2 id="stage-title">${t('byStage')}</h2>
    ${rows && html`<${ChartCanvas} id="stage-chart" config=${config} label=${t('byStage')} />
      <table class="compact"><thead><tr><th>${t('stage')}</th><th>${t('count')}</th><th>${t('total')}</th><th>${t('weighted')}</th></tr></thead>
      <tbody>${rows.map(r => html`<tr><td>${r.stage.name}</td><td class="num">${number(r.count)}</td>
        <td class="num">${money(r.amount, true)}</td><td class="num">${money(r.weightedAmount, true)}</td></tr>`)}</tbody></table>`}
  </section>`;
}
