import {
  ActionGroup,
  Alert,
  Card,
  CardBody,
  CardTitle,
  Content,
  Form,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { BusyButton } from '../../components/BusyButton.tsx';
import { t } from '../../i18n/t.ts';
import { useSession } from '../../session/SessionProvider.tsx';
import { appCredAuth, passwordAuth, type AppCredForm, type PasswordForm } from './auth-bodies.ts';
import { ExpiredPasswordForm } from './ExpiredPasswordForm.tsx';
import { describeSignInFailure } from './sign-in-errors.ts';
import { TextField } from './TextField.tsx';
import { VerificationCodeForm } from './VerificationCodeForm.tsx';
import { SessionApiError } from '../../api/console-session.ts';

/** Where to go after sign-in: only a path inside the console, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/overview';
}

/** The submit button of both sign-in forms. */
function SignInButton({ busy }: { busy: boolean }) {
  return (
    <ActionGroup>
      <BusyButton type="submit" variant="primary" isBlock busy={busy} busyLabel={t('signIn.signingIn')}>
        {t('signIn.submit')}
      </BusyButton>
    </ActionGroup>
  );
}

export function SignInPage() {
  const { session, signIn, signInWithPasscode } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');
  const [tab, setTab] = useState<'password' | 'appcred'>('password');
  const [pw, setPw] = useState<PasswordForm>({ username: '', password: '', domain: 'Default', project: '' });
  const [ac, setAc] = useState<AppCredForm>({ id: '', name: '', user: '', domain: 'Default', secret: '' });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expiredUser, setExpiredUser] = useState<string | null>(null);
  /** Set when the password was accepted and a code is needed: the scope the sign-in asked for. */
  const [codeStep, setCodeStep] = useState<{ scope?: unknown } | null>(null);

  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
  }, []);

  if (session && !busy) return <Navigate to={next} replace />;

  const run = async (auth: unknown, method: 'password' | 'application_credential', project?: string) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(auth);
      void navigate(next, { replace: true });
    } catch (e) {
      if (e instanceof SessionApiError && e.secondFactor) {
        setCodeStep({ scope: (auth as { scope?: unknown }).scope });
        return;
      }
      const failure = describeSignInFailure(e, method, project);
      if (failure.kind === 'passwordExpired') setExpiredUser(failure.userId);
      else setError(failure.text);
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!pw.username.trim() || !pw.password) return;
    void run(passwordAuth(pw), 'password', pw.project.trim() || undefined);
  };

  const appCredComplete = ac.secret !== '' && (ac.id.trim() !== '' || (ac.name.trim() !== '' && ac.user.trim() !== ''));
  const submitAppCred = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!appCredComplete) return;
    void run(appCredAuth(ac), 'application_credential');
  };

  const required = (value: string) => (touched && !value.trim() ? t('field.required') : undefined);
  const banners: Record<string, string> = {
    expired: t('signIn.expiredSession'),
    idle: t('signIn.expiredSession'),
    'signed-out': t('session.signedOut'),
    'password-changed': t('signIn.passwordChangedSignOut'),
    'signed-out-everywhere': t('signIn.signedOutEverywhere'),
  };
  const banner = reason && Object.hasOwn(banners, reason) ? banners[reason] : null;

  return (
    <main className="xloud-sign-in">
      <Card className="xloud-sign-in-card">
        <CardTitle>
          <Title headingLevel="h1">{t('signIn.title')}</Title>
          <Content component="p">{t('signIn.subtitle')}</Content>
        </CardTitle>
        <CardBody>
          {banner && !error ? (
            <Alert variant="info" isInline isPlain title={banner} data-testid="sign-in-notice" />
          ) : null}
          {codeStep ? (
            <VerificationCodeForm
              onSubmit={async (code) => {
                setBusy(true);
                try {
                  await signInWithPasscode(code, codeStep.scope);
                  void navigate(next, { replace: true });
                } finally {
                  setBusy(false);
                }
              }}
              onCancel={(message) => {
                setCodeStep(null);
                setPw((f) => ({ ...f, password: '' }));
                setError(message ?? null);
              }}
            />
          ) : expiredUser ? (
            <ExpiredPasswordForm
              userId={expiredUser}
              currentPassword={pw.password}
              onChanged={async (password) => {
                setExpiredUser(null);
                setPw((f) => ({ ...f, password }));
                await run(passwordAuth(pw, password), 'password', pw.project.trim() || undefined);
              }}
            />
          ) : (
            <Tabs
              mountOnEnter
              unmountOnExit
              activeKey={tab}
              onSelect={(_e, key) => {
                setTab(key === 'appcred' ? 'appcred' : 'password');
                setTouched(false);
                setError(null);
              }}
              aria-label={t('signIn.title')}
            >
              <Tab eventKey="password" title={<TabTitleText>{t('signIn.tabPassword')}</TabTitleText>}>
                <Form onSubmit={submitPassword} noValidate className="pf-v6-u-mt-md">
                  {error ? <Alert variant="danger" isInline title={error} data-testid="sign-in-error" /> : null}
                  <TextField
                    id="username"
                    label={t('signIn.username')}
                    value={pw.username}
                    onChange={(v) => setPw({ ...pw, username: v })}
                    required
                    autoComplete="username"
                    autoFocus
                    error={required(pw.username)}
                  />
                  <TextField
                    id="password"
                    label={t('signIn.password')}
                    type="password"
                    value={pw.password}
                    onChange={(v) => setPw({ ...pw, password: v })}
                    required
                    autoComplete="current-password"
                    error={required(pw.password)}
                  />
                  <TextField
                    id="domain"
                    label={t('signIn.domain')}
                    value={pw.domain}
                    onChange={(v) => setPw({ ...pw, domain: v })}
                    help={t('signIn.domainHelp')}
                  />
                  <TextField
                    id="project"
                    label={t('signIn.project')}
                    value={pw.project}
                    onChange={(v) => setPw({ ...pw, project: v })}
                    help={t('signIn.projectHelp')}
                  />
                  <SignInButton busy={busy} />
                </Form>
              </Tab>
              <Tab eventKey="appcred" title={<TabTitleText>{t('signIn.tabAppCred')}</TabTitleText>}>
                <Form onSubmit={submitAppCred} noValidate className="pf-v6-u-mt-md">
                  {error ? <Alert variant="danger" isInline title={error} data-testid="sign-in-error" /> : null}
                  {touched && !appCredComplete ? (
                    <Alert variant="warning" isInline isPlain title={t('signIn.appCredNeedId')} />
                  ) : null}
                  <TextField
                    id="ac-id"
                    label={t('signIn.appCredId')}
                    value={ac.id}
                    onChange={(v) => setAc({ ...ac, id: v })}
                    help={t('signIn.appCredIdHelp')}
                  />
                  <TextField
                    id="ac-name"
                    label={t('signIn.appCredName')}
                    value={ac.name}
                    onChange={(v) => setAc({ ...ac, name: v })}
                  />
                  <TextField
                    id="ac-user"
                    label={t('signIn.appCredUser')}
                    value={ac.user}
                    onChange={(v) => setAc({ ...ac, user: v })}
                    autoComplete="username"
                  />
                  <TextField
                    id="ac-domain"
                    label={t('signIn.domain')}
                    value={ac.domain}
                    onChange={(v) => setAc({ ...ac, domain: v })}
                  />
                  <TextField
                    id="ac-secret"
                    label={t('signIn.appCredSecret')}
                    type="password"
                    value={ac.secret}
                    onChange={(v) => setAc({ ...ac, secret: v })}
                    required
                    error={required(ac.secret)}
                  />
                  <SignInButton busy={busy} />
                </Form>
              </Tab>
            </Tabs>
          )}
        </CardBody>
      </Card>
    </main>
  );
}
