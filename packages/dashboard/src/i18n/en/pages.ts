/**
 * English messages of the pages, one spread per area (each area's file lives beside this one), so that the areas can
 * grow independently while there is still one catalog.
 */
export const pages = {} as const;
