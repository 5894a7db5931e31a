import { useState } from 'preact/hooks';
import type { KeyFields, KeyInfo } from './key-types.ts';

/** The fields of a key a person sets: alias, team, models, budget and limits (and, on create, a lifetime). */
export function KeyForm({ initial, creating, submitLabel, onSubmit, onCancel }: { initial?: KeyInfo; creating: boolean; submitLabel: string; onSubmit: (fields: KeyFields) => void; onCancel?: () => void }) {
  const [alias, setAlias] = useState(initial?.key_alias ?? '');
  const [team, setTeam] = useState(initial?.team_id ?? '');
  const [models, setModels] = useState((initial?.models ?? []).join(', '));
  const [budget, setBudget] = useState(numberText(initial?.max_budget));
  const [duration, setDuration] = useState(initial?.budget_duration ?? '');
  const [tpm, setTpm] = useState(numberText(initial?.tpm_limit));
  const [rpm, setRpm] = useState(numberText(initial?.rpm_limit));
  const [parallel, setParallel] = useState(numberText(initial?.max_parallel_requests));
  const [lifetime, setLifetime] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const fields: KeyFields = {
      models: models.split(',').map((name) => name.trim()).filter(Boolean),
      max_budget: numberOrNull(budget),
      budget_duration: duration.trim() === '' ? null : duration.trim(),
      tpm_limit: numberOrNull(tpm),
      rpm_limit: numberOrNull(rpm),
      max_parallel_requests: numberOrNull(parallel),
    };
    if (alias.trim() !== '') fields.key_alias = alias.trim();
    if (team.trim() !== '') fields.team_id = team.trim();
    if (creating && lifetime.trim() !== '') fields.duration = lifetime.trim();
    onSubmit(fields);
  };
  const field = (label: string, value: string, set: (value: string) => void, options: { placeholder?: string; type?: string; name: string }) => (
    <label>
      {label}
      <input name={options.name} type={options.type ?? 'text'} value={value} placeholder={options.placeholder} onInput={(event) => set((event.currentTarget as HTMLInputElement).value)} />
    </label>
  );
  return (
    <form onSubmit={submit} class="key-form">
      <div class="form-grid">
        {field('Alias', alias, setAlias, { name: 'key_alias', placeholder: 'billing-service' })}
        {field('Team id', team, setTeam, { name: 'team_id' })}
        {field('Models (comma-separated; empty = all)', models, setModels, { name: 'models', placeholder: 'gpt-4o-mini, acme-chat' })}
        {field('Max budget (USD)', budget, setBudget, { name: 'max_budget', type: 'number' })}
        {field('Budget resets every', duration, setDuration, { name: 'budget_duration', placeholder: '30d, 24h, 1mo' })}
        {field('TPM limit', tpm, setTpm, { name: 'tpm_limit', type: 'number' })}
        {field('RPM limit', rpm, setRpm, { name: 'rpm_limit', type: 'number' })}
        {field('Max parallel requests', parallel, setParallel, { name: 'max_parallel_requests', type: 'number' })}
        {creating ? field('Expires after', lifetime, setLifetime, { name: 'duration', placeholder: '30d (empty: never)' }) : null}
      </div>
      <div class="dialog-actions">
        {onCancel === undefined ? null : (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" class="button-primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function numberText(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
