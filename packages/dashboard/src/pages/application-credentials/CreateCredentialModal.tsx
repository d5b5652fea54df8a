import {
  Alert,
  Checkbox,
  Form,
  FormGroup,
  Modal,
  ModalBody,
  ModalHeader,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useMutation } from '@tanstack/react-query';
import type { ApplicationCredential, NamedRef } from '@xloud/sdk/browser';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/errors.ts';
import { identity } from '../../api/identity.ts';
import { BusyButton } from '../../components/BusyButton.tsx';
import { ModalActions } from '../../components/ModalActions.tsx';
import { t } from '../../i18n/t.ts';
import { AccessRulesEditor } from './AccessRulesEditor.tsx';
import {
  emptyForm,
  hasErrors,
  toCreateRequest,
  validate,
  type CredentialForm,
  type FormErrors,
} from './credential-form.ts';
import { ExpiryField } from './ExpiryField.tsx';
import { FieldHelp } from './FieldHelp.tsx';

const FORM_ID = 'create-app-cred-form';

/** Moves the focus to the first field the user has to fix, so keyboard and screen-reader users land on it. */
function focusFirstError(errors: FormErrors) {
  const ruleKey = Object.keys(errors.rules)[0];
  const rule = ruleKey === undefined ? undefined : errors.rules[Number(ruleKey)];
  const id = errors.name
    ? 'app-cred-name'
    : errors.secret
      ? 'app-cred-secret'
      : errors.expiry
        ? 'app-cred-expiry-date'
        : errors.roles
          ? 'app-cred-roles'
          : rule
            ? `rule-${rule.service ? 'service' : 'path'}-${ruleKey}`
            : undefined;
  if (!id) return;
  const element = document.getElementById(id);
  (element?.matches('input, textarea, select') ? element : element?.querySelector<HTMLElement>('input'))?.focus();
}

/**
 * The create form: Horizon's fields (name, description, secret, expiry in UTC, roles, access rules, unrestricted)
 * checked field by field before anything is sent, and the server's own words when it refuses.
 */
