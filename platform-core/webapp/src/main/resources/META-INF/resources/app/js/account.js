// The account page: the company's facts, its contacts, its deals (open first) and its timeline. One request.
import { useEffect, useState } from 'preact/hooks';
import { html, toast } from './ui.js';
import { gql } from './api.js';
import { t, money, date, dateTime, number } from './i18n.js';

const QUERY = `query AccountPage($id: ID!) {
  account(id: $id) {
    id name industry employeeCount website country annualRevenue { amount currency } owner { name }
    contacts(first: 100) { edges { node { id firstName lastName title email phone } } }
    opportunities(first: 100, orderBy: [{ field: CLOSE_DATE }]) { edges { node {
      id name status expectedCloseDate amount { amount currency } stage { name } owner { name } } } }
    activities(first: 50) { edges { node { id type subject body occurredAt author { name } opportunity { id name } } } }
  }
}`;

export function AccountPage({ id }) {
  const [account, setAccount] = useState(undefined);
  useEffect(() => {
    gql(QUERY, { id }).then(data => setAccount(data.account))
      .catch(e => { toast(t('errorGeneric', { message: e.message }), 'error'); setAccount(null); });
  }, [id]);
  if (account === undefined) return html`<p class="loading">${t('loading')}</p>`;
  if (account === null) return html`<p class="notice" id="not-found">${t('notFound')}</p>`;
  const deals = account.opportunities.edges.map(e => e.node)
    .sort((a, b) => (a.status === 'OPEN' ? 0 : 1) - (b.status === 'OPEN' ? 0 : 1));
  return html`<article class="account" id="account">
    <header class="opp-head"><h1 id="account-name">${account.name}</h1>
      <div class="opp-sub">${[account.industry, account.country, account.employeeCount && number(account.employeeCount) + ' ' + t('employees'),
        account.annualRevenue && money(account.annualRevenue, true), account.owner?.name].filter(Boolean).join(' · ')}
        ${account.website && html`${' · '}<${Website} url=${account.website} />`}</div>
    </header>
    <div class="opp-grid">
      <div class="opp-main">
        <section class="panel" aria-labelledby="account-deals"><h2 id="account-deals">${t('deals')}</h2>
          <table class="compact" id="account-opportunities"><tbody>${deals.map(d => html`<tr>
            <td><a href=${'#/opportunity/' + d.id}>${d.name}</a></td><td>${d.stage.name}</td>
            <td class=${'status ' + d.status}>${t(d.status)}</td><td class="num">${money(d.amount, true)}</td>
            <td>${date(d.expectedCloseDate)}</td><td class="muted">${d.owner.name}</td></tr>`)}</tbody></table>
          ${deals.length === 0 && html`<p class="muted">${t('nothing')}</p>`}
        </section>
        <section class="panel" aria-labelledby="account-timeline"><h2 id="account-timeline">${t('timeline')}</h2>
          <ol class="timeline">${account.activities.edges.map(({ node: a }) => html`<li class=${'activity ' + a.type}>
            <div class="activity-head"><span class="badge">${t(a.type)}</span> <strong>${a.subject}</strong>${' '}
              <time>${dateTime(a.occurredAt)}</time>${' '}<span class="muted">${a.author?.name}</span></div>
            ${a.opportunity && html`<small><a href=${'#/opportunity/' + a.opportunity.id}>${a.opportunity.name}</a></small>`}
            ${a.body && html`<p>${a.body}</p>`}</li>`)}</ol>
        </section>
      </div>
      <aside class="opp-side">
        <section class="panel" aria-labelledby="account-contacts"><h2 id="account-contacts">${t('contacts')}</h2>
          <ul class="plain">${account.contacts.edges.map(({ node: c }) => html`<li>
            <strong>${[c.firstName, c.lastName].filter(Boolean).join(' ')}</strong>${' '}<small class="muted">${c.title || ''}</small>
            <div><small>${c.email && html`<a href=${'mailto:' + c.email}>${c.email}</a>`} ${c.phone || ''}</small></div></li>`)}
            ${account.contacts.edges.length === 0 && html`<li class="muted">${t('nothing')}</li>`}</ul>
        </section>
      </aside>
    </div>
  </article>`;
}

/** A website as a link only when it is one (http or https); anything else (a javascript: URL too) stays text. */
function Website({ url }) {
  const href = /^https?:\/\//i.test(url) ? url : /^[\w.-]+\.[a-z]{2,}(\/.*)?$/i.test(url) ? 'https://' + url : null;
  return href ? html`<a href=${href} rel="noopener noreferrer" target="_blank">${url}</a>` : html`<span>${url}</span>`;
}
