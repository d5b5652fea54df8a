/**
 * English messages of the pages, one spread per area (each area's file lives beside this one), so that the areas can
 * grow independently while there is still one catalog.
 */
import { userCenter } from './user-center.ts';
import { admin } from './admin.ts';
import { applicationCredentials } from './application-credentials.ts';
import { apiAccess } from './api-access.ts';
import { overview } from './overview.ts';

export const pages = {
  ...userCenter,
  ...admin,
  ...applicationCredentials,
  ...apiAccess,
  ...overview,
} as const;
