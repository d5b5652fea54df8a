import { ActionGroup, Alert, Form } from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { changeExpiredPassword } from '../../api/console-session.ts';
import { errorMessage } from '../../api/errors.ts';
import { BusyButton } from '../../components/BusyButton.tsx';
import { t } from '../../i18n/t.ts';
import { TextField } from './TextField.tsx';

/** The expired-password step: Keystone lets the user change it with the old one, without a token. */
export function ExpiredPasswordForm({
  userId,
  currentPassword,
  onChanged,
}: {
  userId: string;
  currentPassword: string;
  onChanged: (password: string) => Promise<void>;
}) {
  const [original, setOriginal] = useState(currentPassword);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const mismatch = touched && confirm !== password ? t('signIn.passwordsDiffer') : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!original || !password || password !== confirm) return;
    setBusy(true);
    setError(null);
    try {
      await changeExpiredPassword(userId, original, password);
      await onChanged(password);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(e) => void submit(e)} noValidate>
      <Alert variant="warning" isInline title={t('signIn.passwordExpired')} />
      {error ? <Alert variant="danger" isInline title={error} data-testid="sign-in-error" /> : null}
      <TextField
        id="expired-current"
        label={t('signIn.currentPassword')}
        type="password"
        value={original}
        onChange={setOriginal}
        required
        autoComplete="current-password"
        error={touched && !original ? t('field.required') : undefined}
      />
      <TextField
        id="expired-new"
        label={t('signIn.newPassword')}
        type="password"
        value={password}
        onChange={setPassword}
        required
        autoComplete="new-password"
        error={touched && !password ? t('field.required') : undefined}
      />
      <TextField
        id="expired-confirm"
        label={t('signIn.confirmPassword')}
        type="password"
        value={confirm}
        onChange={setConfirm}
        required
        autoComplete="new-password"
        error={mismatch}
      />
      <ActionGroup>
        <BusyButton type="submit" variant="primary" busy={busy}>
          {t('signIn.changeAndSignIn')}
        </BusyButton>
      </ActionGroup>
    </Form>
  );
}
