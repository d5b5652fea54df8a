import { ActionGroup, Alert, Button, Content, Form, Modal, ModalBody, ModalHeader } from '@patternfly/react-core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity.ts';
import { errorKind, errorMessage } from '../../api/errors.ts';
import { BusyButton } from '../../components/BusyButton.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ModalActions } from '../../components/ModalActions.tsx';
import { t } from '../../i18n/t.ts';
import { useCurrentSession, useSession } from '../../session/SessionProvider.tsx';
import { TextField } from '../sign-in/TextField.tsx';
import { UserText } from './parts.tsx';
import { userCenterPath } from './paths.ts';
import { usePasswordRules } from './queries.ts';
import { SectionCard } from './SectionCard.tsx';

/** Security: change my password, sign out everywhere, and a way to my sign-in activity. */
export function SecurityTab() {
  return (
    <div className="xloud-uc-stack">
      <ChangePasswordCard />
      <div className="xloud-uc-columns">
        <SignOutEverywhereCard />
        <SectionCard
          titleId="uc-activity-link-title"
          title={t('userCenter.activityLink.title')}
          footer={<LinkButton to={userCenterPath('activity')}>{t('userCenter.activityLink.open')}</LinkButton>}
        >
          {t('userCenter.activityLink.body')}
        </SectionCard>
      </div>
    </div>
  );
}

function PasswordRules() {
  const rules = usePasswordRules();
  if (rules.isPending) return null;
  // No rule configured, or the rules could not be read: the server still checks, and says so if it refuses.
  const text = rules.data ?? null;
  return (
    <Alert
      variant="info"
      isInline
      isPlain
      title={t('userCenter.password.rules')}
      data-testid="user-center-password-rules"
      component="h3"
    >
      <p className="xloud-break">{text ? <UserText>{text}</UserText> : t('userCenter.password.rulesUnknown')}</p>
    </Alert>
  );
}

/**
 * POST /v3/users/{me}/password. Keystone then revokes every token of the user, this console session's too, so on
 * success the session is over: the sign-in page says why.
 */
function ChangePasswordCard() {
  const session = useCurrentSession();
  const { expire } = useSession();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: () => identity.users.changePassword(session.token.user.id, { original_password: current, password }),
    onSuccess: () => expire('password-changed'),
    onError: (error) =>
      setFailure(errorKind(error) === 'unauthorized' ? t('userCenter.password.wrongCurrent') : errorMessage(error)),
  });

  const required = (value: string) => (touched && !value ? t('field.required') : undefined);
  const newError =
    required(password) ?? (touched && password === current ? t('userCenter.password.sameAsCurrent') : undefined);
  const repeatError =
    required(repeat) ?? (touched && repeat !== password ? t('userCenter.password.differ') : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setFailure(null);
    if (!current || !password || password === current || repeat !== password) return;
    change.mutate();
  };

  return (
    <SectionCard titleId="uc-password-title" title={t('userCenter.password.title')}>
      <Content component="p" className="xloud-uc-intro">
        {t('userCenter.password.intro')}
      </Content>
      <Form
        onSubmit={submit}
        noValidate
        className="xloud-uc-narrow"
        aria-labelledby="uc-password-title"
        data-testid="user-center-password-form"
      >
        <PasswordRules />
        <div aria-live="polite" aria-atomic="true">
          {failure ? (
            <Alert
              variant="danger"
              isInline
              title={t('userCenter.password.refused')}
              data-testid="user-center-password-error"
            >
              <p className="xloud-break">{failure}</p>
            </Alert>
          ) : null}
        </div>
        {/* For password managers: which account this password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={session.token.user.name} readOnly hidden />
        <TextField
          id="uc-password-current"
          label={t('userCenter.password.current')}
          type="password"
          value={current}
          onChange={setCurrent}
          required
          autoComplete="current-password"
          error={required(current)}
        />
        <TextField
          id="uc-password-new"
          label={t('userCenter.password.new')}
          type="password"
          value={password}
          onChange={setPassword}
          required
          autoComplete="new-password"
          error={newError}
        />
        <TextField
          id="uc-password-repeat"
          label={t('userCenter.password.repeat')}
          type="password"
          value={repeat}
          onChange={setRepeat}
          required
          autoComplete="new-password"
          error={repeatError}
        />
        <ActionGroup>
          <BusyButton
            type="submit"
            variant="primary"
            busy={change.isPending}
            busyLabel={t('userCenter.password.changing')}
            data-testid="user-center-password-submit"
          >
            {t('userCenter.password.submit')}
          </BusyButton>
        </ActionGroup>
      </Form>
    </SectionCard>
  );
}

/** DELETE /v3/OS-XLOUD/users/{me}/tokens after a confirmation; this session ends with the others. */
function SignOutEverywhereCard() {
  const session = useCurrentSession();
  const { expire } = useSession();
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: () => identity.users.revokeTokens(session.token.user.id),
    onSuccess: () => {
      setOpen(false);
      expire('signed-out-everywhere');
    },
  });
  const close = () => {
    if (revoke.isPending) return;
    setOpen(false);
    revoke.reset();
  };

  return (
    <>
      <SectionCard
        titleId="uc-sign-out-all-title"
        title={t('userCenter.signOutAll.title')}
        footer={
          <Button variant="danger" onClick={() => setOpen(true)} data-testid="user-center-sign-out-everywhere">
            {t('userCenter.signOutAll.button')}
          </Button>
        }
      >
        {t('userCenter.signOutAll.intro')}
      </SectionCard>
      <Modal
        variant="small"
        isOpen={open}
        onClose={close}
        aria-labelledby="uc-sign-out-all-modal-title"
        aria-describedby="uc-sign-out-all-modal-body"
      >
        <ModalHeader
          title={t('userCenter.signOutAll.confirmTitle')}
          labelId="uc-sign-out-all-modal-title"
          titleIconVariant="warning"
        />
        <ModalBody id="uc-sign-out-all-modal-body">
          {revoke.isError ? (
            <Alert variant="danger" isInline title={t('userCenter.signOutAll.failed')} className="xloud-uc-modal-alert">
              <p className="xloud-break">{errorMessage(revoke.error)}</p>
            </Alert>
          ) : null}
          <p className="xloud-break">{t('userCenter.signOutAll.confirmBody', { name: session.token.user.name })}</p>
        </ModalBody>
        <ModalActions onCancel={close} isCancelDisabled={revoke.isPending}>
          <BusyButton
            variant="danger"
            onClick={() => revoke.mutate()}
            busy={revoke.isPending}
            data-testid="user-center-sign-out-everywhere-confirm"
          >
            {t('userCenter.signOutAll.confirm')}
          </BusyButton>
        </ModalActions>
      </Modal>
    </>
  );
}
