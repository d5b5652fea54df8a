import {
  ActionGroup,
  Alert,
  AlertActionCloseButton,
  Button,
  Card,
  CardBody,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Project, User } from '@xloud/sdk/browser';
import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity.ts';
import { errorMessage } from '../../api/errors.ts';
import { BusyButton } from '../../components/BusyButton.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { t } from '../../i18n/t.ts';
import {
  PROFILE_FIELDS,
  PROFILE_LABELS,
  PROFILE_MAX_LENGTH,
  profileChanges,
  profileValues,
  validateProfile,
  type ProfileField,
  type ProfileValues,
} from './profile-form.ts';
import { useMe, useMyId, useMyProjects, userCenterKeys } from './queries.ts';

type Notice = { variant: 'success' | 'info' | 'danger' | 'warning'; title: string; body?: string };

const INPUT_TYPES: Partial<Record<ProfileField, 'email' | 'tel'>> = { email: 'email', phone: 'tel' };
const AUTOCOMPLETE: Partial<Record<ProfileField, string>> = {
  email: 'email',
  first_name: 'given-name',
  last_name: 'family-name',
  phone: 'tel',
  job_title: 'organization-title',
};

const fieldId = (field: ProfileField) => `uc-profile-${field.replace(/_/g, '-')}`;

/** Profile Settings: the self-service fields, checked here first and saved with PATCH /v3/OS-XLOUD/users/{me}/profile. */
export function ProfileTab() {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} retry={() => void me.refetch()} action="identity:get_user" />;
  return <ProfileForm user={me.data} />;
}

