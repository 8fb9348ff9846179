// My day: my tasks due by tonight (overdue first), my stalled deals, my deals closing this month. One request.
import { useEffect, useState } from 'preact/hooks';
import { html, isoDate } from './ui.js';
import { gql } from './api.js';
import { t, money, date, dateTime } from './i18n.js';

const DEAL = 'id name expectedCloseDate daysInStage account { name } amount { amount currency } stage { name }';

function query(employee) {
  return `query MyDay($me: ID!, $tonight: DateTime!, $from: Date!, $to: Date!) {
    ${employee ? `tasks(first: 100, filter: { assigneeId: $me, done: false, dueBefore: $tonight }) {
      edges { node { id title dueAt overdue opportunity { id name } account { name } } } }` : ''}
    stalled: opportunities(first: 100, filter: { ownerIds: [$me], status: OPEN, stalled: true }) { edges { node { ${DEAL} } } }
    closing: opportunities(first: 100, orderBy: [{ field: CLOSE_DATE }],
      filter: { ownerIds: [$me], status: OPEN, closeDateFrom: $from, closeDateTo: $to }) { edges { node { ${DEAL} } } }
  }`;
}

export function MyDay({ context }) {
  const [data, setData] = useState(null);
  useEffect(() => {
    const now = new Date();
    const tonight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const variables = {
      me: context.me.id, tonight: tonight.toISOString(),
      from: isoDate(new Date(now.getFullYear(), now.getMonth(), 1)),
      to: isoDate(new Date(now.getFullYear(), now.getMonth() + 1, 0)),
    };
    if (!context.has.employee) delete variables.tonight;
    gql(context.has.employee ? query(true) : query(false).replace('$tonight: DateTime!, ', ''), variables)
      .then(setData).catch(e => setData({ failed: e.message }));
  }, []);
  if (!data) return html`<p class="loading">${t('loading')}</p>`;
  if (data.failed) return html`<p class="notice" role="alert">${t('errorGeneric', { message: data.failed })}</p>`;
  const tasks = (data.tasks?.edges || []).map(e => e.node).sort((a, b) => (b.overdue - a.overdue) || a.dueAt.localeCompare(b.dueAt));
  const deals = list => (list.edges.length === 0 ? html`<li class="muted">${t('nothing')}</li>` : list.edges.map(({ node: d }) => html`<li key=${d.id} data-id=${d.id}>
    <a href=${'#/opportunity/' + d.id}>${d.name}</a>${' '}<small class="muted">${
      [d.account.name, d.stage.name, money(d.amount, true), date(d.expectedCloseDate)].join(' · ')}</small></li>`));
  return html`<section class="my-day" id="my-day">
    <h1>${t('myDay')}</h1>
    <div class="cards-3">
      ${context.has.employee && html`<section class="panel"><h2>${t('overdueTasks')} <span class="count">${tasks.length}</span></h2>
        <ul class="plain" id="my-tasks">${tasks.map(task => html`<li class=${task.overdue ? 'overdue' : ''}>
          ${task.opportunity ? html`<a href=${'#/opportunity/' + task.opportunity.id}>${task.title}</a>` : task.title}${' '}
          <small class="muted">${[dateTime(task.dueAt), task.overdue && t('overdue'),
            task.opportunity ? task.opportunity.name : task.account?.name].filter(Boolean).join(' · ')}</small></li>`)}
          ${tasks.length === 0 && html`<li class="muted">${t('nothing')}</li>`}</ul></section>`}
      <section class="panel"><h2>${t('stalledDeals')} <span class="count">${data.stalled.edges.length}</span></h2>
        <ul class="plain" id="my-stalled">${deals(data.stalled)}</ul></section>
      <section class="panel"><h2>${t('closingThisMonth')} <span class="count">${data.closing.edges.length}</span></h2>
        <ul class="plain" id="my-closing">${deals(data.closing)}</ul></section>
    </div>
  </section>`;
}
