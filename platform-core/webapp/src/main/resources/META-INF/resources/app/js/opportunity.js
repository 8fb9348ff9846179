// The opportunity page: the deal's fields edited in place, the stage path with what each stage requires, team and
// contacts, the score explained, competitors and quotes (when their plugins are there), the timeline with a form to
// log what happened, tasks and the history. One request loads it all.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, toast, Dialog, FieldErrors, FormErrors, isoDate } from './ui.js';
import { gql, mutate, fetchFile, upload } from './api.js';
import { t, money, date, dateTime, number, currentLanguage } from './i18n.js';
import { fieldLabel } from './fields.js';
import { CloseDialog, PIPELINE_FIELDS } from './close.js';

const ACTIVITY_TYPES = ['CALL', 'MEETING', 'EMAIL', 'NOTE', 'MATERIAL', 'PRESENTATION', 'MILESTONE'];

function pageQuery(has) {
  return `query OpportunityPage($id: ID!) {
    opportunity(id: $id) {
      id name description version status probability expectedCloseDate stalled daysInStage
      amount { amount currency } budget { amount currency }
      account { id name industry }
      owner { id name }
      stage { id name }
      pipeline { ${PIPELINE_FIELDS} }
      closeDetails { outcome closedAt reasons note ${has.competitors ? 'winningCompetitor { name }' : ''} }
      team { user { id name } role access }
      contacts { role contact { id firstName lastName email phone } }
      ${has.score ? 'score { value strategy contributions { criterion weight value points explanation } }' : ''}
      ${has.competitors ? 'competitors { status threatLevel incumbent competitor { id name } price { amount currency } }' : ''}
      ${has.quotes ? 'quotes { id number revision status validUntil pdfUrl netTotal { amount currency } }' : ''}
      activities(first: 50) { totalCount edges { node {
        id type subject body outcome occurredAt author { name } attachments { id name url size mediaType } } } }
      tasks(first: 50) { edges { node { id title dueAt done overdue version assignee { name } } } }
      history(first: 30) { edges { node { field oldValue newValue changedAt changedBy { name } } } }
    }
  }`;
}

const ERRORS = 'errors { code message field }';

export function OpportunityPage({ id, context }) {
  const { has } = context;
  const [deal, setDeal] = useState(undefined);
  const [closing, setClosing] = useState(null);
  const loads = useRef(0);

  /** Loads the page again; of overlapping loads (after a save and a log at once) the last one asked wins. */
  async function load() {
    const mine = ++loads.current;
    try {
      const data = await gql(pageQuery(has), { id });
      if (mine === loads.current) setDeal(data.opportunity);
    } catch (e) {
      toast(t('errorGeneric', { message: e.message }), 'error');
      if (deal === undefined) setDeal(null);
    }
  }
  useEffect(() => { load(); }, [id]);

  if (deal === undefined) return html`<p class="loading">${t('loading')}</p>`;
  if (deal === null) return html`<p class="notice" id="not-found">${t('notFound')}</p>`;

  return html`<article class="opportunity" id="opportunity" data-version=${deal.version}>
    <header class="opp-head">
      <h1 id="opp-name">${deal.name}</h1>
      <div class="opp-sub">${has.employee ? html`<a href=${'#/account/' + deal.account.id}>${deal.account.name}</a>`
        : deal.account.name}${' · '}<span>${deal.owner.name}</span>${' · '}<span class=${'status ' + deal.status}
        id="opp-status">${t(deal.status)}</span>${deal.stalled && html`${' · '}<span class="badge stalled">${t('stalled')}</span>`}</div>
    </header>
    <${StagePath} deal=${deal} onClose=${outcome => setClosing(outcome)} />
    <div class="opp-grid">
      <div class="opp-main">
        <${DealFields} deal=${deal} onSaved=${setDeal} onConflict=${load} />
        <${Timeline} deal=${deal} onChanged=${load} />
        <${History} deal=${deal} />
      </div>
      <aside class="opp-side">
        <${Tasks} deal=${deal} onChanged=${load} />
        <${People} deal=${deal} />
        ${has.score && html`<${ScoreBox} score=${deal.score} />`}
        ${has.competitors && html`<${Competitors} rows=${deal.competitors} />`}
        ${has.quotes && html`<${Quotes} quotes=${deal.quotes} />`}
      </aside>
    </div>
    ${closing && html`<${CloseDialog} card=${deal} outcome=${closing} pipeline=${deal.pipeline} has=${has}
      onCancel=${() => setClosing(null)} onClosed=${() => { setClosing(null); load(); }}
      onConflict=${() => { setClosing(null); load(); }} />`}
  </article>`;
}

