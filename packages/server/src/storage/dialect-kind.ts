export type DialectKind = 'sqlite' | 'postgres' | 'mysql';
