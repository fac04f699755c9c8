/**
 * `entraide registry import-sirene FILE [--etablissements FILE] [--json]`, as a function of the
 * process dependencies so tests run it on the test database (ADR 0021).
 */
import type { Deps } from '../server/platform/context.js';
import { organisationKindLabels } from '../server/organisations/organisations.contract.js';
import { importSirene, SireneFileError, type SireneOptions } from '../server/organisations/sirene/import.service.js';
import type { CommandOutput } from './decp.js';

const fr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n);

/** Exit 0 when imported, 2 when the file was refused (then nothing changed). */
export async function registryImportSirene(
  deps: Deps,
  file: string,
  opts: { json: boolean; etablissements?: string; progress?: SireneOptions['onProgress']; limits?: SireneOptions['limits']; dataDir?: string },
): Promise<CommandOutput> {
  try {
    const r = await importSirene(deps, file, { etablissements: opts.etablissements, onProgress: opts.progress, limits: opts.limits, dataDir: opts.dataDir });
    if (opts.json) return { stdout: JSON.stringify(r), exitCode: 0 };
    const lines = [
      `Unités légales lues : ${fr(r.read)} ; retenues comme acheteurs : ${fr(r.kept)} (dont ${fr(r.ceased)} cessée(s), gardée(s) et marquée(s))`,
      ...Object.entries(r.byKind).map(([k, n]) => `  ${organisationKindLabels[k as keyof typeof organisationKindLabels]} : ${fr(n)}`),
      `Organisations créées : ${fr(r.created)} ; mises à jour : ${fr(r.updated)} ; inchangées : ${fr(r.unchanged)} ; SIREN complétés : ${fr(r.sirenCompleted)}`,
    ];
    if (r.establishments) lines.push(`Établissements lus : ${fr(r.establishments.read)} ; sièges trouvés : ${fr(r.establishments.headOffices)}`);
    if (r.skipped) {
      lines.push(`Lignes ignorées : ${fr(r.skipped)}`);
      for (const w of r.warnings) lines.push(`  ligne ${w.line} : ${w.reason}`);
    }
    lines.push(`Durée : ${fr(r.seconds)} s`);
    return { stdout: lines.join('\n'), exitCode: 0 };
  } catch (e) {
    if (!(e instanceof SireneFileError)) throw e;
    const message = `Import refusé (rien n'a été modifié) : ${e.message}`;
    return { stdout: opts.json ? JSON.stringify({ error: e.message }) : message, exitCode: 2 };
  }
}
