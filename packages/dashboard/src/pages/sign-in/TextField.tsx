import { FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';

/** A labelled text field with its help or error text, wired for screen readers. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  required?: boolean;
  help?: string;
  error?: string;
  autoComplete?: string;
  autoFocus?: boolean;
}) {
  const helpId = `${props.id}-help`;
  const text = props.error ?? props.help;
  return (
    <FormGroup label={props.label} isRequired={props.required} fieldId={props.id}>
      <TextInput
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(_event, value) => props.onChange(value)}
        isRequired={props.required}
        validated={props.error ? 'error' : 'default'}
        aria-describedby={text ? helpId : undefined}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
      />
      {text ? (
        <FormHelperText>
          <HelperText id={helpId}>
            <HelperTextItem variant={props.error ? 'error' : 'default'}>{text}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      ) : null}
    </FormGroup>
  );
}
