import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A labelled checkbox with an optional hint. */
export function Checkbox({ label, hint, ...input }: { label: ReactNode; hint?: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
        aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
        {hint && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
      </div>
    </div>
  );
}
