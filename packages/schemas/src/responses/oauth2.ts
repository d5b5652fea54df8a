import { type Static, Type } from 'typebox';
import { closed } from './links.ts';

/** POST /v3/OS-OAUTH2/token (keystone/api/os_oauth2.py): an access token for an application credential. */
export const OAuth2AccessToken = Type.Object(
  {
    /** A Fernet token of the application credential, sent as X-Auth-Token. */
    access_token: Type.String(),
    /** Seconds the token is valid for. */
    expires_in: Type.Integer(),
    token_type: Type.Literal('Bearer'),
  },
  closed,
);
export type OAuth2AccessToken = Static<typeof OAuth2AccessToken>;
