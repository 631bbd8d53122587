import type { ComponentChildren } from 'preact';

export interface FieldRowProps {
  /** Field name, used for ids and test ids. */
  name: string;
  label: string;
  required?: boolean;
  /** Validation message in Chinese, shown right under the field. */
  error?: string;
  children: ComponentChildren;
}

export function FieldRow({ name, label, required, error, children }: FieldRowProps) {
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={`f-${name}`}>
        {label}
        {required ? <span class="req">*</span> : null}
      </label>
      {children}
      {error ? (
        <div class="error" role="alert" data-testid={`tz-error-${name}`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}
