/**
 * Port: a push channel between the nodes that share one database. A node announces after a write that
 * invalidates cached identity data; the others drop their caches at once instead of at their next poll of
 * the change counter (which stays as the safety net when a message is lost).
 */
export interface ChangeFeed {
  /** Tells the other nodes that shared data changed. Best effort: rejects when the channel is down. */
  announce(): Promise<void>;
  /**
   * Starts listening. onForeignChange runs for every announcement of another node, and after every
   * reconnection (announcements sent while the channel was down are lost). Never rejects: a channel that is
   * down at start is retried in the background.
   */
  listen(onForeignChange: () => void): Promise<void>;
  close(): Promise<void>;
}

/** One process owns the database (SQLite) or no push channel is configured: the counter poll alone. */
export const noChangeFeed: ChangeFeed = {
  announce: async () => undefined,
  listen: async () => undefined,
  close: async () => undefined,
};
