// Leads: the open ones (new and being worked) with qualify (it becomes an opportunity, whose page opens) and
// disqualify (with a reason).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, toast, navigate, Dialog, FormErrors } from './ui.js';
import { gql, mutate } from './api.js';
import { t, dateTime } from './i18n.js';

const QUERY = `query Leads($status: LeadStatus) { leads(first: 100, filter: { status: $status }) { totalCount edges { node {
  id companyName contactName email phone source status version createdAt } } } }`;

export function Leads() {
  const [status, setStatus] = useState('NEW');
  const [leads, setLeads] = useState(null);
  const [disqualifying, setDisqualifying] = useState(null);
  const asked = useRef(status);
  const load = () => {
    asked.current = status;
    return gql(QUERY, { status })
      .then(data => { if (asked.current === status) setLeads(data.leads.edges.map(e => e.node)); })
      .catch(e => toast(t('errorGeneric', { message: e.message }), 'error'));
  };
  useEffect(() => { setLeads(null); load(); }, [status]);

  async function qualify(lead) {
    const payload = await mutate(`mutation Q($input: QualifyLeadInput!) { qualifyLead(input: $input) {
      opportunity { id } errors { code message field } } }`, { input: { leadId: lead.id, expectedVersion: lead.version } })
      .catch(e => ({ errors: [{ message: e.message }] }));
    if (payload.errors.length) { toast(payload.errors.map(e => e.message).join(' '), 'error'); load(); return; }
    toast(t('qualified'));
    navigate('#/opportunity/' + payload.opportunity.id);
  }

  return html`<section class="leads" id="leads">
    <h1>${t('leads')}</h1>
    <div class="scope" role="group" aria-label=${t('status')}>
      ${['NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED'].map(s => html`<button type="button" aria-pressed=${status === s}
        onClick=${() => setStatus(s)}>${t('lead_' + s)}</button>`)}
    </div>
    ${!leads ? html`<p class="loading">${t('loading')}</p>` : html`<table class="compact panel" id="lead-table">
      <thead><tr><th>${t('account')}</th><th>${t('contacts')}</th><th>${t('source')}</th><th>${t('created')}</th><th></th></tr></thead>
      <tbody>${leads.map(lead => html`<tr key=${lead.id} data-id=${lead.id}><td><strong>${lead.companyName}</strong></td>
        <td>${lead.contactName || ''} <small class="muted">${lead.email || ''} ${lead.phone || ''}</small></td>
        <td>${lead.source || ''}</td><td>${dateTime(lead.createdAt)}</td>
        <td class="buttons">${(lead.status === 'NEW' || lead.status === 'WORKING') && html`
          <button class="primary qualify" aria-label=${t('qualify') + ': ' + lead.companyName}
            onClick=${() => qualify(lead)}>${t('qualify')}</button>
          <button class="disqualify" aria-label=${t('disqualify') + ': ' + lead.companyName}
            onClick=${() => setDisqualifying(lead)}>${t('disqualify')}</button>`}</td></tr>`)}
      </tbody></table>
      ${leads.length === 0 && html`<p class="muted">${t('nothing')}</p>`}`}
    ${disqualifying && html`<${Disqualify} lead=${disqualifying} onDone=${() => { setDisqualifying(null); load(); }} />`}
  </section>`;
}

function Disqualify({ lead, onDone }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState([]);
  async function submit(event) {
    event.preventDefault();
    const payload = await mutate(`mutation D($input: DisqualifyLeadInput!) { disqualifyLead(input: $input) {
      lead { id } errors { code message field } } }`, { input: { leadId: lead.id, expectedVersion: lead.version, reason } })
      .catch(e => ({ errors: [{ message: e.message }] }));
    setErrors(payload.errors);
    if (!payload.errors.length) onDone();
  }
  return html`<${Dialog} id="disqualify-dialog" title=${t('disqualify') + ': ' + lead.companyName} onClose=${onDone}>
    <form onSubmit=${submit}>
      <label>${t('reason')}<input id="disqualify-reason" value=${reason} onInput=${e => setReason(e.target.value)} /></label>
      <${FormErrors} errors=${errors} />
      <div class="buttons"><button type="button" onClick=${onDone}>${t('cancel')}</button>
        <button type="submit" class="primary">${t('disqualify')}</button></div>
    </form>
  <//>`;
}
