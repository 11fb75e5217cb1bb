/**
 * PostgreSQL's LISTEN on one connection of its own: what other instances (and this one) commit is told to every
 * instance within a moment. A notification sent while the connection is down is lost, so a subscriber is told
 * (`lost`) whenever the feed stops and must then trust nothing it learned before; `live` says whether it may.
 */
import { createRequire } from 'node:module';
import type { Client } from 'pg';
import type { Logger } from '../logger';

/** The channel migration 026's triggers notify with the id of a user whose sessions, account or bindings changed. */
export const SESSION_CHANGES_CHANNEL = 'uh_session_changes';

export interface Subscriber {
  message(payload: string): void;
  /** The feed stopped, or started again after a gap in which messages may have been lost. */
  lost(): void;
}

/**
 * What changes a kind of row, as this process hears of it. This class alone serves a database the process alone
 * writes (SQLite): always live, and each of the process's writes tells every subscriber in it that anything may have
 * changed. ChannelFeed adds what other processes commit.
 */
export class ChangeFeed {
  /** Every change is heard of while this holds. */
  live = true;
  protected readonly subscribers = new Set<Subscriber>();

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** This process has written (a state-changing request answered): its subscribers forget at once, without waiting on a notification's trip. */
  written(): void {
    for (const s of this.subscribers) s.lost();
  }

  async close(): Promise<void> {}
}

/** Between a lost connection and the next attempt. */
const RECONNECT_MS = 1000;

export class ChannelFeed extends ChangeFeed {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  /** LISTEN has answered on the current connection: from then on nothing committed is missed. */
  override live = false;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly logger?: Logger,
  ) {
    super();
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  }

  /** Subscribes, and starts listening if nobody was yet; returns the unsubscribe. */
  override subscribe(subscriber: Subscriber): () => void {
    const unsubscribe = super.subscribe(subscriber);
    if (!this.client && !this.connecting && !this.closed) void this.connect();
    return unsubscribe;
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
      const client = new pg.Client({ connectionString: this.connectionString, application_name: `unit hall: ${this.channel}` });
      client.on('notification', (n) => {
        if (n.channel !== this.channel) return;
        for (const s of this.subscribers) s.message(n.payload ?? '');
      });
      client.on('error', (error) => this.drop(client, error));
      client.on('end', () => this.drop(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${this.channel}`);
        if (this.closed) return void (await client.end());
        this.client = client;
        // Whatever was committed before LISTEN answered may not have reached us.
        for (const s of this.subscribers) s.lost();
        this.live = true;
      } catch (error) {
        this.drop(client, error);
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private drop(client: Client, error?: unknown): void {
    if (this.client !== null && this.client !== client) return;
    const wasLive = this.live;
    this.live = false;
    this.client = null;
    if (wasLive) for (const s of this.subscribers) s.lost();
    if (!this.closed) {
      if (error) this.logger?.warn({ err: error }, `listening on ${this.channel} stopped; trying again`);
      client.removeAllListeners('end');
      client.end().catch(() => undefined);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.connect(), RECONNECT_MS);
      this.timer.unref();
    }
  }

  override async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    clearTimeout(this.timer);
    await this.connecting;
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
