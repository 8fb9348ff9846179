// German and English texts, and locale formats for dates, numbers and money. The language follows the browser
// until the user picks one (kept in localStorage).

const TEXTS = {
  en: {
    appName: 'OpenChance',
    signIn: 'Sign in', signOut: 'Sign out', email: 'E-mail', password: 'Password',
    signInFailed: 'Wrong e-mail or password (or too many tries: wait a moment).',
    sessionExpired: 'Your session has ended. Sign in again: nothing you typed is lost.',
    board: 'Pipeline', myDay: 'My day', dashboards: 'Dashboards', searchPlaceholder: 'Search (press /)',
    language: 'Language', pipeline: 'Pipeline', owner: 'Owner', mine: 'Mine', myTeam: 'My team', everyone: 'Everyone',
    closeFrom: 'Close from', closeTo: 'Close to', deals: 'deals', total: 'Total', weighted: 'Weighted',
    stalled: 'Stalled', score: 'Score', won: 'Won', lost: 'Lost', dropToClose: 'Drop here to close',
    moveTo: 'Move to…', moved: 'Moved to {stage}.', refused: 'Cannot enter {stage}: first fill in {fields}.',
    conflict: 'Someone else changed this deal in the meantime. It has been reloaded.',
    closeAs: 'Close as {outcome}', reasons: 'Reasons', winningCompetitor: 'Winning competitor', note: 'Note',
    noneChosen: '— none —', noDecision: 'No decision', unknown: 'Unknown', cancel: 'Cancel', save: 'Save',
    close: 'Close', closedAs: 'Closed as {outcome}.', loading: 'Loading…', nothing: 'Nothing here.',
    account: 'Account', amount: 'Amount', budget: 'Budget', probability: 'Probability', closeDate: 'Expected close',
    description: 'Description', name: 'Name', stage: 'Stage', status: 'Status', team: 'Team', contacts: 'Contacts',
    timeline: 'Timeline', tasks: 'Tasks', competitors: 'Competitors', quotes: 'Quotes', history: 'History',
    requires: 'requires', logActivity: 'Log', subject: 'Subject', body: 'Details', type: 'Type', attach: 'Attach a file',
    dueAt: 'Due', overdue: 'overdue', done: 'Done', newTask: 'New task', title: 'Title', add: 'Add',
    saved: 'Saved.', edit: 'Edit', pdf: 'PDF', version: 'Version', changedBy: 'by', threat: 'threat', incumbent: 'incumbent',
    results: 'Results', noResults: 'No results.', types: 'Type', stages: 'Stage', statuses: 'Status', industries: 'Industry',
    overdueTasks: 'Tasks due', stalledDeals: 'My stalled deals', closingThisMonth: 'Closing this month',
    forecast: 'Forecast', winLoss: 'Win/loss', byStage: 'Pipeline by stage', model: 'Model', period: 'Period',
    closedWon: 'Closed won', commit: 'Commit', bestCase: 'Best case', expected: 'Expected', quota: 'Quota',
    band: 'P10–P90', groupBy: 'By', reason: 'Reason', competitor: 'Competitor', wins: 'Won', losses: 'Lost',
    winRate: 'Win rate', interval: '95 % interval', tooFew: 'too few deals', averageDiscount: 'Avg. discount', asTable: 'As a table', count: 'Count',
    unavailable: 'Not available', open: 'Open', score_: 'Score', contribution: 'Contribution', criterion: 'Criterion',
    CALL: 'Call', MEETING: 'Meeting', EMAIL: 'E-mail', NOTE: 'Note', MATERIAL: 'Material', PRESENTATION: 'Presentation',
    MILESTONE: 'Milestone', OPEN: 'Open', WON: 'Won', LOST: 'Lost',
    OPPORTUNITY: 'Opportunities', ACCOUNT: 'Accounts', CONTACT: 'Contacts', ACTIVITY: 'Activities',
    IN_PLAY: 'in play', ELIMINATED: 'eliminated', DRAFT: 'Draft', SENT: 'Sent', ACCEPTED: 'Accepted',
    REJECTED: 'Rejected', EXPIRED: 'Expired', SUPERSEDED: 'Superseded',
    errorGeneric: 'Something went wrong: {message}', notFound: 'Not found (or not visible to you).',
    readOnly: 'You may read this deal but not change it.', uploadFailed: 'The upload failed: {message}',
    or: 'or', signInWith: 'Sign in with {name}', currency: 'Currency', mainNav: 'Main',
    access_READ: 'reads', access_EDIT: 'edits', threat_LOW: 'low', threat_MEDIUM: 'medium', threat_HIGH: 'high',
    PIPELINE: 'Pipeline', BEST_CASE: 'Best case', COMMIT: 'Commit', CLOSED: 'Closed', OMITTED: 'Omitted',
    noModels: 'No forecast model is installed.',
    employees: 'employees', leads: 'Leads', qualify: 'Qualify', disqualify: 'Disqualify', qualified: 'Qualified: the deal is open.',
    source: 'Source', created: 'Created', lead_NEW: 'New', lead_WORKING: 'Working', lead_QUALIFIED: 'Qualified',
    lead_DISQUALIFIED: 'Disqualified',
  },
  de: {
    appName: 'OpenChance',
    signIn: 'Anmelden', signOut: 'Abmelden', email: 'E-Mail', password: 'Passwort',
    signInFailed: 'E-Mail oder Passwort falsch (oder zu viele Versuche: bitte kurz warten).',
    sessionExpired: 'Ihre Sitzung ist abgelaufen. Bitte neu anmelden: Ihre Eingaben bleiben erhalten.',
    board: 'Pipeline', myDay: 'Mein Tag', dashboards: 'Auswertungen', searchPlaceholder: 'Suchen (Taste /)',
    language: 'Sprache', pipeline: 'Pipeline', owner: 'Verantwortlich', mine: 'Meine', myTeam: 'Mein Team',
    everyone: 'Alle', closeFrom: 'Abschluss ab', closeTo: 'Abschluss bis', deals: 'Chancen', total: 'Summe',
    weighted: 'Gewichtet', stalled: 'Stockt', score: 'Score', won: 'Gewonnen', lost: 'Verloren',
    dropToClose: 'Hierher ziehen zum Abschließen', moveTo: 'Verschieben nach…', moved: 'Nach {stage} verschoben.',
    refused: '{stage} verlangt zuerst: {fields}.',
    conflict: 'Jemand anderes hat diese Chance inzwischen geändert. Sie wurde neu geladen.',
    closeAs: 'Abschließen als {outcome}', reasons: 'Gründe', winningCompetitor: 'Gewinnender Wettbewerber',
    note: 'Notiz', noneChosen: '— keiner —', noDecision: 'Keine Entscheidung', unknown: 'Unbekannt',
    cancel: 'Abbrechen', save: 'Speichern', close: 'Schließen', closedAs: 'Abgeschlossen als {outcome}.',
    loading: 'Lädt…', nothing: 'Nichts vorhanden.', account: 'Firma', amount: 'Betrag', budget: 'Budget',
    probability: 'Wahrscheinlichkeit', closeDate: 'Erwarteter Abschluss', description: 'Beschreibung', name: 'Name',
    stage: 'Phase', status: 'Status', team: 'Team', contacts: 'Kontakte', timeline: 'Verlauf', tasks: 'Aufgaben',
    competitors: 'Wettbewerber', quotes: 'Angebote', history: 'Änderungen', requires: 'verlangt',
    logActivity: 'Erfassen', subject: 'Betreff', body: 'Details', type: 'Art', attach: 'Datei anhängen',
    dueAt: 'Fällig', overdue: 'überfällig', done: 'Erledigt', newTask: 'Neue Aufgabe', title: 'Titel',
    add: 'Hinzufügen', saved: 'Gespeichert.', edit: 'Bearbeiten', pdf: 'PDF', version: 'Version', changedBy: 'von',
    threat: 'Bedrohung', incumbent: 'Bestandslieferant', results: 'Ergebnisse', noResults: 'Keine Treffer.',
    types: 'Art', stages: 'Phase', statuses: 'Status', industries: 'Branche', overdueTasks: 'Fällige Aufgaben',
    stalledDeals: 'Meine stockenden Chancen', closingThisMonth: 'Abschluss diesen Monat', forecast: 'Prognose',
    winLoss: 'Gewinn/Verlust', byStage: 'Pipeline nach Phase', model: 'Modell', period: 'Zeitraum',
    closedWon: 'Gewonnen', commit: 'Commit', bestCase: 'Best Case', expected: 'Erwartet', quota: 'Quote',
    band: 'P10–P90', groupBy: 'Nach', reason: 'Grund', competitor: 'Wettbewerber', wins: 'Gewonnen',
    losses: 'Verloren', winRate: 'Gewinnquote', interval: '95-%-Intervall', tooFew: 'zu wenige Chancen', averageDiscount: 'Ø Rabatt',
    asTable: 'Als Tabelle', count: 'Anzahl', unavailable: 'Nicht verfügbar', open: 'Offen', score_: 'Score',
    contribution: 'Beitrag', criterion: 'Kriterium',
    CALL: 'Anruf', MEETING: 'Termin', EMAIL: 'E-Mail', NOTE: 'Notiz', MATERIAL: 'Material',
    PRESENTATION: 'Präsentation', MILESTONE: 'Meilenstein', OPEN: 'Offen', WON: 'Gewonnen', LOST: 'Verloren',
    OPPORTUNITY: 'Chancen', ACCOUNT: 'Firmen', CONTACT: 'Kontakte', ACTIVITY: 'Aktivitäten',
    IN_PLAY: 'im Rennen', ELIMINATED: 'ausgeschieden', DRAFT: 'Entwurf', SENT: 'Versendet', ACCEPTED: 'Angenommen',
    REJECTED: 'Abgelehnt', EXPIRED: 'Abgelaufen', SUPERSEDED: 'Ersetzt',
    errorGeneric: 'Etwas ist schiefgegangen: {message}', notFound: 'Nicht gefunden (oder für Sie nicht sichtbar).',
    readOnly: 'Sie dürfen diese Chance lesen, aber nicht ändern.', uploadFailed: 'Hochladen fehlgeschlagen: {message}',
    or: 'oder', signInWith: 'Anmelden mit {name}', currency: 'Währung', mainNav: 'Hauptnavigation',
    access_READ: 'liest', access_EDIT: 'bearbeitet', threat_LOW: 'gering', threat_MEDIUM: 'mittel', threat_HIGH: 'hoch',
    PIPELINE: 'Pipeline', BEST_CASE: 'Best Case', COMMIT: 'Commit', CLOSED: 'Abgeschlossen', OMITTED: 'Ausgelassen',
    noModels: 'Kein Prognosemodell installiert.',
    employees: 'Mitarbeitende', leads: 'Leads', qualify: 'Qualifizieren', disqualify: 'Verwerfen',
    qualified: 'Qualifiziert: die Chance ist angelegt.', source: 'Quelle', created: 'Angelegt', lead_NEW: 'Neu',
    lead_WORKING: 'In Bearbeitung', lead_QUALIFIED: 'Qualifiziert', lead_DISQUALIFIED: 'Verworfen',
  },
};

