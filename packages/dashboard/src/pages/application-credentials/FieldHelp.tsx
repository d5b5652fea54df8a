import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';

/** A field's help or error text, with the id its input points at through aria-describedby. */
export function FieldHelp({ id, help, error }: { id: string; help?: string; error?: string }) {
  const text = error ?? help;
  if (!text) return null;
  return (
    <FormHelperText>
      <HelperText id={id}>
        <HelperTextItem variant={error ? 'error' : 'default'}>{text}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}
