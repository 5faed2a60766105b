import type { LaunchContext } from '@henvis/contracts';
import type { Queryable } from '../db/database.js';

/** What a launch session keeps: the verified launch's context and the page's options, the vendor's stylesheet among them. */
export type StoredLaunch = Omit<LaunchContext, 'apiUrl' | 'expiresAt'> & { styleUrl?: string };

export interface LaunchSession {
  issuer: string;
  launch: StoredLaunch;
  expiresAt: Date;
}

/**
 * Takes a launch token's `jti` for its issuer, once: false when it was taken already (a replay). The row is kept
 * until `until`, when the token could no longer verify, so a replay is refused as long as the token itself lives.
 */
export async function takeJti(tx: Queryable, issuer: string, jti: string, until: Date): Promise<boolean> {
  const rows = await tx.query(
    `insert into launch_jtis (issuer, jti, expires_at) values ($1, $2, $3) on conflict (issuer, jti) do nothing returning 1`,
    [issuer, jti, until.toISOString()],
  );
  return rows.length === 1;
}

/** Deletes the used jtis and sessions that have expired; returns how many of each. */
export async function purgeExpiredLaunches(tx: Queryable, now: Date): Promise<{ jtis: number; sessions: number }> {
  const jtis = await tx.query(`delete from launch_jtis where expires_at < $1 returning 1`, [now.toISOString()]);
  const sessions = await tx.query(`delete from launch_sessions where expires_at < $1 returning 1`, [now.toISOString()]);
  return { jtis: jtis.length, sessions: sessions.length };
}

export async function createSession(tx: Queryable, idHash: string, session: LaunchSession): Promise<void> {
  await tx.query(`insert into launch_sessions (id_hash, issuer, launch, expires_at) values ($1, $2, $3::jsonb, $4)`, [
    idHash,
    session.issuer,
    JSON.stringify(session.launch),
    session.expiresAt.toISOString(),
  ]);
}

/** The session of a cookie's id hash, if it has not expired. */
export async function findSession(q: Queryable, idHash: string, now: Date): Promise<LaunchSession | undefined> {
  const [row] = await q.query<{ issuer: string; launch: StoredLaunch | string; expires_at: Date | string }>(
    `select issuer, launch, expires_at from launch_sessions where id_hash = $1 and expires_at > $2`,
    [idHash, now.toISOString()],
  );
  if (!row) return undefined;
  const launch = typeof row.launch === 'string' ? (JSON.parse(row.launch) as StoredLaunch) : row.launch;
  return { issuer: row.issuer, launch, expiresAt: new Date(row.expires_at) };
}

export async function endSession(tx: Queryable, idHash: string): Promise<void> {
  await tx.query(`delete from launch_sessions where id_hash = $1`, [idHash]);
}
