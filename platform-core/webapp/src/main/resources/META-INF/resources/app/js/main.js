// The shell: sign-in, the header with navigation and the search box, and a hash router over the screens.
import { useEffect, useState } from 'preact/hooks';
import { html, render, toast, onToast, Dialog } from './ui.js';
import { gql, login, logout, signedIn, onSignInNeeded, keepToken } from './api.js';
import { providers, startSignIn, completeSignIn } from './oidc.js';
import { t, setLanguage, currentLanguage, languages } from './i18n.js';
import { Board } from './board.js';
import { OpportunityPage } from './opportunity.js';
import { SearchBox } from './search.js';
import { MyDay } from './myday.js';
import { Dashboards } from './dashboards.js';
import { AccountPage } from './account.js';
import { Leads } from './leads.js';

/**
 * Who is signed in and which parts of the API this server has: a plugin's screen appears only when its fields are
 * in the schema (competitors, quotes, forecast, win/loss).
 */
async function loadContext() {
  // Two requests: graphql-java's introspection guard allows __Type.fields once per document.
  const [data, opportunity] = await Promise.all([
    gql('{ me { id name email kind roles } __type(name: "Query") { fields { name } } }'),
    gql('{ __type(name: "Opportunity") { fields { name } } }'),
  ]);
  const queries = new Set((data.__type?.fields || []).map(f => f.name));
  const oppFields = new Set((opportunity.__type?.fields || []).map(f => f.name));
  return {
    me: data.me,
    has: {
      competitors: oppFields.has('competitors') && queries.has('competitors'),
      quotes: oppFields.has('quotes'),
      score: oppFields.has('score'),
      forecast: queries.has('forecast') && queries.has('forecastModels'),
      winLoss: queries.has('winLossAnalysis'),
      employee: data.me?.kind === 'EMPLOYEE',
    },
  };
}

function route() {
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  return { screen: parts[0] || 'board', id: parts[1], params: new URLSearchParams(query || '') };
}

const signInOptions = providers().catch(() => ({ password: true, oidc: null }));

function LoginForm({ onDone, message }) {
  const [oidc, setOidc] = useState(null);
  useEffect(() => { signInOptions.then(options => setOidc(options.oidc)); }, []);
  const [email, setEmail] = useState(sessionStorage.getItem('oc.email') || '');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    const ok = await login(email, password).catch(() => false).finally(() => setBusy(false));
    setFailed(!ok);
    if (ok) onDone();
  }
  return html`<form class="login" id="login-form" onSubmit=${submit}>
    ${message && html`<p class="notice">${message}</p>`}
    <label>${t('email')}<input id="login-email" type="email" autocomplete="username" required
      value=${email} onInput=${e => setEmail(e.target.value)} /></label>
    <label>${t('password')}<input id="login-password" type="password" autocomplete="current-password" required
      value=${password} onInput=${e => setPassword(e.target.value)} /></label>
    ${failed && html`<div class="form-error" role="alert">${t('signInFailed')}</div>`}
    <button type="submit" class="primary" disabled=${busy}>${t('signIn')}</button>
    ${oidc && html`<div class="or">${t('or')}</div>
      <button type="button" id="sign-in-oidc" onClick=${() => startSignIn(oidc).catch(e => toast(t('errorGeneric', { message: e.message }), 'error'))}>
        ${t('signInWith', { name: oidc.name })}</button>`}
  </form>`;
}

function Toasts() {
  const [current, setCurrent] = useState(null);
  useEffect(() => onToast(next => {
    setCurrent(next);
    setTimeout(() => setCurrent(c => (c === next ? null : c)), next.kind === 'error' ? 8000 : 4000);
  }), []);
  return html`<div class="toasts" role="status" aria-live="polite">
    ${current && html`<div class=${'toast ' + current.kind} id="toast" role=${current.kind === 'error' ? 'alert' : null}>
      ${current.message}</div>`}
  </div>`;
}

function App() {
  const [context, setContext] = useState(null);
  const [where, setWhere] = useState(route());
  const [reauth, setReauth] = useState(null); // the pending "sign in again" of an expired session
  const [starting, setStarting] = useState(true);
  const [, setLang] = useState(currentLanguage());

  useEffect(() => {
    const onHash = () => setWhere(route());
    window.addEventListener('hashchange', onHash);
    onSignInNeeded(() => new Promise(resolve => setReauth(() => resolve)));
    const failed = e => toast(t('errorGeneric', { message: e.message }), 'error');
    completeSignIn()
      .then(token => { if (token) keepToken(token); })
      .catch(failed)
      .then(() => { if (signedIn()) return loadContext().then(setContext); return null; })
      .catch(failed)
      .finally(() => setStarting(false));
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const expired = reauth && html`<${Dialog} title=${t('signIn')} id="reauth" onClose=${() => {}}>
    <${LoginForm} message=${t('sessionExpired')} onDone=${() => { const done = reauth; setReauth(null); done(); }} />
  <//>`;

  if (!context) {
    if (starting && !reauth) return html`<p class="loading">${t('loading')}</p><${Toasts} />`;
    return html`<main class="login-page"><h1>OpenChance</h1>
      ${!reauth && html`<${LoginForm} onDone=${() => loadContext().then(setContext)
        .catch(e => toast(t('errorGeneric', { message: e.message }), 'error'))} />`}${expired}<${Toasts} /></main>`;
  }

  const screens = {
    board: () => html`<${Board} context=${context} params=${where.params} />`,
    opportunity: () => html`<${OpportunityPage} key=${where.id} id=${where.id} context=${context} />`,
    day: () => html`<${MyDay} context=${context} />`,
    account: () => html`<${AccountPage} key=${where.id} id=${where.id} />`,
    leads: () => html`<${Leads} />`,
    dashboards: () => html`<${Dashboards} context=${context} />`,
  };
  const screen = (screens[where.screen] || screens.board)();
  const nav = (name, label) => html`<a href=${'#/' + name} aria-current=${where.screen === name ? 'page' : null}>${label}</a>`;

  return html`<div class="shell">
    <header class="top">
      <a class="brand" href="#/board">OpenChance</a>
      <nav aria-label=${t('mainNav')}>
        ${nav('board', t('board'))}
        ${nav('day', t('myDay'))}
        ${context.has.employee && nav('leads', t('leads'))}
        ${context.has.employee && nav('dashboards', t('dashboards'))}
      </nav>
      <${SearchBox} />
      <label class="lang">${t('language')}
        <select id="language" value=${currentLanguage()} onChange=${e => { setLanguage(e.target.value); setLang(e.target.value); }}>
          ${languages.map(l => html`<option value=${l}>${l.toUpperCase()}</option>`)}
        </select>
      </label>
      <span class="who" id="who">${context.me?.name}</span>
      <button id="sign-out" onClick=${async () => { await logout(); location.hash = ''; location.reload(); }}>${t('signOut')}</button>
    </header>
    <main id="main">${screen}</main>
    ${expired}
    <${Toasts} />
  </div>`;
}

// The last net: an error no screen handled still says something instead of failing silently.
window.addEventListener('unhandledrejection', event => {
  toast(t('errorGeneric', { message: event.reason?.message || String(event.reason) }), 'error');
});

const root = document.getElementById('app');
root.textContent = ''; // the page's "loading" line
render(html`<${App} />`, root);
