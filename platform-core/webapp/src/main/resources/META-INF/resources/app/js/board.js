// The pipeline board: a column per open stage with count, total and weighted total (pipelineSummary, with the same
// filters as the cards), cards dragged between columns (moveOpportunityStage with the card's version), and Won/Lost
// drop zones that open the close dialog.
import { useEffect, useRef, useState } from 'preact/hooks';
import Sortable from 'sortablejs';
import { html, toast, navigate, Dialog } from './ui.js';
import { gql, mutate } from './api.js';
import { t, money, date, number } from './i18n.js';
import { CloseDialog, PIPELINE_FIELDS } from './close.js';
import { stageRefusal } from './fields.js';

const PAGE = 100;
const MAX_CARDS_PER_STAGE = 1000;

const cardFields = has => `id name version stalled expectedCloseDate
  account { id name } owner { id name } stage { id } amount { amount currency }
  ${has.score ? 'score { value }' : ''}`;

function boardQuery(has) {
  return `query BoardPage($filter: OpportunityFilter, $after: String) {
    opportunities(first: ${PAGE}, after: $after, filter: $filter, orderBy: [{ field: CLOSE_DATE }]) {
      pageInfo { hasNextPage endCursor }
      edges { node { ${cardFields(has)} } }
    }
  }`;
}

const SUMMARY = `query BoardSummary($pipelineId: ID, $owners: [ID!], $from: Date, $to: Date) {
  pipelineSummary(pipelineId: $pipelineId, ownerIds: $owners, closeDateFrom: $from, closeDateTo: $to) {
    stage { id } count amount { amount currency } weightedAmount { amount currency }
  }
}`;

const SETUP = employee => `{
  pipelines { ${PIPELINE_FIELDS} }
  ${employee ? 'users(first: 100, filter: { kind: EMPLOYEE, active: true }) { edges { node { id name manager { id } } } }' : ''}
}`;

function ownersFor(scope, owner, me, users) {
  if (owner) return [owner];
  if (scope === 'mine') return [me.id];
  if (scope === 'team') return [me.id, ...users.filter(u => u.manager?.id === me.id).map(u => u.id)];
  return null;
}

