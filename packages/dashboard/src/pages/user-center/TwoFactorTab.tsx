import { ActionGroup, Alert, Button, Content, Form, Label } from '@patternfly/react-core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../../api/errors.ts';
import { csrfHeaders, SESSION_BASE } from '../../api/console-session.ts';
import { BusyButton } from '../../components/BusyButton.tsx';
import { t } from '../../i18n/t.ts';
import { downloadFile } from '../api-access/download.ts';
import { TextField } from '../sign-in/TextField.tsx';
import { encodeQr, qrSvgPath } from './qr-code.ts';
import { useMyId } from './queries.ts';
import { SectionCard } from './SectionCard.tsx';

/** GET /v3/users/{id}/OS-XLOUD/mfa (docs/multi-factor.md, "Self-service"). */
export interface MfaStatus {
  enabled: boolean;
  totp_credentials: number;
  recovery_codes_remaining: number;
  pending_enrolment: boolean;
  rules: string[][];
}

interface Enrolment {
  secret: string;
  otpauth_uri: string;
  expires_at: string;
}

const mfaPath = (userId: string) => `/users/${encodeURIComponent(userId)}/OS-XLOUD/mfa`;

/**
 * Straight through the console's proxy rather than the SDK client: a wrong code is answered 401, which the client
 * would take for the end of the session (the proxy itself ends the session only when its token is dead).
 */
async function mfaCall<T>(userId: string, method: string, suffix = '', body?: unknown): Promise<T> {
  const response = await fetch(`${SESSION_BASE}/v3${mfaPath(userId)}${suffix}`, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...csrfHeaders(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) throw new Error(t('userCenter.mfa.wrongCode'));
    const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message;
    throw new Error(message ?? response.statusText);
  }
  return parsed as T;
}

/** The QR code of the otpauth URI, drawn in the page (the secret never goes to an image service). */
function QrCode({ uri }: { uri: string }) {
  const modules = useMemo(() => encodeQr(uri), [uri]);
  const size = modules.length + 8;
  return (
    <svg
      className="xloud-uc-qr"
      viewBox={`0 0 ${size} ${size}`}
      width={size * 4}
      height={size * 4}
      role="img"
      aria-label={t('userCenter.mfa.qrLabel')}
      data-testid="mfa-qr"
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={qrSvgPath(modules)} fill="#000" />
    </svg>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div data-testid="mfa-recovery-codes">
      <Alert variant="warning" isInline title={t('userCenter.mfa.codesTitle')}>
        {t('userCenter.mfa.codesBody')}
      </Alert>
      <ul className="xloud-uc-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <ActionGroup>
        <Button
          variant="secondary"
          onClick={() => downloadFile({ filename: 'xloud-recovery-codes.txt', content: `${codes.join('\n')}\n` })}
        >
          {t('userCenter.mfa.download')}
        </Button>
        <Button variant="primary" onClick={onDone}>
          {t('userCenter.mfa.done')}
        </Button>
      </ActionGroup>
    </div>
  );
}

