/** A private PostgreSQL server started by startPostgres(). */
export interface PostgresServer {
  url: string;
  /** Stops the server as an operator would (`pg_ctl -m fast stop`). */
  stop(): void;
  /** Starts it again on the same data and port. */
  start(): void;
  /** Stops it and deletes its folder. */
  remove(): void;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number>;

/** Starts a private PostgreSQL in a temp folder, listening on 127.0.0.1 only. */
export function startPostgres(): Promise<PostgresServer>;
