import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db.js';

/** The name of a buyer that procurement data shows without a name. */
export const decpPlaceholderName = (siren: string) => `Acheteur ${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6, 9)}`;

/**
 * Every SIREN of `source` (rows of buyer_siren, buyer_name) absent from the registry becomes an
 * organisation « connue par les données de la commande publique » (source 'decp', kind 'autre', no
 * legal category: the verdict treats its kind as unknown), named by the name the data gives most
 * often, else « Acheteur 123 456 789 ». A buyer created so without a name takes one when a later file
 * gives it. The SIRENE import (ADR 0021) later gives these units their register name and kind.
 */
export async function addDecpBuyers(db: Db, now: Date, source: SQL): Promise<void> {
  await db.execute(sql`
    WITH src AS (${source}),
    named AS (
      SELECT buyer_siren AS siren, nullif(btrim(buyer_name), '') AS name, count(*) AS n FROM src
      WHERE buyer_siren ~ '^[0-9]{9}$' GROUP BY 1, 2
    ),
    buyers AS (
      SELECT siren, (array_agg(name ORDER BY n DESC, name) FILTER (WHERE name IS NOT NULL))[1] AS name FROM named GROUP BY siren
    )
    INSERT INTO organisations (siren, name, kind, source, created_at, updated_at)
    SELECT b.siren,
      coalesce(b.name, 'Acheteur ' || substr(b.siren, 1, 3) || ' ' || substr(b.siren, 4, 3) || ' ' || substr(b.siren, 7, 3)),
      'autre', 'decp', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    FROM buyers b
    ON CONFLICT (siren) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
    WHERE organisations.source = 'decp'
      AND organisations.name = 'Acheteur ' || substr(organisations.siren, 1, 3) || ' ' || substr(organisations.siren, 4, 3) || ' ' || substr(organisations.siren, 7, 3)
      AND excluded.name <> organisations.name`);
}