function StagePath({ deal, onClose }) {
  const stages = [...deal.pipeline.stages].sort((a, b) => a.position - b.position);
  const open = stages.filter(s => !s.isClosed);
  const current = deal.status === 'OPEN' ? open.findIndex(s => s.id === deal.stage.id) : open.length;
  return html`<ol class="stage-path" aria-label=${t('stage')}>
    ${open.map((s, i) => html`<li class=${i < current ? 'past' : i === current ? 'current' : 'next'}
        aria-current=${i === current ? 'step' : null}>
      <span>${s.name}</span>
      ${i > current && s.requiredFields.length > 0 && html`<small>${t('requires')}: ${s.requiredFields.map(fieldLabel).join(', ')}</small>`}
    </li>`)}
    ${deal.status === 'OPEN' ? html`<li class="close-buttons">
      <button id="close-won" onClick=${() => onClose('WON')}>${t('won')}</button>
      <button id="close-lost" onClick=${() => onClose('LOST')}>${t('lost')}</button></li>`
    : html`<li class=${'current closed ' + deal.status} aria-current="step"><span>${deal.stage.name}</span>
      <small>${date(deal.closeDetails?.closedAt)}${deal.closeDetails?.reasons.length ? ' · ' + deal.closeDetails.reasons.join(', ') : ''}
      ${deal.closeDetails?.winningCompetitor ? ' · ' + t('winningCompetitor') + ': ' + deal.closeDetails.winningCompetitor.name : ''}</small>
      ${deal.closeDetails?.note && html`<small>${deal.closeDetails.note}</small>`}</li>`}
  </ol>`;
}

function DealFields({ deal, onSaved, onConflict }) {
  const initial = () => ({
    name: deal.name, description: deal.description || '', probability: String(deal.probability),
    expectedCloseDate: deal.expectedCloseDate || '', amount: deal.amount ? localDecimal(deal.amount.amount) : '',
    currency: deal.amount?.currency || deal.budget?.currency || 'EUR',
  });
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => setForm(initial()), [deal.version]);
  const set = field => e => setForm(f => ({ ...f, [field]: e.target.value }));

  async function save(event) {
    event.preventDefault();
    // Only what changed: a probability sent unchanged would count as set by hand (and a closed deal refuses it).
    const before = initial();
    const input = { id: deal.id, expectedVersion: deal.version };
    if (form.name !== before.name) input.name = form.name;
    if (form.description !== before.description) input.description = form.description;
    if (form.probability !== before.probability && form.probability !== '') input.probability = Number(form.probability);
    if (form.expectedCloseDate !== before.expectedCloseDate && form.expectedCloseDate) input.expectedCloseDate = form.expectedCloseDate;
    if ((String(form.amount) !== String(before.amount) || form.currency !== before.currency) && form.amount !== '') {
      input.amount = { amount: decimal(form.amount), currency: form.currency.trim().toUpperCase() };
    }
    if (Object.keys(input).length === 2) return;
    setBusy(true);
    try {
      const payload = await mutate(`mutation Save($input: UpdateOpportunityInput!) {
        updateOpportunity(input: $input) { opportunity { id version } ${ERRORS} } }`, { input });
      setErrors(payload.errors);
      if (payload.errors.some(e => e.code === 'VERSION_CONFLICT')) {
        toast(t('conflict'), 'error');
        onConflict();
      } else if (!payload.errors.length) {
        toast(t('saved'));
        onConflict(); // reload: history, score and version follow the change
      }
    } catch (e) {
      setErrors([{ code: 'ERROR', message: e.message }]);
    } finally {
      setBusy(false);
    }
  }

  const field = (name, label, input) => html`<label class=${'field field-' + name}>${label}${input}
    <${FieldErrors} errors=${errors} field=${name} /></label>`;
  return html`<form class="deal-fields" id="deal-fields" onSubmit=${save}>
    ${field('name', t('name'), html`<input id="field-name" value=${form.name} onInput=${set('name')} />`)}
    <div class="row">
      ${field('amount', t('amount'), html`<span class="money-input">
        <input id="field-amount" inputmode="decimal" value=${form.amount} onInput=${set('amount')} />
        <input id="field-currency" class="currency" maxlength="3" value=${form.currency} onInput=${set('currency')} aria-label=${t('currency')} /></span>`)}
      ${field('probability', t('probability') + ' (%)', html`<input id="field-probability" type="number" min="0" max="100"
        value=${form.probability} onInput=${set('probability')} />`)}
      ${field('expectedCloseDate', t('closeDate'), html`<input id="field-close-date" type="date"
        value=${form.expectedCloseDate} onInput=${set('expectedCloseDate')} />`)}
    </div>
    ${field('description', t('description'), html`<textarea id="field-description" rows="3" value=${form.description}
      onInput=${set('description')} />`)}
    <${FormErrors} errors=${errors.filter(e => e.code !== 'VERSION_CONFLICT')}
      shown=${['name', 'amount', 'probability', 'expectedCloseDate', 'description']} />
    <div class="buttons"><button type="submit" class="primary" id="save-deal" disabled=${busy}>${t('save')}</button></div>
  </form>`;
}