function initialLanguage() {
  const chosen = localStorage.getItem('oc.lang');
  if (chosen && TEXTS[chosen]) return chosen;
  return (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
}

let language = initialLanguage();
document.documentElement.lang = language;

export const languages = Object.keys(TEXTS);

export function currentLanguage() {
  return language;
}

/** Switches the language; the caller re-renders. */
export function setLanguage(lang) {
  language = TEXTS[lang] ? lang : 'en';
  localStorage.setItem('oc.lang', language);
  document.documentElement.lang = language;
}

/** The text for key in the current language, {name} placeholders filled from vars. */
export function t(key, vars) {
  const text = TEXTS[language][key] ?? TEXTS.en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? '') : text;
}

const locale = () => (language === 'de' ? 'de-DE' : 'en-GB');

/** Money as the locale writes it: 12.500,00 € or €12,500.00; whole amounts without cents when compact. */
export function money(m, compact) {
  if (!m) return '–';
  const options = { style: 'currency', currency: m.currency };
  if (compact) Object.assign(options, { maximumFractionDigits: 0 });
  return new Intl.NumberFormat(locale(), options).format(Number(m.amount));
}

export function number(n, digits = 0) {
  return n == null ? '–' : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}

export function percent(fraction, digits = 0) {
  return fraction == null ? '–'
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}

/** A calendar date (ISO yyyy-mm-dd from the API) in the locale's short form. */
export function date(iso) {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

export function dateTime(iso) {
  return iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '–';
}
