import { TextField } from '../../ui/Field';
import { buildSettingError } from './hooks';
import { BUILD_KEYS } from './types';

export type BuildValues = Record<string, string>;

/** The form values for a build configuration: every known key, '' when unset. */
export function buildValues(config: Record<string, string | null> | null | undefined): BuildValues {
  const values: BuildValues = {};
  for (const { key } of BUILD_KEYS) values[key] = config?.[key] ?? '';
  return values;
}

/**
 * The overrides to send: the keys whose value differs from {@code base}; a cleared value is sent as null
 * ("none"), as ProjectApi defines it.
 */
export function changedOverrides(values: BuildValues, base: Record<string, string | null> | null | undefined): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const { key } of BUILD_KEYS) {
    const value = values[key].trim();
    if (value !== (base?.[key] ?? '')) changes[key] = value === '' ? null : value;
  }
  return changes;
}

/** One field per build setting, with what the analysis detected as hint and the server's refusal under it. */
export function BuildConfigFields({ values, detected, onChange, error, disabled }: {
  values: BuildValues;
  detected: Record<string, string | null> | null | undefined;
  onChange: (values: BuildValues) => void;
  error: unknown;
  disabled?: boolean;
}) {
  return (
    <fieldset className="space-y-3" disabled={disabled}>
      <legend className="text-sm font-semibold text-slate-900">Build configuration</legend>
      <p className="text-xs text-slate-500">
        Commands run without a shell, so shell syntax such as pipes or <code>$(…)</code> is refused.
        Leave a field empty for none.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {BUILD_KEYS.map(({ key, label }) => (
          <TextField
            key={key}
            label={label}
            name={key}
            value={values[key]}
            onChange={(event) => onChange({ ...values, [key]: event.target.value })}
            hint={detected ? `Detected: ${detected[key] ?? 'none'}` : undefined}
            error={buildSettingError(error, key)}
            autoComplete="off"
            spellCheck={false}
          />
        ))}
      </div>
    </fieldset>
  );
}
