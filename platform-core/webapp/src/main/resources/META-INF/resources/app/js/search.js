// The global search box: results while typing (search with highlights), grouped by type, facet buttons to narrow
// to one type, arrow keys to choose, Enter to open. "/" or Ctrl+K focuses it from anywhere.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, Highlight, navigate } from './ui.js';
import { gql } from './api.js';
import { t, money } from './i18n.js';

const QUERY = `query Search($query: String!, $types: [SearchType!], $filter: SearchFilter) {
  search(query: $query, types: $types, filter: $filter, first: 12) {
    totalCount
    facets { types { value count } statuses { value count } owners { value label count } }
    edges {
      highlights { field fragment }
      node {
        __typename
        ... on Opportunity { id name status dealAccount: account { name } amount { amount currency } }
        ... on Account { id name industry }
        ... on Contact { id firstName lastName account { id name } }
        ... on Activity { id type subject opportunity { id name } activityAccount: account { id } }
      }
    }
  }
}`; // (aliases: account is non-null on some of the union's types and nullable on others)

const TYPE_OF = { Opportunity: 'OPPORTUNITY', Account: 'ACCOUNT', Contact: 'CONTACT', Activity: 'ACTIVITY' };

/** Where a result leads: a deal opens its page; the others open the deal or account they belong to. */
function target(node) {
  switch (node.__typename) {
    case 'Opportunity': return '#/opportunity/' + node.id;
    case 'Activity': return node.opportunity ? '#/opportunity/' + node.opportunity.id : '#/account/' + node.activityAccount.id;
    case 'Contact': return node.account ? '#/account/' + node.account.id : null;
    default: return '#/account/' + node.id;
  }
}

function title(node) {
  switch (node.__typename) {
    case 'Opportunity': return node.name;
    case 'Contact': return [node.firstName, node.lastName].filter(Boolean).join(' ');
    case 'Activity': return node.subject;
    default: return node.name;
  }
}

function detail(node) {
  switch (node.__typename) {
    case 'Opportunity': return [node.dealAccount.name, money(node.amount, true), t(node.status)].join(' · ');
    case 'Contact': return node.account?.name || '';
    case 'Activity': return t(node.type) + (node.opportunity ? ' · ' + node.opportunity.name : '');
    default: return node.industry || '';
  }
}

export function SearchBox() {
  const [text, setText] = useState('');
  const [type, setType] = useState(null);
  const [status, setStatus] = useState(null); // narrows deals to one status (a facet of the answer)
  const [owner, setOwner] = useState(null);
  const [result, setResult] = useState(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef();
  const sequence = useRef(0);

  useEffect(() => {
    const onKey = e => {
      const typing = /INPUT|TEXTAREA|SELECT/.test(document.activeElement?.tagName);
      if ((e.key === '/' && !typing) || (e.key === 'k' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        input.current.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) { ++sequence.current; setResult(null); return undefined; }
    const id = ++sequence.current;
    const timer = setTimeout(async () => {
      const started = performance.now();
      try {
        const filter = status || owner ? { statuses: status ? [status] : null, ownerIds: owner ? [owner] : null } : null;
        const data = await gql(QUERY, { query, types: type ? [type] : null, filter });
        if (id !== sequence.current) return;
        setResult(data.search);
        setActive(0);
        // Request-to-painted-results time, read by the browser test (search-as-you-type at p95).
        requestAnimationFrame(() => performance.measure('search', { start: started, end: performance.now() }));
      } catch (e) {
        if (id === sequence.current) setResult({ error: e.message, edges: [], facets: { types: [], statuses: [], owners: [] } });
      }
    }, 120);
    return () => clearTimeout(timer);
  }, [text, type, status, owner]);

  const edges = result?.edges || [];
  const go = node => {
    const where = target(node);
    if (!where) return;
    setOpen(false);
    input.current.blur();
    navigate(where);
  };
  const onKeyDown = e => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive(i => Math.min(i + 1, edges.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(i => Math.max(i - 1, 0)); }
    else if (e.key === 'Enter' && edges[active]) { e.preventDefault(); go(edges[active].node); }
    else if (e.key === 'Escape') { setOpen(false); input.current.blur(); }
  };

  const groups = [];
  edges.forEach((edge, index) => {
    const kind = TYPE_OF[edge.node.__typename];
    let group = groups.find(g => g.kind === kind);
    if (!group) groups.push(group = { kind, items: [] });
    group.items.push({ edge, index });
  });

  return html`<div class="search" role="search">
    <input id="search" ref=${input} type="search" placeholder=${t('searchPlaceholder')} aria-label=${t('searchPlaceholder')}
      autocomplete="off" role="combobox" aria-expanded=${open && !!result} aria-controls="search-results"
      aria-activedescendant=${edges[active] ? 'result-' + active : null}
      value=${text} onInput=${e => { setText(e.target.value); setOpen(true); }} onFocus=${() => setOpen(true)}
      onBlur=${() => setTimeout(() => setOpen(false), 200)} onKeyDown=${onKeyDown} />
    ${open && result && html`<div class="search-results" id="search-results">
      <${Facets} id="facet-types" label=${t('types')} buckets=${result.facets.types} chosen=${type} onChoose=${setType}
        name=${b => t(b.value)} />
      <${Facets} id="facet-statuses" label=${t('statuses')} buckets=${result.facets.statuses} chosen=${status}
        onChoose=${setStatus} name=${b => t(b.value)} />
      <${Facets} id="facet-owners" label=${t('owner')} buckets=${result.facets.owners.slice(0, 6)} chosen=${owner}
        onChoose=${setOwner} name=${b => b.label || b.value} />
      <ul role="listbox" aria-label=${t('results')}>
        ${groups.map(g => html`<li role="presentation" class="group"><span class="group-title">${t(g.kind)}</span>
          <ul role="group">${g.items.map(({ edge, index }) => html`<li role="option" id=${'result-' + index}
            class=${'result' + (index === active ? ' active' : '')} aria-selected=${index === active}
            data-type=${edge.node.__typename} onMouseDown=${e => e.preventDefault()} onClick=${() => go(edge.node)}>
            <div class="result-title">${title(edge.node)}</div>
            <div class="result-detail">${detail(edge.node)}</div>
            ${edge.highlights.slice(0, 1).map(hl => html`<div class="result-highlight"><${Highlight} fragment=${hl.fragment} /></div>`)}
          </li>`)}</ul></li>`)}
        ${edges.length === 0 && html`<li class="muted">${result.error || t('noResults')}</li>`}
      </ul>
    </div>`}
  </div>`;
}

/** One facet of the answer as toggle buttons with their counts; the chosen bucket narrows the search. */
function Facets({ id, label, buckets, chosen, onChoose, name }) {
  if (!buckets.length && !chosen) return null;
  return html`<div class="facets" role="group" aria-label=${label} id=${id}>
    <span class="facet-label">${label}</span>
    ${buckets.map(b => html`<button type="button" class="facet" aria-pressed=${chosen === b.value} data-value=${b.value}
      onMouseDown=${e => e.preventDefault()} onClick=${() => onChoose(chosen === b.value ? null : b.value)}>
      ${name(b)} <span class="count">${b.count}</span></button>`)}
  </div>`;
}
