import { EventEmitter } from "node:events";

type Done = () => void;
type ConnectCallback = (err: unknown, client: unknown, done: Done) => void;
/** The part of a node-postgres style pool TypeORM's Postgres driver uses. */
interface Pool {
  connect(callback: ConnectCallback): unknown;
  end(callback: (err: unknown) => void): void;
}

/**
 * Wraps typeorm-pglite's pool so it hands out its one session to one query runner at a time, as a
 * PostgreSQL pool of size 1 would. PGlite has a single session: without this, two TypeORM transactions
 * interleave on it, a `FOR UPDATE` lock serialises nothing (same session) and one transaction's ROLLBACK
 * undoes the other's writes. The next runner waits until the previous one is released.
 */
export function serialisePool(PoolClass: new () => object): new () => Pool & EventEmitter {
  return class SerialPGlitePool extends EventEmitter {
    private readonly inner = new PoolClass() as Pool;
    private busy = false;
    private readonly waiting: (() => void)[] = [];

    connect(callback: ConnectCallback): void {
      if (!this.busy) {
        this.busy = true;
        this.grant(callback);
      } else {
        this.waiting.push(() => this.grant(callback));
      }
    }

    end(callback: (err: unknown) => void): void {
      this.inner.end(callback);
    }

    private grant(callback: ConnectCallback): void {
      void this.inner.connect((err, client) => {
        if (err) {
          this.release();
          return callback(err, null, () => undefined);
        }
        let released = false;
        callback(null, client, () => {
          if (released) return;
          released = true;
          this.release();
        });
      });
    }

    private release(): void {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    }
  };
}