function Timeline({ deal, onChanged }) {
  const [type, setType] = useState('CALL');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [file, setFile] = useState(null);
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);

  async function log(event) {
    event.preventDefault();
    setBusy(true);
    try {
      const payload = await mutate(`mutation Log($input: LogActivityInput!) {
        logActivity(input: $input) { activity { id } ${ERRORS} } }`,
      { input: { opportunityId: deal.id, type, subject, body: body || null } });
      setErrors(payload.errors);
      if (payload.errors.length) return;
      if (file) await upload(payload.activity.id, file).catch(e => toast(t('uploadFailed', { message: e.message }), 'error'));
      setSubject(''); setBody(''); setFile(null);
      event.target.reset?.();
      toast(t('saved'));
      onChanged();
    } catch (e) {
      setErrors([{ code: 'ERROR', message: e.message }]);
    } finally {
      setBusy(false);
    }
  }

  return html`<section class="panel" aria-labelledby="timeline-title">
    <h2 id="timeline-title">${t('timeline')}</h2>
    <form class="log-form" id="log-form" onSubmit=${log}>
      <select id="log-type" aria-label=${t('type')} value=${type} onChange=${e => setType(e.target.value)}>
        ${ACTIVITY_TYPES.map(a => html`<option value=${a}>${t(a)}</option>`)}
      </select>
      <input id="log-subject" placeholder=${t('subject')} aria-label=${t('subject')} value=${subject}
        onInput=${e => setSubject(e.target.value)} />
      <textarea id="log-body" placeholder=${t('body')} aria-label=${t('body')} rows="2" value=${body}
        onInput=${e => setBody(e.target.value)} />
      <input id="log-file" type="file" aria-label=${t('attach')} onChange=${e => setFile(e.target.files[0] || null)} />
      <button type="submit" class="primary" id="log-submit" disabled=${busy}>${t('logActivity')}</button>
      <${FieldErrors} errors=${errors} field="subject" />
      <${FormErrors} errors=${errors} shown=${['subject']} />
    </form>
    <ol class="timeline" id="timeline">
      ${deal.activities.edges.map(({ node: a }) => html`<li key=${a.id} class=${'activity ' + a.type} data-id=${a.id}>
        <div class="activity-head"><span class="badge">${t(a.type)}</span> <strong>${a.subject}</strong>${' '}
          <time>${dateTime(a.occurredAt)}</time>${' '}<span class="muted">${a.author?.name}</span></div>
        ${a.body && html`<p>${a.body}</p>`}
        ${a.attachments.map(f => html`<${FileLink} file=${f} />`)}
      </li>`)}
      ${deal.activities.edges.length === 0 && html`<li class="muted">${t('nothing')}</li>`}
    </ol>
  </section>`;
}

function FileLink({ file }) {
  async function open() {
    const fetched = await fetchFile(file.url).catch(e => { toast(t('errorGeneric', { message: e.message }), 'error'); return null; });
    if (!fetched) return;
    const a = document.createElement('a');
    a.href = fetched.url;
    a.download = file.name;
    a.click();
  }
  return html`<button class="link attachment" onClick=${open}>📎 ${file.name} (${number(file.size / 1024, 1)} KB)</button>`;
}