/** A code field and a button: verify, regenerate, disable all ask for one. */
function CodeForm({
  id,
  label,
  submit,
  danger,
  run,
}: {
  id: string;
  label: string;
  submit: string;
  danger?: boolean;
  run: (code: string) => Promise<void>;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await run(code.replace(/\s+/g, ''));
      setCode('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form onSubmit={(e) => void onSubmit(e)} noValidate data-testid={`${id}-form`}>
      {error ? <Alert variant="danger" isInline title={error} data-testid={`${id}-error`} /> : null}
      <TextField id={id} label={label} value={code} onChange={setCode} required autoComplete="one-time-code" />
      <ActionGroup>
        <BusyButton type="submit" variant={danger ? 'danger' : 'primary'} busy={busy}>
          {submit}
        </BusyButton>
      </ActionGroup>
    </Form>
  );
}

/**
 * Security (2FA): enrol an authenticator app (QR code and the secret as text), verify it, keep the recovery codes
 * (shown once, downloadable), regenerate them, and turn two-factor sign-in off.
 */
export function TwoFactorTab() {
  const userId = useMyId();
  const queryClient = useQueryClient();
  const status = useQuery<MfaStatus>({
    queryKey: ['user-center', userId, 'mfa'],
    queryFn: async () => (await mfaCall<{ mfa: MfaStatus }>(userId, 'GET')).mfa,
  });
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['user-center', userId, 'mfa'] });

  const enrol = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setEnrolment((await mfaCall<{ mfa_enrolment: Enrolment }>(userId, 'POST', '/enrol', {})).mfa_enrolment);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  let body: ReactNode;
  if (codes) {
    body = (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          void refresh();
        }}
      />
    );
  } else if (enrolment) {
    body = (
      <div className="xloud-uc-stack">
        <Content component="p">{t('userCenter.mfa.scan')}</Content>
        <QrCode uri={enrolment.otpauth_uri} />
        <Content component="p">
          {t('userCenter.mfa.secretText')} <code data-testid="mfa-secret">{enrolment.secret}</code>
        </Content>
        <Content component="p">
          <a href={enrolment.otpauth_uri}>{t('userCenter.mfa.openApp')}</a>
        </Content>
        <CodeForm
          id="mfa-verify"
          label={t('userCenter.mfa.code')}
          submit={t('userCenter.mfa.verify')}
          run={async (code) => {
            const res = await mfaCall<{ mfa: { recovery_codes: string[] } }>(userId, 'POST', '/verify', {
              mfa: { passcode: code },
            });
            setEnrolment(null);
            setCodes(res.mfa.recovery_codes);
            setNotice(t('userCenter.mfa.enabledNotice'));
          }}
        />
      </div>
    );
  } else if (status.data?.enabled) {
    body = (
      <div className="xloud-uc-stack">
        <Content component="p" data-testid="mfa-state">
          <Label color="green">{t('userCenter.mfa.on')}</Label>{' '}
          {t('userCenter.mfa.codesLeft', { count: String(status.data.recovery_codes_remaining) })}
        </Content>
        <SectionCard titleId="mfa-regenerate-title" title={t('userCenter.mfa.regenerateTitle')}>
          <CodeForm
            id="mfa-regenerate"
            label={t('userCenter.mfa.code')}
            submit={t('userCenter.mfa.regenerate')}
            run={async (code) => {
              const res = await mfaCall<{ mfa: { recovery_codes: string[] } }>(userId, 'POST', '/recovery-codes', {
                mfa: { passcode: code },
              });
              setCodes(res.mfa.recovery_codes);
            }}
          />
        </SectionCard>
        <SectionCard titleId="mfa-disable-title" title={t('userCenter.mfa.disableTitle')}>
          <CodeForm
            id="mfa-disable"
            label={t('userCenter.mfa.codeOrRecovery')}
            submit={t('userCenter.mfa.disable')}
            danger
            run={async (code) => {
              const mfa = /^\d{6}$/.test(code) ? { passcode: code } : { recovery_code: code };
              await mfaCall(userId, 'DELETE', '', { mfa });
              setNotice(t('userCenter.mfa.disabledNotice'));
              await refresh();
            }}
          />
        </SectionCard>
      </div>
    );
  } else {
    body = (
      <div className="xloud-uc-stack">
        <Content component="p" data-testid="mfa-state">
          <Label>{t('userCenter.mfa.off')}</Label> {t('userCenter.mfa.offBody')}
        </Content>
        <ActionGroup>
          <BusyButton variant="primary" busy={busy || status.isPending} onClick={() => void enrol()}>
            {t('userCenter.mfa.enable')}
          </BusyButton>
        </ActionGroup>
      </div>
    );
  }

  return (
    <SectionCard titleId="uc-mfa-title" title={t('userCenter.mfa.title')}>
      {notice ? <Alert variant="success" isInline isPlain title={notice} data-testid="mfa-notice" /> : null}
      {error || status.error ? (
        <Alert variant="danger" isInline title={error ?? errorMessage(status.error)} data-testid="mfa-error" />
      ) : null}
      {body}
    </SectionCard>
  );
}