function ProfileForm({ user }: { user: User }) {
  const myId = useMyId();
  const queryClient = useQueryClient();
  const projects = useMyProjects();
  const [initial, setInitial] = useState<ProfileValues>(() => profileValues(user));
  const [values, setValues] = useState<ProfileValues>(initial);
  const [shown, setShown] = useState<Partial<Record<ProfileField, boolean>>>({});
  const [notice, setNotice] = useState<Notice | null>(null);

  const errors = validateProfile(initial, values);
  const visibleError = (field: ProfileField) => (shown[field] ? errors[field] : undefined);

  const save = useMutation({
    mutationFn: (changes: ReturnType<typeof profileChanges>) => identity.users.updateProfile(myId, changes),
    onSuccess: (saved) => {
      queryClient.setQueryData(userCenterKeys.me(myId), saved);
      const next = profileValues(saved);
      setInitial(next);
      setValues(next);
      setShown({});
      setNotice({ variant: 'success', title: t('userCenter.profile.saved') });
    },
    onError: (error) =>
      setNotice({ variant: 'danger', title: t('userCenter.profile.refused'), body: errorMessage(error) }),
  });

  const set = (field: ProfileField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (notice?.variant === 'success' || notice?.variant === 'info') setNotice(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invalid = PROFILE_FIELDS.filter((field) => errors[field]);
    if (invalid.length > 0) {
      setShown(Object.fromEntries(invalid.map((field) => [field, true])));
      setNotice({ variant: 'danger', title: t('userCenter.profile.invalid') });
      document.getElementById(fieldId(invalid[0]))?.focus();
      return;
    }
    const changes = profileChanges(initial, values);
    if (Object.keys(changes).length === 0) {
      setNotice({ variant: 'info', title: t('userCenter.profile.noChanges') });
      return;
    }
    setNotice(null);
    save.mutate(changes);
  };

  const dirty = Object.keys(profileChanges(initial, values)).length > 0;

  const input = (field: ProfileField) => {
    const id = fieldId(field);
    const max = PROFILE_MAX_LENGTH[field];
    const error = visibleError(field);
    const help =
      field === 'phone' ? t('userCenter.profile.phoneHelp') : max ? t('userCenter.profile.upTo', { max }) : undefined;
    const text = error ?? help;
    const helpId = `${id}-help`;
    const common = {
      id,
      name: field,
      value: values[field],
      validated: error ? ('error' as const) : ('default' as const),
      'aria-describedby': text ? helpId : undefined,
      'aria-invalid': error ? true : undefined,
      onBlur: () => setShown((s) => ({ ...s, [field]: true })),
    };
    return (
      <FormGroup key={field} label={t(PROFILE_LABELS[field])} fieldId={id}>
        {field === 'description' ? (
          <TextArea {...common} onChange={(_e, v) => set(field)(v)} resizeOrientation="vertical" />
        ) : (
          <TextInput
            {...common}
            type={INPUT_TYPES[field] ?? 'text'}
            autoComplete={AUTOCOMPLETE[field] ?? 'off'}
            onChange={(_e, v) => set(field)(v)}
          />
        )}
        {text ? (
          <FormHelperText>
            <HelperText id={helpId}>
              <HelperTextItem variant={error ? 'error' : 'default'} data-testid={error ? `${id}-error` : undefined}>
                {text}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        ) : null}
      </FormGroup>
    );
  };

  return (
    <Card>
      <CardBody>
        <Content component="p" className="xloud-uc-intro">
          {t('userCenter.profile.intro')}
        </Content>
        <Form
          onSubmit={submit}
          noValidate
          aria-label={t('userCenter.profile.title')}
          className="xloud-uc-form"
          data-testid="user-center-profile-form"
        >
          <FormSection title={t('userCenter.profile.account')} titleElement="h2">
            <FormGroup label={t('userCenter.profile.name')} fieldId="uc-profile-name">
              <TextInput
                id="uc-profile-name"
                value={user.name}
                readOnlyVariant="default"
                aria-describedby="uc-profile-name-help"
              />
              <FormHelperText>
                <HelperText id="uc-profile-name-help">
                  <HelperTextItem>{t('userCenter.profile.nameHelp')}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            {input('email')}
            {input('description')}
            <DefaultProjectField
              value={values.default_project_id}
              onChange={set('default_project_id')}
              projects={projects.data}
              loading={projects.isPending}
              failure={projects.isError ? errorMessage(projects.error) : undefined}
              error={visibleError('default_project_id')}
            />
          </FormSection>
          <FormSection title={t('userCenter.profile.personal')} titleElement="h2">
            <div className="xloud-uc-form-grid">
              {input('first_name')}
              {input('last_name')}
              {input('phone')}
              {input('job_title')}
              {input('department')}
            </div>
          </FormSection>
          {/* Always present, so screen readers announce what lands in it. */}
          <div aria-live="polite" aria-atomic="true">
            {notice ? (
              <Alert
                variant={notice.variant}
                isInline
                title={notice.title}
                data-testid="user-center-profile-notice"
                actionClose={<AlertActionCloseButton onClose={() => setNotice(null)} />}
              >
                {notice.body ? <p className="xloud-break">{notice.body}</p> : null}
              </Alert>
            ) : null}
          </div>
          <ActionGroup>
            <BusyButton
              type="submit"
              variant="primary"
              busy={save.isPending}
              busyLabel={t('userCenter.profile.saving')}
              data-testid="user-center-profile-save"
            >
              {t('userCenter.profile.save')}
            </BusyButton>
            <Button
              variant="link"
              isDisabled={!dirty || save.isPending}
              onClick={() => {
                setValues(initial);
                setShown({});
                setNotice(null);
              }}
            >
              {t('userCenter.profile.reset')}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}

function DefaultProjectField(props: {
  value: string;
  onChange: (value: string) => void;
  projects: Project[] | undefined;
  loading: boolean;
  failure?: string;
  error?: string;
}) {
  const id = fieldId('default_project_id');
  const helpId = `${id}-help`;
  const sorted = [...(props.projects ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const listed = props.value === '' || sorted.some((p) => p.id === props.value);
  // The current value's option while the list loads, or when it is not among my projects (any more).
  const current = listed
    ? null
    : props.loading
      ? t('state.loading')
      : props.failure
        ? props.value
        : t('userCenter.profile.defaultProjectUnknown', { id: props.value });
  const text = props.error ?? props.failure ?? t('userCenter.profile.defaultProjectHelp');
  return (
    <FormGroup label={t('userCenter.profile.defaultProject')} fieldId={id}>
      <FormSelect
        id={id}
        name="default_project_id"
        value={props.value}
        onChange={(_e, v) => props.onChange(v)}
        aria-describedby={helpId}
        validated={props.error ? 'error' : 'default'}
      >
        <FormSelectOption value="" label={t('userCenter.profile.defaultProjectNone')} />
        {current ? <FormSelectOption value={props.value} label={current} /> : null}
        {sorted.map((project) => (
          <FormSelectOption key={project.id} value={project.id} label={project.name} />
        ))}
      </FormSelect>
      <FormHelperText>
        <HelperText id={helpId}>
          <HelperTextItem variant={props.error ? 'error' : props.failure ? 'warning' : 'default'}>
            {props.failure && !props.error ? t('userCenter.profile.projectsFailed', { message: props.failure }) : text}
          </HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
}
