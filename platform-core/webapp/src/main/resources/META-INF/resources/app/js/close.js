// Closing a deal as won or lost: the pipeline's reasons, the winning competitor (when the competitors plugin is
// there) and a note, sent as closeOpportunity with the deal's version.
import { useEffect, useState } from 'preact/hooks';
import { html, Dialog, FieldErrors, FormErrors, toast } from './ui.js';
import { gql, mutate } from './api.js';
import { t } from './i18n.js';

export const PIPELINE_FIELDS = `id name isDefault lostRequiresReason lostRequiresCompetitor
  stages { id name position isClosed isWon requiredFields stalledAfterDays defaultProbability }
  wonReasons: closeReasons(outcome: WON) lostReasons: closeReasons(outcome: LOST)`;

export function CloseDialog({ card, outcome, pipeline, has, onCancel, onClosed, onConflict }) {
  const [reasons, setReasons] = useState([]);
  const [winner, setWinner] = useState('');
  const [note, setNote] = useState('');
  const [competitors, setCompetitors] = useState([]);
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  const offered = outcome === 'WON' ? pipeline.wonReasons : pipeline.lostReasons;

  useEffect(() => {
    if (outcome === 'LOST' && has.competitors) {
      gql('{ competitors(first: 100) { edges { node { id name } } } }')
        .then(data => setCompetitors(data.competitors.edges.map(e => e.node)))
        .catch(() => setCompetitors([]));
    }
  }, []);

  const toggle = reason => setReasons(rs => (rs.includes(reason) ? rs.filter(r => r !== reason) : [...rs, reason]));

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    try {
      const payload = await mutate(`mutation Close($input: CloseOpportunityInput!) {
        closeOpportunity(input: $input) { opportunity { id status version } errors { code message field } }
      }`, { input: {
        id: card.id, expectedVersion: card.version, outcome, reasons,
        winningCompetitorId: winner || null, note: note || null,
      } });
      if (payload.errors.some(e => e.code === 'VERSION_CONFLICT')) {
        toast(t('conflict'), 'error');
        onConflict();
      } else if (payload.errors.length) {
        setErrors(payload.errors);
      } else {
        toast(t('closedAs', { outcome: t(outcome) }));
        onClosed(card, payload.opportunity);
      }
    } catch (e) {
      setErrors([{ code: 'ERROR', message: e.message }]);
    } finally {
      setBusy(false);
    }
  }

  return html`<${Dialog} id="close-dialog" title=${t('closeAs', { outcome: t(outcome) }) + ': ' + card.name} onClose=${onCancel}>
    <form onSubmit=${submit}>
      <fieldset>
        <legend>${t('reasons')}</legend>
        ${offered.map(reason => html`<label class="check"><input type="checkbox" name="reason" value=${reason}
          checked=${reasons.includes(reason)} onChange=${() => toggle(reason)} /> ${reason}</label>`)}
        <${FieldErrors} errors=${errors} field="reasons" />
      </fieldset>
      ${outcome === 'LOST' && has.competitors && html`<label>${t('winningCompetitor')}
        <select id="close-winner" value=${winner} onChange=${e => setWinner(e.target.value)}>
          <option value="">${t('noneChosen')}</option>
          <option value="NO_DECISION">${t('noDecision')}</option>
          <option value="UNKNOWN">${t('unknown')}</option>
          ${competitors.map(c => html`<option value=${c.id}>${c.name}</option>`)}
        </select>
        <${FieldErrors} errors=${errors} field="winningCompetitorId" /></label>`}
      <label>${t('note')}<textarea id="close-note" value=${note} onInput=${e => setNote(e.target.value)} /></label>
      <${FormErrors} errors=${errors}
        shown=${outcome === 'LOST' && has.competitors ? ['reasons', 'winningCompetitorId'] : ['reasons']} />
      <div class="buttons">
        <button type="button" onClick=${onCancel}>${t('cancel')}</button>
        <button type="submit" class="primary" id="close-submit" disabled=${busy}>${t('closeAs', { outcome: t(outcome) })}</button>
      </div>
    </form>
  <//>`;
}
