/**
 * The `entraide decp …` commands, as functions of the process dependencies so tests run them on
 * the test database. Each returns what to print on standard output and the exit code.
 */
import path from 'node:path';
import type { Deps } from '../server/platform/context.js';
import { importDecpFiles, type ImportReport } from '../server/procurement/import/import.service.js';
import { estimatePurchases } from '../server/procurement/indicators/estimate.service.js';
import { organisationKinds, type OrganisationKind } from '../server/organisations/organisations.tables.js';
import { indicators, type Scope } from '../server/procurement/indicators/indicators.service.js';
import { DEFECT_KINDS, generateDecp, type DefectKind, type GenFormat } from '../server/procurement/import/generate.js';

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

export type IndicatorsInput = { buyer?: string; departement?: string; region?: string; kind?: string; national?: boolean; year?: string; json: boolean };

/**
 * The scope of `decp indicators`: exactly one of --buyer, --departement, --region, --kind, --national.
 * A group is named in the output as "departement:69", "region:84", "kind:commune" or "national".
 */
export function parseScope(input: Omit<IndicatorsInput, 'json' | 'year'>): { scope: Scope; key: 'buyer' | 'group'; name: string; label: string } {
  const given = (['buyer', 'departement', 'region', 'kind', 'national'] as const).filter((k) => input[k] !== undefined && input[k] !== false);
  if (given.length !== 1) throw new DecpUsageError('Indiquez un seul périmètre : --buyer, --departement, --region, --kind ou --national.');
  if (input.buyer !== undefined) {
    const scope = parseBuyer(input.buyer);
    const name = 'siret' in scope ? scope.siret : scope.siren;
    return { scope, key: 'buyer', name, label: `Acheteur ${name}` };
  }
  if (input.departement !== undefined) {
    const code = input.departement.trim().toUpperCase();
    if (!/^(\d{2}|2A|2B|97[1-8])$/.test(code)) throw new DecpUsageError('--departement : indiquez un code de département (69, 2A, 974…).');
    return { scope: { departement: code }, key: 'group', name: `departement:${code}`, label: `Département ${code}` };
  }
  if (input.region !== undefined) {
    const code = input.region.trim();
    if (!/^\d{2}$/.test(code)) throw new DecpUsageError('--region : indiquez un code de région sur deux chiffres (84, 11…).');
    return { scope: { region: code }, key: 'group', name: `region:${code}`, label: `Région ${code}` };
  }
  if (input.kind !== undefined) {
    const kind = input.kind.trim() as OrganisationKind;
    if (!organisationKinds.includes(kind)) throw new DecpUsageError(`--kind : indiquez une sorte d'organisation parmi ${organisationKinds.join(', ')}.`);
    return { scope: { organisationKind: kind }, key: 'group', name: `kind:${kind}`, label: `Organisations de sorte « ${kind} »` };
  }
  return { scope: { nation: true }, key: 'group', name: 'national', label: 'Ensemble des acheteurs' };
}

