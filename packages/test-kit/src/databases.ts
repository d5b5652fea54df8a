import { createConnection } from 'mysql2/promise';
import pg from 'pg';

export const POSTGRES_ADMIN_URL =
  process.env.XLOUD_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A fresh, empty PostgreSQL database on the real server; dropped by the returned function. */
export async function createPostgresDatabase(
  adminUrl = POSTGRES_ADMIN_URL,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `xloud_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const MYSQL_ADMIN_URL = process.env.XLOUD_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

/** A fresh, empty MariaDB / MySQL database on the real server (default collation: the migrations set theirs). */
export async function createMysqlDatabase(adminUrl = MYSQL_ADMIN_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `xloud_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await createConnection(adminUrl);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = await createConnection(adminUrl);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}