function Tasks({ deal, onChanged }) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(isoToday);
  const [errors, setErrors] = useState([]);
  const tasks = deal.tasks.edges.map(e => e.node)
    .sort((a, b) => (a.done - b.done) || (b.overdue - a.overdue) || a.dueAt.localeCompare(b.dueAt));

  async function add(event) {
    event.preventDefault();
    const dueAt = new Date((due || isoToday()) + 'T09:00').toISOString();
    const payload = await mutate(`mutation Task($input: CreateTaskInput!) { createTask(input: $input) { task { id } ${ERRORS} } }`,
      { input: { title, dueAt, opportunityId: deal.id } }).catch(e => ({ errors: [{ code: 'ERROR', message: e.message }] }));
    setErrors(payload.errors);
    if (!payload.errors.length) { setTitle(''); setDue(isoToday()); onChanged(); }
  }
  async function complete(task) {
    const name = task.done ? 'reopenTask' : 'completeTask';
    const payload = await mutate(`mutation Done($input: ${task.done ? 'ReopenTaskInput' : 'CompleteTaskInput'}!) {
      ${name}(input: $input) { task { id } ${ERRORS} } }`, { input: { id: task.id, expectedVersion: task.version } })
      .catch(e => ({ errors: [{ message: e.message }] }));
    if (payload.errors.length) toast(payload.errors[0].message, 'error');
    onChanged();
  }

  return html`<section class="panel" aria-labelledby="tasks-title">
    <h2 id="tasks-title">${t('tasks')}</h2>
    <ul class="tasks" id="tasks">
      ${tasks.map(task => html`<li key=${task.id} class=${task.overdue && !task.done ? 'overdue' : ''}>
        <label class="check"><input type="checkbox" checked=${task.done} onChange=${() => complete(task)} />
          <span class=${task.done ? 'done' : ''}>${task.title}</span></label>
        <small>${t('dueAt')} ${dateTime(task.dueAt)}${task.overdue && !task.done ? ' · ' + t('overdue') : ''}</small>
      </li>`)}
      ${tasks.length === 0 && html`<li class="muted">${t('nothing')}</li>`}
    </ul>
    <form class="task-form" onSubmit=${add}>
      <input id="task-title" placeholder=${t('title')} aria-label=${t('newTask')} value=${title} onInput=${e => setTitle(e.target.value)} />
      <input id="task-due" type="date" required aria-label=${t('dueAt')} value=${due} onInput=${e => setDue(e.target.value)} />
      <button type="submit">${t('add')}</button>
      <${FormErrors} errors=${errors} />
    </form>
  </section>`;
}

function People({ deal }) {
  return html`<section class="panel" aria-labelledby="people-title">
    <h2 id="people-title">${t('team')}</h2>
    <ul class="plain">
      <li><strong>${deal.owner.name}</strong> <small class="muted">${t('owner')}</small></li>
      ${deal.team.map(m => html`<li key=${m.user.id}>${m.user.name}${' '}<small class="muted">${m.role} · ${t('access_' + m.access)}</small></li>`)}
    </ul>
    <h3>${t('contacts')}</h3>
    <ul class="plain">
      ${deal.contacts.map(c => html`<li key=${c.contact.id}>${[c.contact.firstName, c.contact.lastName].filter(Boolean).join(' ')}${' '}
        <small class="muted">${c.role}</small>${c.contact.email && html`${' · '}<a href=${'mailto:' + c.contact.email}>${c.contact.email}</a>`}</li>`)}
      ${deal.contacts.length === 0 && html`<li class="muted">${t('nothing')}</li>`}
    </ul>
  </section>`;
}

function ScoreBox({ score }) {
  return html`<section class="panel" aria-labelledby="score-title" id="score">
    <h2 id="score-title">${t('score')} ${score && html`<span class="score-value">${number(score.value)}</span>`}</h2>
    ${score ? html`<table class="compact"><thead><tr><th>${t('criterion')}</th><th>${t('contribution')}</th></tr></thead>
      <tbody>${score.contributions.map(c => html`<tr title=${c.explanation || ''}>
        <td>${c.criterion}${c.value != null && html` <small class="muted">(${c.value})</small>`}</td>
        <td class="num">${number(c.points, 1)}</td></tr>`)}</tbody></table>` : html`<p class="muted">${t('nothing')}</p>`}
  </section>`;
}

