import Input from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import Select from '@codegouvfr/react-dsfr/Select';
import type { HTMLInputAutoCompleteAttribute, ReactNode } from 'react';
import { platformLabels } from './labels';

// Thin wrappers over the DSFR inputs: an id the error summary links to, the error under the field,
// aria-invalid, and "(facultatif)" on optional fields. Forms use `noValidate`: our messages, not the browser's.

type Common = {
  id: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  optional?: boolean;
  disabled?: boolean;
};

const labelText = (label: string, optional?: boolean) => (optional ? `${label} ${platformLabels.optional}` : label);

export function TextField(
  props: Common & {
    type?: 'text' | 'email' | 'date' | 'datetime-local' | 'url' | 'search' | 'tel';
    autoComplete?: HTMLInputAutoCompleteAttribute;
    inputMode?: 'text' | 'numeric' | 'email' | 'url' | 'search';
    maxLength?: number;
    spellCheck?: boolean;
    textArea?: boolean;
    rows?: number;
    hideLabel?: boolean;
  },
) {
  const common = {
    label: labelText(props.label, props.optional),
    hintText: props.hint,
    hideLabel: props.hideLabel,
    disabled: props.disabled,
    ...(props.error ? ({ state: 'error', stateRelatedMessage: props.error } as const) : ({ state: 'default' } as const)),
  };
  const native = {
    id: props.id,
    name: props.id,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-required': props.optional ? undefined : true,
    maxLength: props.maxLength,
    spellCheck: props.spellCheck,
  };
  if (props.textArea) {
    return (
      <Input
        {...common}
        textArea
        nativeTextAreaProps={{ ...native, rows: props.rows ?? 4, onChange: (e) => props.onChange(e.target.value) }}
      />
    );
  }
  return (
    <Input
      {...common}
      nativeInputProps={{
        ...native,
        type: props.type ?? 'text',
        autoComplete: props.autoComplete,
        inputMode: props.inputMode,
        onChange: (e) => props.onChange(e.target.value),
      }}
    />
  );
}

/** A password with the DSFR "show" toggle; `rule` shows the minimum length and whether it is met. */
export function PasswordField(props: Common & { autoComplete: 'current-password' | 'new-password'; rule?: { text: string; ok: boolean } }) {
  const messages: { severity: 'info' | 'error' | 'valid'; message: ReactNode }[] = [];
  if (props.rule) messages.push({ severity: props.rule.ok ? 'valid' : props.error ? 'error' : 'info', message: props.rule.text });
  // An unmet length rule already says what is wrong; other errors (too long, wrong password) are added.
  if (props.error && (!props.rule || props.rule.ok)) messages.push({ severity: 'error', message: props.error });
  return (
    <PasswordInput
      label={labelText(props.label, props.optional)}
      hintText={props.hint}
      disabled={props.disabled}
      messagesHint={props.rule ? undefined : ''}
      messages={messages}
      nativeInputProps={{
        id: props.id,
        name: props.id,
        value: props.value,
        autoComplete: props.autoComplete,
        'aria-invalid': props.error ? true : undefined,
        'aria-required': props.optional ? undefined : true,
        onChange: (e) => props.onChange(e.target.value),
      }}
    />
  );
}

export function SelectField(
  props: Common & {
    options: readonly { value: string; label: string }[];
    /** The first option, with an empty value ("Toutes les régions", "Non renseignée"…). */
    emptyOption?: string;
  },
) {
  return (
    <Select
      label={labelText(props.label, props.optional)}
      hint={props.hint}
      disabled={props.disabled}
      {...(props.error ? ({ state: 'error', stateRelatedMessage: props.error } as const) : ({ state: 'default' } as const))}
      nativeSelectProps={{
        id: props.id,
        name: props.id,
        value: props.value,
        'aria-invalid': props.error ? true : undefined,
        onChange: (e) => props.onChange(e.target.value),
      }}
    >
      {props.emptyOption !== undefined && <option value="">{props.emptyOption}</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}
