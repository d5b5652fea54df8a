/** The v3 `auth` objects the sign-in forms send (the same JSON as POST /v3/auth/tokens). */
export interface PasswordForm {
  username: string;
  password: string;
  domain: string;
  project: string;
}

export interface AppCredForm {
  id: string;
  name: string;
  user: string;
  domain: string;
  secret: string;
}

export function passwordAuth(form: PasswordForm, password = form.password): unknown {
  const domain = { name: form.domain.trim() || 'Default' };
  const auth: Record<string, unknown> = {
    identity: { methods: ['password'], password: { user: { name: form.username, domain, password } } },
  };
  if (form.project.trim()) auth.scope = { project: { name: form.project.trim(), domain } };
  return auth;
}

export function appCredAuth(form: AppCredForm): unknown {
  const credential = form.id.trim()
    ? { id: form.id.trim(), secret: form.secret }
    : {
        name: form.name.trim(),
        secret: form.secret,
        user: { name: form.user.trim(), domain: { name: form.domain.trim() || 'Default' } },
      };
  return { identity: { methods: ['application_credential'], application_credential: credential } };
}
