/** The parsed body of POST /v3/auth/tokens (after schema validation). */
export interface UserReference {
  id?: string;
  name?: string;
  domain?: { id?: string; name?: string };
}

export interface AuthRequest {
  identity: {
    methods: string[];
    password?: { user: UserReference & { password: string } };
    token?: { id: string };
    application_credential?: { id?: string; name?: string; secret: string; user?: UserReference };
    totp?: { user: UserReference & { passcode: string } };
    /** The credential is the request's OAuth Authorization header. */
    oauth1?: object;
  };
  scope?:
    | 'unscoped'
    | {
        project?: { id?: string; name?: string; domain?: { id?: string; name?: string } };
        domain?: { id?: string; name?: string };
        system?: { all?: boolean };
        'OS-TRUST:trust'?: { id: string };
      };
}