/** entraide decp indicators (--buyer SIRET_OR_SIREN | --departement D | --region R | --kind K | --national) [--year YYYY] */
export async function decpIndicators(deps: Deps, input: IndicatorsInput): Promise<CommandOutput> {
  const { scope, key, name, label } = parseScope(input);
  const year = parseYear(input.year, false);
  const list = await indicators(deps, scope, { year });
  const rowsOut = list.map((r) => ({ kind: r.kind, year: r.year, contracts: r.contracts, social: r.social, environmental: r.environmental, amount: r.amount }));
  if (input.json) return { stdout: JSON.stringify({ [key]: name, rows: rowsOut }), exitCode: 0 };
  if (!list.length) {
    const none = key === 'buyer' ? `Aucun contrat importé pour l'acheteur ${name}` : `Aucun contrat importé pour ce périmètre (${label})`;
    return { stdout: `${none}${year ? ` en ${year}` : ''}.`, exitCode: 0 };
  }
  const lines = [label];
  for (const r of list) {
    const pct = (x: number | null) => (x === null ? '—' : `${fr(x * 100)} %`);
    lines.push(
      `${r.kind === 'marche' ? 'Marchés' : 'Concessions'} ${r.year ?? 'sans année'} : ${fr(r.contracts)} contrat(s) ; ` +
        `considération sociale ${statusLabel.positive} ${r.social.positive}, ${statusLabel.negative} ${r.social.negative}, ${statusLabel.unknown} ${r.social.unknown} (${pct(r.shares.social.ofAll)} des contrats, ${pct(r.shares.value.social.ofAll)} en valeur) ; ` +
        `environnementale ${statusLabel.positive} ${r.environmental.positive}, ${statusLabel.negative} ${r.environmental.negative}, ${statusLabel.unknown} ${r.environmental.unknown} (${pct(r.shares.environmental.ofAll)} des contrats, ${pct(r.shares.value.environmental.ofAll)} en valeur) ; ` +
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
  // The stable report of the command: the estimate's own fields, not the inputs the verdict also reads.
  const { siren: s, year: y, threshold, notified, annualised, status, reasons } = e;
  if (input.json) return { stdout: JSON.stringify({ siren: s, year: y, threshold, notified, annualised, status, reasons }), exitCode: 0 };
  return { stdout: [`SIREN ${siren}, ${year} : ${estimateLabel[e.status]}.`, ...e.reasons.map((r) => `- ${r}`)].join('\n'), exitCode: 0 };
}

export type GenerateInput = {
  contracts?: string;
  out?: string;
  format?: string;
  defects?: string;
  defectKinds?: string;
  duplicates?: string;
  seed?: string;
  year?: string;
  json: boolean;
};

const share = (raw: string | undefined, name: string, fallback: number) => {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new DecpUsageError(`${name} : indiquez une part entre 0 et 1 (par exemple 0.01).`);
  return n;
};

/** Checks the arguments of `decp generate` (before anything is written). */
export function parseGenerate(input: GenerateInput) {
  const contracts = Number(input.contracts);
  if (!input.contracts || !Number.isInteger(contracts) || contracts < 1) throw new DecpUsageError('--contracts : indiquez un nombre entier de contrats (1 ou plus).');
  if (!input.out) throw new DecpUsageError('--out : indiquez le fichier à écrire.');
  const format = (input.format ?? 'json') as GenFormat;
  if (!['json', 'xml', 'csv'].includes(format)) throw new DecpUsageError('--format : json, xml ou csv.');
  const defectKinds = input.defectKinds ? input.defectKinds.split(',').map((k) => k.trim()) : undefined;
  const unknown = defectKinds?.filter((k) => !DEFECT_KINDS.includes(k as DefectKind));
  if (unknown?.length) throw new DecpUsageError(`--defect-kinds : défaut inconnu (${unknown.join(', ')}) ; valeurs possibles : ${DEFECT_KINDS.join(', ')}.`);
  const defects = share(input.defects, '--defects', 0);
  const kinds = defectKinds?.length ?? DEFECT_KINDS.length;
  if (defects * kinds > 1) throw new DecpUsageError(`--defects : au plus ${Math.floor(1e4 / kinds) / 1e4} avec ${kinds} sortes de défauts (un défaut au plus par enregistrement).`);
  const seed = input.seed === undefined ? 1 : Number(input.seed);
  if (!Number.isInteger(seed)) throw new DecpUsageError('--seed : indiquez un nombre entier.');
  return {
    out: input.out,
    options: {
      contracts,
      format,
      defects,
      defectKinds: defectKinds as DefectKind[] | undefined,
      duplicates: share(input.duplicates, '--duplicates', 0.05),
      seed,
      year: parseYear(input.year, false) ?? 2024,
    },
  };
}

/** entraide decp generate --contracts N --out FICHIER [--format json|xml|csv] [--defects PART] [--seed S] */
export async function decpGenerate(input: GenerateInput): Promise<CommandOutput> {
  const { out, options } = parseGenerate(input);
  const started = performance.now();
  const summary = await generateDecp(out, options);
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  if (input.json) return { stdout: JSON.stringify({ file: out, ...summary, seconds }), exitCode: 0 };
  const defects = Object.entries(summary.defects);
  return {
    stdout: [
      `${out} : ${fr(summary.records)} enregistrement(s), ${fr(summary.bytes / 1e6)} Mo, en ${fr(seconds)} s`,
      `${fr(summary.primary)} contrat(s) dont ${fr(summary.concessions)} concession(s), ${fr(summary.duplicates)} doublon(s), ${fr(summary.buyers)} acheteur(s)`,
      defects.length ? `Défauts : ${defects.map(([k, v]) => `${k} ${fr(v)}`).join(', ')}` : 'Aucun défaut.',
    ].join('\n'),
    exitCode: 0,
  };
}