function Competitors({ rows }) {
  return html`<section class="panel" aria-labelledby="competitors-title" id="competitors">
    <h2 id="competitors-title">${t('competitors')}</h2>
    <ul class="plain">
      ${rows.map(r => html`<li><strong>${r.competitor.name}</strong> <small class="muted">${[t(r.status),
        r.threatLevel && t('threat') + ' ' + t('threat_' + r.threatLevel), r.incumbent && t('incumbent'), r.price && money(r.price)]
        .filter(Boolean).join(' · ')}</small></li>`)}
      ${rows.length === 0 && html`<li class="muted">${t('nothing')}</li>`}
    </ul>
  </section>`;
}

function Quotes({ quotes }) {
  const [viewing, setViewing] = useState(null);
  async function open(quote) {
    try {
      const file = await fetchFile(quote.pdfUrl);
      if (file.type !== 'application/pdf') {
        // only a PDF is shown inside the page: another renderer's document (HTML, text) is downloaded instead
        const a = document.createElement('a');
        a.href = file.url;
        a.download = quote.number;
        a.click();
        return;
      }
      setViewing({ quote, ...file });
    } catch (e) {
      toast(t('errorGeneric', { message: e.message }), 'error');
    }
  }
  return html`<section class="panel" aria-labelledby="quotes-title" id="quotes">
    <h2 id="quotes-title">${t('quotes')}</h2>
    <ul class="plain">
      ${quotes.map(q => html`<li>${q.number}${q.revision > 1 ? '-' + q.revision : ''} <small class="muted">${
        [t(q.status), money(q.netTotal), date(q.validUntil)].join(' · ')}</small>${' '}
        <button class="link quote-pdf" data-number=${q.number} onClick=${() => open(q)}>${t('pdf')}</button></li>`)}
      ${quotes.length === 0 && html`<li class="muted">${t('nothing')}</li>`}
    </ul>
    ${viewing && html`<${Dialog} id="pdf-viewer" title=${viewing.quote.number} onClose=${() => { URL.revokeObjectURL(viewing.url); setViewing(null); }}>
      <iframe class="pdf" src=${viewing.url} title=${viewing.quote.number} data-type=${viewing.type} data-size=${viewing.size}></iframe>
      <div class="buttons"><a href=${viewing.url} download=${viewing.quote.number + '.pdf'}>${t('pdf')} ↓</a>
        <button onClick=${() => { URL.revokeObjectURL(viewing.url); setViewing(null); }}>${t('close')}</button></div>
    <//>`}
  </section>`;
}

function History({ deal }) {
  const rows = deal.history.edges.map(e => e.node);
  // Stage changes name the stages by ID: shown by name; close reasons come as {"a","b"}: shown as a list.
  const stageNames = Object.fromEntries(deal.pipeline.stages.map(s => [s.id, s.name]));
  const value = (field, v) => (v == null ? '–' : field === 'stage' || field === 'lostAtStage' ? stageNames[v] ?? v
    : field === 'status' || field === 'forecastCategory' ? t(v)
    : field === 'closeReasons' ? arrayItems(v).join(', ') || '–'
    : v);
  return html`<section class="panel" aria-labelledby="history-title">
    <h2 id="history-title">${t('history')}</h2>
    <table class="compact" id="history"><tbody>
      ${rows.map((r, i) => html`<tr key=${i}><td>${dateTime(r.changedAt)}</td><td>${fieldLabel(r.field)}</td>
        <td>${value(r.field, r.oldValue)} → ${value(r.field, r.newValue)}</td><td class="muted">${r.changedBy?.name || ''}</td></tr>`)}
    </tbody></table>
  </section>`;
}

/** The items of a PostgreSQL array literal as the history writes it: {"Price","Feature"} (or {Price,Feature}). */
function arrayItems(literal) {
  return [...literal.matchAll(/"((?:[^"\\]|\\.)*)"|([^,{}"]+)/g)]
    .map(m => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]));
}

function isoToday() {
  return isoDate(new Date());
}

/** The API's decimal ("138000.00") as the user's language writes it without grouping ("138000,00" in German). */
function localDecimal(value) {
  return currentLanguage() === 'de' ? String(value).replace('.', ',') : String(value);
}

/** An amount as typed in the user's language ("12.500,50" in German, "12,500.50" in English) as a decimal string. */
function decimal(text) {
  const raw = String(text).trim().replace(/\s/g, '');
  return currentLanguage() === 'de' ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(/,/g, '');
}