export function CreateCredentialModal(props: {
  userId: string;
  projectName: string;
  roles: NamedRef[];
  existingNames: ReadonlySet<string>;
  onClose: () => void;
  onCreated: (credential: ApplicationCredential) => void;
}) {
  const [form, setForm] = useState<CredentialForm>(() => emptyForm(props.roles.map((r) => r.id)));
  const [submitted, setSubmitted] = useState(false);
  const [now] = useState(() => new Date());
  const errors: FormErrors = submitted ? validate(form, props.existingNames, new Date()) : { rules: {} };
  const set = (patch: Partial<CredentialForm>) => setForm((f) => ({ ...f, ...patch }));

  const create = useMutation({
    mutationFn: (body: ReturnType<typeof toCreateRequest>) =>
      identity.applicationCredentials.create(body, { user_id: props.userId }),
    onSuccess: (credential) => props.onCreated(credential),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validate(form, props.existingNames, new Date());
    if (hasErrors(found)) {
      // After React has rendered the error states.
      setTimeout(() => focusFirstError(found), 0);
      return;
    }
    create.mutate(toCreateRequest(form));
  };

  const toggleRole = (id: string, checked: boolean) =>
    set({
      roleIds: checked
        ? props.roles.filter((r) => r.id === id || form.roleIds.includes(r.id)).map((r) => r.id)
        : form.roleIds.filter((r) => r !== id),
    });

  return (
    <Modal
      isOpen
      onClose={props.onClose}
      variant="medium"
      aria-labelledby="create-app-cred-title"
      aria-describedby="create-app-cred-intro"
      elementToFocus="#app-cred-name"
    >
      <ModalHeader
        title={t('appCreds.form.title')}
        labelId="create-app-cred-title"
        description={<span id="create-app-cred-intro">{t('appCreds.form.intro', { project: props.projectName })}</span>}
      />
      <ModalBody>
        <Form id={FORM_ID} onSubmit={submit} noValidate>
          {create.isError ? (
            <Alert
              variant="danger"
              isInline
              title={t('appCreds.form.refused', { message: errorMessage(create.error) })}
              data-testid="create-app-cred-error"
            />
          ) : submitted && hasErrors(errors) ? (
            <Alert variant="danger" isInline isPlain title={t('appCreds.form.fixErrors')} />
          ) : null}
          <FormGroup label={t('appCreds.form.name')} isRequired fieldId="app-cred-name">
            <TextInput
              id="app-cred-name"
              value={form.name}
              onChange={(_event, name) => set({ name })}
              isRequired
              validated={errors.name ? 'error' : 'default'}
              aria-describedby="app-cred-name-help"
              autoComplete="off"
            />
            <FieldHelp id="app-cred-name-help" help={t('appCreds.form.nameHelp')} error={errors.name} />
          </FormGroup>
          <FormGroup label={t('appCreds.form.description')} fieldId="app-cred-description">
            <TextArea
              id="app-cred-description"
              value={form.description}
              onChange={(_event, description) => set({ description })}
              resizeOrientation="vertical"
            />
          </FormGroup>
          <FormGroup label={t('appCreds.form.secret')} fieldId="app-cred-secret">
            <TextInput
              id="app-cred-secret"
              type="password"
              value={form.secret}
              onChange={(_event, secret) => set({ secret })}
              validated={errors.secret ? 'error' : 'default'}
              aria-describedby="app-cred-secret-help"
              autoComplete="new-password"
            />
            <FieldHelp id="app-cred-secret-help" help={t('appCreds.form.secretHelp')} error={errors.secret} />
          </FormGroup>
          <ExpiryField
            date={form.expiryDate}
            time={form.expiryTime}
            now={now}
            error={errors.expiry}
            onChange={(expiryDate, expiryTime) => set({ expiryDate, expiryTime })}
          />
          <FormGroup label={t('appCreds.form.roles')} role="group" isRequired fieldId="app-cred-roles">
            <div id="app-cred-roles" data-testid="app-cred-roles">
              {props.roles.map((role) => (
                <Checkbox
                  key={role.id}
                  id={`app-cred-role-${role.id}`}
                  label={role.name ?? role.id}
                  isChecked={form.roleIds.includes(role.id)}
                  onChange={(_event, checked) => toggleRole(role.id, checked)}
                />
              ))}
            </div>
            <FieldHelp id="app-cred-roles-help" help={t('appCreds.form.rolesHelp')} error={errors.roles} />
          </FormGroup>
          <FormGroup label={t('appCreds.form.accessRules')} role="group" fieldId="app-cred-access-rules">
            <FieldHelp id="app-cred-access-rules-help" help={t('appCreds.form.accessRulesHelp')} />
            <AccessRulesEditor rules={form.rules} errors={errors.rules} onChange={(rules) => set({ rules })} />
          </FormGroup>
          <FormGroup fieldId="app-cred-unrestricted">
            <Switch
              id="app-cred-unrestricted"
              label={t('appCreds.form.unrestricted')}
              isChecked={form.unrestricted}
              onChange={(_event, unrestricted) => set({ unrestricted })}
              aria-describedby="app-cred-unrestricted-warning"
            />
            <Alert
              id="app-cred-unrestricted-warning"
              variant={form.unrestricted ? 'warning' : 'info'}
              isInline
              isPlain
              title={t('appCreds.form.unrestrictedWarningTitle')}
              className="xloud-ac-unrestricted-warning"
            >
              {t('appCreds.form.unrestrictedWarning')}
            </Alert>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalActions onCancel={props.onClose}>
        <BusyButton
          type="submit"
          form={FORM_ID}
          variant="primary"
          busy={create.isPending}
          busyLabel={t('appCreds.form.creating')}
          data-testid="create-app-cred-submit"
        >
          {t('action.create')}
        </BusyButton>
      </ModalActions>
    </Modal>
  );
}
