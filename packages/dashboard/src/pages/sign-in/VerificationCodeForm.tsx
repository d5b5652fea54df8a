import { ActionGroup, Alert, Button, Content, Form, Title } from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { SessionApiError } from '../../api/console-session.ts';
import { BusyButton } from '../../components/BusyButton.tsx';
import { t } from '../../i18n/t.ts';
import { TextField } from './TextField.tsx';

/**
 * The second step of a sign-in for an account with two-factor authentication: the password was accepted and the
 * server keeps the auth receipt in an HttpOnly cookie; this form sends the code (TOTP or recovery code).
 */
export function VerificationCodeForm({
  onSubmit,
  onCancel,
}: {
  onSubmit: (code: string) => Promise<void>;
  /** Back to the password form, with a message when the step ended on its own. */
  onCancel: (message?: string) => void;
}) {
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const value = code.replace(/\s+/g, '');
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(value);
    } catch (e) {
      if (e instanceof SessionApiError && e.status === 401 && /has expired/.test(e.message)) {
        onCancel(t('signIn.codeExpired'));
        return;
      }
      setError(e instanceof SessionApiError && e.status === 401 ? t('signIn.codeWrong') : t('state.networkBody'));
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(e) => void submit(e)} noValidate data-testid="verification-code-form">
      <Title headingLevel="h2" size="lg">
        {t('signIn.codeTitle')}
      </Title>
      <Content component="p">{t('signIn.codeIntro')}</Content>
      {error ? <Alert variant="danger" isInline title={error} data-testid="sign-in-error" /> : null}
      <TextField
        id="verification-code"
        label={t('signIn.code')}
        value={code}
        onChange={setCode}
        required
        autoComplete="one-time-code"
        autoFocus
        help={t('signIn.codeHelp')}
        error={touched && !code.trim() ? t('field.required') : undefined}
      />
      <ActionGroup>
        <BusyButton type="submit" variant="primary" isBlock busy={busy} busyLabel={t('signIn.signingIn')}>
          {t('signIn.codeSubmit')}
        </BusyButton>
        <Button variant="link" isBlock onClick={() => onCancel()}>
          {t('signIn.codeCancel')}
        </Button>
      </ActionGroup>
    </Form>
  );
}
