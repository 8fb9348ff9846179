// The deal's field names as the API's errors and stage rules name them, in the user's words.
import { currentLanguage } from './i18n.js';

const LABELS = {
  en: {
    name: 'name', amount: 'amount', budget: 'budget', probability: 'probability', expectedCloseDate: 'expected close date',
    description: 'description', contacts: 'a contact', competitorCount: 'number of competitors',
    resourceAvailability: 'resource availability', resourcesAvailableFrom: 'resources available from', owner: 'owner',
    stage: 'stage', status: 'status', pipeline: 'pipeline', forecastCategory: 'forecast category', reasons: 'reasons',
    winningCompetitorId: 'winning competitor', closedAt: 'close date', closeReasons: 'close reasons',
    winningCompetitor: 'winning competitor', lostAtStage: 'lost at stage',
  },
  de: {
    name: 'Name', amount: 'Betrag', budget: 'Budget', probability: 'Wahrscheinlichkeit',
    expectedCloseDate: 'erwartetes Abschlussdatum', description: 'Beschreibung', contacts: 'einen Kontakt',
    competitorCount: 'Anzahl Wettbewerber', resourceAvailability: 'Ressourcenverfügbarkeit',
    resourcesAvailableFrom: 'Ressourcen verfügbar ab', owner: 'Verantwortliche(n)', stage: 'Phase', status: 'Status',
    pipeline: 'Pipeline', forecastCategory: 'Prognosekategorie', reasons: 'Gründe', winningCompetitorId: 'Gewinner',
    closedAt: 'Abschlussdatum', closeReasons: 'Abschlussgründe', winningCompetitor: 'Gewinner',
    lostAtStage: 'verloren in Phase',
  },
};

export function fieldLabel(field) {
  const name = (field || '').split('.').pop();
  return LABELS[currentLanguage()][name] || name;
}

/** A refused stage move: which fields the stage needs first (the errors' fields), for the board's message. */
export function stageRefusal(card, stage, errors) {
  const fields = errors.filter(e => e.field).map(e => fieldLabel(e.field));
  return { card, stage: stage.name, fields: fields.length ? fields : errors.map(e => e.message) };
}
