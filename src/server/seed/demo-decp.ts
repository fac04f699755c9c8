/**
 * Demo procurement data: a synthetic DECP 2024 file for the 16 most populated communes (the demo
 * members' cities among them), 2022 to 2025, written and imported through the real import once, so the
 * organisation pages and the observatory show figures on a fresh installation. Deterministic (seeded
 * pseudo-random numbers); invented contracts, never presented as real data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { organisations } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import { rng as random } from '../procurement/import/generate.js';
import { importDecpFile } from '../procurement/import/import.service.js';

const YEARS = [2022, 2023, 2024, 2025];
const CPV = ['45000000', '45200000', '90500000', '79000000', '72000000', '30190000', '15800000', '34100000', '50000000', '71000000'];
const PROCEDURES = ["Appel d'offres ouvert", 'Procédure adaptée', 'Procédure adaptée', 'Procédure négociée sans publicité ni mise en concurrence préalable'];

/** Imports the demo DECP file; returns how many contracts it holds (0 when no commune is in the registry). */
export async function seedDemoDecp(deps: Deps): Promise<number> {
  const communes = await deps.db
    .select({ siren: organisations.siren, population: organisations.population })
    .from(organisations)
    .where(and(eq(organisations.kind, 'commune'), isNotNull(organisations.siren), isNotNull(organisations.population)))
    .orderBy(desc(organisations.population))
    .limit(16);
  if (!communes.length) return 0;
  // Seeded (mulberry32), so every installation gets the same demo figures.
  const rnd = random(20_260_101);
  const records: Record<string, unknown>[] = [];
  communes.forEach((c, ci) => {
    // Yearly purchases of about 400 € per inhabitant, published as contracts of 40 000 € HT and more.
    const yearly = (c.population ?? 50_000) * 400;
    const socialBase = 0.08 + rnd() * 0.15;
    const envBase = 0.12 + rnd() * 0.2;
    for (const year of YEARS) {
      const n = Math.max(8, Math.min(30, Math.round(yearly / 3_000_000)));
      const progress = (year - 2022) * (0.04 + rnd() * 0.04);
      for (let i = 0; i < n; i++) {
        const amount = Math.round((yearly / n) * (0.4 + rnd() * 1.2));
        const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
        const date = `${year}-${month}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        const informed = rnd() > 0.15;
        const social = !informed ? undefined : rnd() < socialBase + progress ? [rnd() < 0.7 ? 'Clause sociale' : 'Critère social'] : ['Pas de considération sociale'];
        const env = !informed ? undefined : rnd() < envBase + progress * 1.5 ? [rnd() < 0.5 ? 'Clause environnementale' : 'Critère environnemental'] : ['Pas de considération environnementale'];
        records.push({
          id: `DEMO-${year}-${ci}-${i}`,
          acheteur: { id: `${c.siren}00011` },
          nature: 'Marché',
          objet: `Marché de démonstration ${i + 1} (${year})`,
          codeCPV: CPV[Math.floor(rnd() * CPV.length)],
          procedure: PROCEDURES[Math.floor(rnd() * PROCEDURES.length)],
          dureeMois: [12, 24, 36, 48][Math.floor(rnd() * 4)],
          dateNotification: date,
          datePublicationDonnees: date,
          montant: amount,
          ...(social ? { considerationsSociales: { considerationSociale: social } } : {}),
          ...(env ? { considerationsEnvironnementales: { considerationEnvironnementale: env } } : {}),
          modifications: [],
        });
      }
    }
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-demo-decp-'));
  const file = path.join(dir, 'decp-demonstration.json');
  try {
    fs.writeFileSync(file, JSON.stringify({ marches: records }));
    const report = await importDecpFile(deps, file);
    return report.imported;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
