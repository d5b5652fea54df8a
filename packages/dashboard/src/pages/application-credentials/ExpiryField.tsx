import { FormGroup, TextInput } from '@patternfly/react-core';
import { t } from '../../i18n/t.ts';
import { FieldHelp } from './FieldHelp.tsx';

/** "2026-03-19 10:00" for a Date, in UTC: the form's times are UTC whatever the browser's zone. */
function utcMinute(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Expiry as a native date input and a native time input (keyboard-friendly everywhere), both read as UTC and labelled
 * so; the help text shows the current UTC time for reference.
 */
export function ExpiryField(props: {
  date: string;
  time: string;
  error?: string;
  now: Date;
  onChange: (date: string, time: string) => void;
}) {
  const helpId = 'app-cred-expiry-help';
  return (
    <FormGroup label={t('appCreds.form.expiry')} role="group" fieldId="app-cred-expiry-date">
      <div className="xloud-ac-expiry">
        <TextInput
          id="app-cred-expiry-date"
          type="date"
          value={props.date}
          min={props.now.toISOString().slice(0, 10)}
          onChange={(_event, value) => props.onChange(value, props.time)}
          aria-label={t('appCreds.form.expiryDate')}
          validated={props.error ? 'error' : 'default'}
          aria-describedby={helpId}
        />
        <TextInput
          id="app-cred-expiry-time"
          type="time"
          value={props.time}
          onChange={(_event, value) => props.onChange(props.date, value)}
          aria-label={t('appCreds.form.expiryTime')}
          validated={props.error ? 'error' : 'default'}
          aria-describedby={helpId}
        />
      </div>
      <FieldHelp id={helpId} help={t('appCreds.form.expiryHelp', { now: utcMinute(props.now) })} error={props.error} />
    </FormGroup>
  );
}