export function Board({ context }) {
  const { me, has } = context;
  const [setup, setSetup] = useState(null);
  const [pipelineId, setPipelineId] = useState(null);
  const [scope, setScope] = useState('everyone');
  const [owner, setOwner] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cards, setCards] = useState(null);
  const [summary, setSummary] = useState({});
  const [closing, setClosing] = useState(null);
  const [refusal, setRefusal] = useState(null);
  const [choosing, setChoosing] = useState(null); // the card whose move menu is open (keyboard and touch)
  const [failed, setFailed] = useState(null);
  const loadId = useRef(0);

  useEffect(() => {
    gql(SETUP(has.employee)).then(data => {
      const users = (data.users?.edges || []).map(e => e.node);
      setSetup({ pipelines: data.pipelines, users });
      setPipelineId((data.pipelines.find(p => p.isDefault) || data.pipelines[0])?.id);
    }).catch(e => setFailed(e.message));
  }, []);

  const pipeline = setup?.pipelines.find(p => p.id === pipelineId);
  const openStages = pipeline ? pipeline.stages.filter(s => !s.isClosed).sort((a, b) => a.position - b.position) : [];
  const owners = setup ? ownersFor(scope, owner, me, setup.users) : null;

  async function loadSummary(id = loadId.current) {
    const data = await gql(SUMMARY, { pipelineId, owners, from: from || null, to: to || null });
    if (id === loadId.current) setSummary(Object.fromEntries(data.pipelineSummary.map(s => [s.stage.id, s])));
  }

  /** One stage's cards, page after page (a request per stage, all stages at once). */
  async function loadStage(stage, id) {
    const filter = {
      status: 'OPEN', stageIds: [stage.id], ownerIds: owners, closeDateFrom: from || null, closeDateTo: to || null,
    };
    const loaded = [];
    let after = null;
    do {
      const page = (await gql(boardQuery(has), { filter, after })).opportunities;
      loaded.push(...page.edges.map(e => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after && loaded.length < MAX_CARDS_PER_STAGE && id === loadId.current);
    return loaded;
  }

  async function load() {
    const id = ++loadId.current;
    performance.clearMarks('board-start');
    performance.mark('board-start');
    const summaryLoaded = loadSummary(id);
    const loaded = (await Promise.all(openStages.map(stage => loadStage(stage, id)))).flat();
    await summaryLoaded;
    if (id !== loadId.current) return;
    performance.clearMeasures('board-data');
    performance.measure('board-data', 'board-start');
    setCards(loaded);
    // How long the board took from the first request to the painted cards (read by the browser test).
    requestAnimationFrame(() => setTimeout(() => {
      performance.clearMeasures('board');
      performance.measure('board', 'board-start');
    }));
  }

  useEffect(() => {
    if (pipeline) load().catch(e => setFailed(e.message));
  }, [pipelineId, scope, owner, from, to, setup]);

  async function move(card, stage) {
    if (stage.isClosed) {
      setClosing({ card, outcome: stage.isWon ? 'WON' : 'LOST' });
      return;
    }
    const payload = await mutate(`mutation Move($input: MoveOpportunityStageInput!) {
      moveOpportunityStage(input: $input) { opportunity { ${cardFields(has)} } errors { code message field } }
    }`, { input: { id: card.id, expectedVersion: card.version, stageId: stage.id } });
    if (payload.errors.length) {
      const codes = payload.errors.map(e => e.code);
      if (codes.includes('VERSION_CONFLICT')) {
        toast(t('conflict'), 'error');
        await load();
      } else if (codes.every(c => c === 'VALIDATION')) {
        setRefusal(stageRefusal(card, stage, payload.errors)); // the stage's rules: fields still missing
      } else {
        toast(codes.includes('FORBIDDEN') ? t('readOnly') : payload.errors.map(e => e.message).join(' '), 'error');
      }
      return;
    }
    setRefusal(null);
    setCards(cs => cs.map(c => (c.id === card.id ? payload.opportunity : c)));
    toast(t('moved', { stage: stage.name }));
    loadSummary().catch(e => toast(e.message, 'error'));
  }

  function closed(card) {
    setClosing(null);
    setCards(cs => cs.filter(c => c.id !== card.id));
    loadSummary().catch(e => toast(e.message, 'error'));
  }

  if (failed) return html`<p class="notice" role="alert">${t('errorGeneric', { message: failed })}</p>`;
  if (!setup || !pipeline) return html`<p class="loading">${t('loading')}</p>`;
  const allStages = [...pipeline.stages].sort((a, b) => a.position - b.position);
  const stageById = Object.fromEntries(pipeline.stages.map(s => [s.id, s]));
  const won = pipeline.stages.find(s => s.isClosed && s.isWon);
  const lost = pipeline.stages.find(s => s.isClosed && !s.isWon);
  const onDrop = (cardId, stageId) => {
    const card = cards.find(c => c.id === cardId);
    if (card && card.stage.id !== stageId) move(card, stageById[stageId]).catch(e => toast(e.message, 'error'));
  };

  return html`<section class="board-screen" aria-label=${t('board')}>
    <form class="filters" onSubmit=${e => e.preventDefault()}>
      <label>${t('pipeline')}
        <select id="filter-pipeline" value=${pipelineId} onChange=${e => setPipelineId(e.target.value)}>
          ${setup.pipelines.map(p => html`<option value=${p.id}>${p.name}</option>`)}
        </select></label>
      <div class="scope" role="group" aria-label=${t('owner')}>
        ${['mine', 'team', 'everyone'].filter(s => has.employee || s === 'mine' || s === 'everyone').map(s => html`
          <button type="button" id=${'scope-' + s} aria-pressed=${scope === s && !owner}
            onClick=${() => { setScope(s); setOwner(''); }}>${t(s === 'team' ? 'myTeam' : s)}</button>`)}
      </div>
      ${has.employee && html`<label>${t('owner')}
        <select id="filter-owner" value=${owner} onChange=${e => setOwner(e.target.value)}>
          <option value="">—</option>
          ${setup.users.map(u => html`<option value=${u.id}>${u.name}</option>`)}
        </select></label>`}
      <label>${t('closeFrom')}<input type="date" id="filter-from" value=${from} onChange=${e => setFrom(e.target.value)} /></label>
      <label>${t('closeTo')}<input type="date" id="filter-to" value=${to} onChange=${e => setTo(e.target.value)} /></label>
    </form>
    ${refusal && html`<div class="refusal" role="alert" id="refusal">
      ${t('refused', { stage: refusal.stage, fields: refusal.fields.join(', ') })}
      <a href=${'#/opportunity/' + refusal.card.id}>${refusal.card.name}</a>
      <button class="link" onClick=${() => setRefusal(null)} aria-label=${t('close')}>×</button></div>`}
    ${!cards ? html`<p class="loading">${t('loading')}</p>` : html`<div class="board" id="board">
      ${openStages.map(stage => html`<${Column} key=${stage.id} stage=${stage} summary=${summary[stage.id]}
        cards=${cards.filter(c => c.stage.id === stage.id)} onDrop=${onDrop}
        onChoose=${setChoosing} has=${has} />`)}
      <div class="close-zones">
        ${[won, lost].filter(Boolean).map(stage => html`<${DropZone} key=${stage.id} stage=${stage} onDrop=${onDrop} />`)}
      </div>
    </div>`}
    ${choosing && html`<${MoveDialog} card=${choosing} stages=${allStages}
      onChoose=${stage => { setChoosing(null); move(choosing, stage).catch(e => toast(e.message, 'error')); }}
      onCancel=${() => setChoosing(null)} />`}
    ${closing && html`<${CloseDialog} card=${closing.card} outcome=${closing.outcome} pipeline=${pipeline} has=${has}
      onCancel=${() => setClosing(null)} onClosed=${closed} onConflict=${() => { setClosing(null); load().catch(e => setFailed(e.message)); }} />`}
  </section>`;
}

/** Makes a list a SortableJS drop target; the DOM move is undone at once, the state change re-renders the card. */
function useSortable(ref, stageId, onDrop, accepts) {
  const latest = useRef(onDrop);
  latest.current = onDrop;
  useEffect(() => {
    const sortable = Sortable.create(ref.current, {
      group: { name: 'deals', pull: accepts ? true : false, put: true },
      sort: false,
      // Pointer events instead of HTML5 drag and drop: the same on touch screens, and real for a WebDriver.
      forceFallback: true,
      fallbackTolerance: 3,
      draggable: '.card',
      filter: 'select, a, button',
      preventOnFilter: false,
      onEnd: event => {
        if (event.from === event.to) return;
        event.from.insertBefore(event.item, event.from.children[event.oldIndex] || null);
        latest.current(event.item.dataset.id, event.to.dataset.stage);
      },
    });
    return () => sortable.destroy();
  }, [stageId]);
}

function Column({ stage, summary, cards, onDrop, onChoose, has }) {
  const ref = useRef();
  useSortable(ref, stage.id, onDrop, true);
  return html`<section class="column" aria-label=${stage.name} data-stage-column=${stage.id}>
    <header>
      <h2>${stage.name}</h2>
      <dl class="totals">
        <div><dt>${t('deals')}</dt><dd class="count">${number(summary?.count ?? 0)}</dd></div>
        <div><dt>${t('total')}</dt><dd class="amount">${money(summary?.amount, true)}</dd></div>
        <div><dt>${t('weighted')}</dt><dd class="weighted">${money(summary?.weightedAmount, true)}</dd></div>
      </dl>
    </header>
    <ol class="cards" ref=${ref} data-stage=${stage.id}>
      ${cards.map(card => html`<${Card} key=${card.id} card=${card} onChoose=${onChoose} has=${has} />`)}
    </ol>
  </section>`;
}

function DropZone({ stage, onDrop }) {
  const ref = useRef();
  useSortable(ref, stage.id, onDrop, false);
  return html`<div class=${'drop-zone ' + (stage.isWon ? 'won' : 'lost')}>
    <strong>${stage.isWon ? t('won') : t('lost')}</strong><span>${t('dropToClose')}</span>
    <ol class="cards" ref=${ref} data-stage=${stage.id} id=${'drop-' + (stage.isWon ? 'won' : 'lost')}></ol>
  </div>`;
}

function Card({ card, onChoose, has }) {
  return html`<li class="card" data-id=${card.id} tabindex="0"
      onKeyDown=${e => { if (e.key === 'Enter' && e.target === e.currentTarget) navigate('#/opportunity/' + card.id); }}>
    <a class="card-name" href=${'#/opportunity/' + card.id}>${card.name}</a>
    <div class="card-account">${card.account.name}</div>
    <div class="card-facts">
      <span class="card-amount">${money(card.amount, true)}</span>
      <span class="card-date">${date(card.expectedCloseDate)}</span>
    </div>
    <div class="card-facts">
      <span class="card-owner">${card.owner.name}</span>
      ${has.score && card.score && html`<span class="card-score" title=${t('score')}>${number(card.score.value)}</span>`}
      ${card.stalled && html`<span class="badge stalled">${t('stalled')}</span>`}
    </div>
    <button type="button" class="card-move" aria-label=${t('moveTo') + ' ' + card.name}
      onClick=${() => onChoose(card)}>⋯</button>
  </li>`;
}


/** Moving a card without dragging: every stage of the pipeline as a button (Won and Lost open the close dialog). */
function MoveDialog({ card, stages, onChoose, onCancel }) {
  return html`<${Dialog} id="move-dialog" title=${t('moveTo') + ' ' + card.name} onClose=${onCancel}>
    <div class="move-choices">
      ${stages.map(s => html`<button type="button" disabled=${s.id === card.stage.id}
        class=${s.isClosed ? (s.isWon ? 'won' : 'lost') : ''} onClick=${() => onChoose(s)}>${s.name}</button>`)}
    </div>
    <div class="buttons"><button type="button" onClick=${onCancel}>${t('cancel')}</button></div>
  <//>`;
}
