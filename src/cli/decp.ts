/**
 * The `entraide decp …` commands, as functions of the process dependencies so tests run them on
 * the test database. Each returns what to print on standard output and the exit code.
 */
import path from 'node:path';
import type { Deps } from '../server/platform/context.js';
import { importDecpFiles, type ImportReport } from '../server/procurement/import/import.service.js';
import { estimatePurchases } from '../server/procurement/indicators/estimate.service.js';
import { indicators } from '../server/procurement/indicators/indicators.service.js';

export class DecpUsageError extends Error {}

export type CommandOutput = { stdout: string; exitCode: number };

const fr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n);

/** A one-line progress bar on a terminal (standard error), redrawn at most every 100 ms. */
export function progressBar(stream: NodeJS.WriteStream) {
  let last = 0;
  return (file: string, done: number, total: number) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(ratio * width);
    stream.write(`\r${path.basename(file).slice(0, 40).padEnd(40)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(ratio * 100)} %`);
    if (done >= total) stream.write('\n');
  };
}

/** entraide decp import FILE... : exit 0 when every file was read, 2 when one could not be read. */
export async function decpImport(deps: Deps, files: string[], opts: { json: boolean; progress?: NodeJS.WriteStream }): Promise<CommandOutput> {
  if (!files.length) throw new DecpUsageError('Indiquez au moins un fichier DECP à importer.');
  const report: ImportReport = await importDecpFiles(deps, files, { onProgress: opts.progress ? progressBar(opts.progress) : undefined });
  const exitCode = report.errors.length ? 2 : 0;
  if (opts.json) return { stdout: JSON.stringify(report), exitCode };
  const lines = [
    `Enregistrements lus : ${fr(report.read)}`,
    `Nouveaux contrats : ${fr(report.imported)} ; fusionnés avec un contrat existant : ${fr(report.merged)} ; rejetés : ${fr(report.rejected)}`,
    `Contrats sans année (date invalide ou absente) : ${fr(report.undated)}`,
  ];
  const flags = Object.entries(report.flags);
  if (flags.length) lines.push(`Signalements : ${flags.map(([k, v]) => `${k} ${fr(v)}`).join(', ')}`);
  for (const e of report.errors) lines.push(`Fichier non importé (rien n'en a été gardé) : ${e.file} — ${e.message}`);
  lines.push(`Durée : ${fr(report.seconds)} s`);
  return { stdout: lines.join('\n'), exitCode };
}

/** A SIRET (14 digits) or SIREN (9 digits), spaces allowed. */
export function parseBuyer(raw: string | undefined): { siret: string } | { siren: string } {
  const v = (raw ?? '').replace(/\s/g, '');
  if (/^\d{14}$/.test(v)) return { siret: v };
  if (/^\d{9}$/.test(v)) return { siren: v };
  throw new DecpUsageError('--buyer : indiquez un SIRET (14 chiffres) ou un SIREN (9 chiffres).');
}

export function parseSiren(raw: string | undefined): string {
  const siren = (raw ?? '').replace(/\s/g, '');
  if (!/^\d{9}$/.test(siren)) throw new DecpUsageError('--buyer : indiquez un SIREN (9 chiffres).');
  return siren;
}

export function parseYear(raw: string | undefined, required: boolean): number | undefined {
  if (raw === undefined) {
    if (required) throw new DecpUsageError('--year : indiquez une année (AAAA).');
    return undefined;
  }
  if (!/^\d{4}$/.test(raw)) throw new DecpUsageError('--year : indiquez une année sur quatre chiffres (AAAA).');
  return Number(raw);
}

const statusLabel = { positive: 'oui', negative: 'non', unknown: 'non renseigné' };

/** entraide decp indicators --buyer SIRET_OR_SIREN [--year YYYY] */
export async function decpIndicators(deps: Deps, input: { buyer?: string; year?: string; json: boolean }): Promise<CommandOutput> {
  const scope = parseBuyer(input.buyer);
  const year = parseYear(input.year, false);
  const list = await indicators(deps, scope, { year });
  const buyer = 'siret' in scope ? scope.siret : scope.siren;
  const rowsOut = list.map((r) => ({ kind: r.kind, year: r.year, contracts: r.contracts, social: r.social, environmental: r.environmental, amount: r.amount }));
  if (input.json) return { stdout: JSON.stringify({ buyer, rows: rowsOut }), exitCode: 0 };
  if (!list.length) return { stdout: `Aucun contrat importé pour l'acheteur ${buyer}${year ? ` en ${year}` : ''}.`, exitCode: 0 };
  const lines = [`Acheteur ${buyer}`];
  for (const r of list) {
    const pct = (x: number | null) => (x === null ? '—' : `${fr(x * 100)} %`);
    lines.push(
      `${r.kind === 'marche' ? 'Marchés' : 'Concessions'} ${r.year ?? 'sans année'} : ${fr(r.contracts)} contrat(s) ; ` +
        `considération sociale ${statusLabel.positive} ${r.social.positive}, ${statusLabel.negative} ${r.social.negative}, ${statusLabel.unknown} ${r.social.unknown} (${pct(r.shares.social.ofAll)} de tous) ; ` +
        `environnementale ${statusLabel.positive} ${r.environmental.positive}, ${statusLabel.negative} ${r.environmental.negative}, ${statusLabel.unknown} ${r.environmental.unknown} (${pct(r.shares.environmental.ofAll)} de tous) ; ` +
        `montant ${fr(r.amount.total)} € HT (${r.amount.excluded} montant(s) écarté(s))`,
    );
  }
  return { stdout: lines.join('\n'), exitCode: 0 };
}

const estimateLabel = { likely_above: 'probablement au-dessus du seuil', likely_below: 'probablement en dessous du seuil', uncertain: 'incertain' };

/** entraide decp estimate --buyer SIREN --year YYYY */
export async function decpEstimate(deps: Deps, input: { buyer?: string; year?: string; json: boolean }): Promise<CommandOutput> {
  const siren = parseSiren(input.buyer);
  const year = parseYear(input.year, true)!;
  const e = await estimatePurchases(deps, siren, year);
  if (input.json) return { stdout: JSON.stringify(e), exitCode: 0 };
  return { stdout: [`SIREN ${siren}, ${year} : ${estimateLabel[e.status]}.`, ...e.reasons.map((r) => `- ${r}`)].join('\n'), exitCode: 0 };
}
