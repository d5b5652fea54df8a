import {
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';

function Helper({ id, error, helper }: { id: string; error?: string; helper?: ReactNode }) {
  if (!error && !helper) return null;
  return (
    <FormHelperText>
      <HelperText id={`${id}-helper`}>
        <HelperTextItem variant={error ? 'error' : 'default'}>{error ?? helper}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  helper?: ReactNode;
  isRequired?: boolean;
  isDisabled?: boolean;
}

/** A labelled text input whose error (after a submit attempt) is announced with the field. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  helper,
  isRequired,
  isDisabled,
  type = 'text',
  autoComplete = 'off',
}: FieldProps & { type?: 'text' | 'email' | 'password'; autoComplete?: string }) {
  return (
    <FormGroup label={label} isRequired={isRequired} fieldId={id}>
      <TextInput
        id={id}
        type={type}
        value={value}
        onChange={(_event, v) => onChange(v)}
        isRequired={isRequired}
        isDisabled={isDisabled}
        autoComplete={autoComplete}
        validated={error ? 'error' : 'default'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || helper ? `${id}-helper` : undefined}
      />
      <Helper id={id} error={error} helper={helper} />
    </FormGroup>
  );
}

export function TextAreaField({ id, label, value, onChange, error, helper, isRequired, isDisabled }: FieldProps) {
  return (
    <FormGroup label={label} isRequired={isRequired} fieldId={id}>
      <TextArea
        id={id}
        value={value}
        onChange={(_event, v) => onChange(v)}
        isRequired={isRequired}
        isDisabled={isDisabled}
        resizeOrientation="vertical"
        validated={error ? 'error' : 'default'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || helper ? `${id}-helper` : undefined}
      />
      <Helper id={id} error={error} helper={helper} />
    </FormGroup>
  );
}

export function SwitchField({
  id,
  label,
  isChecked,
  onChange,
  helper,
}: {
  id: string;
  label: string;
  isChecked: boolean;
  onChange(value: boolean): void;
  helper?: ReactNode;
}) {
  return (
    <FormGroup fieldId={id}>
      <Switch
        id={id}
        label={label}
        isChecked={isChecked}
        onChange={(_event, v) => onChange(v)}
        aria-describedby={helper ? `${id}-helper` : undefined}
      />
      <Helper id={id} helper={helper} />
    </FormGroup>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  choices,
  error,
  helper,
  isRequired,
  isDisabled,
}: FieldProps & { choices: Choice[] }) {
  return (
    <FormGroup label={label} isRequired={isRequired} fieldId={id}>
      <FormSelect
        id={id}
        value={value}
        onChange={(_event, v) => onChange(v)}
        isRequired={isRequired}
        isDisabled={isDisabled}
        validated={error ? 'error' : 'default'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || helper ? `${id}-helper` : undefined}
      >
        {choices.map((c) => (
          <FormSelectOption key={c.value} value={c.value} label={c.label} />
        ))}
      </FormSelect>
      <Helper id={id} error={error} helper={helper} />
    </FormGroup>
  );
}
