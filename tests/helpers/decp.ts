import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A DECP 2024 record written by hand: a marché, or a concession when `concession` is set. */
export type Rec = {
  id: string;
  siret: string;
  date: string;
  amount: number;
  months?: number;
  cpv?: string;
  procedure?: string;
  social?: string[];
  env?: string[];
  concession?: boolean;
  objet?: string;
};

/** The record in the DECP 2024 JSON format (considerations as wrapper objects, as published). */
export function decpRecord(r: Rec): Record<string, unknown> {
  const common = {
    id: r.id,
    objet: r.objet ?? `Contrat ${r.id}`,
    procedure: r.procedure ?? 'Procédure adaptée',
    dureeMois: r.months ?? 12,
    datePublicationDonnees: r.date,
    ...(r.social ? { considerationsSociales: { considerationSociale: r.social } } : {}),
    ...(r.env ? { considerationsEnvironnementales: { considerationEnvironnementale: r.env } } : {}),
    modifications: [],
  };
  return r.concession
    ? { ...common, autoriteConcedante: { id: r.siret }, nature: 'Concession de service', dateSignature: r.date, valeurGlobale: r.amount }
    : { ...common, acheteur: { id: r.siret }, nature: 'Marché', codeCPV: r.cpv ?? '79000000', dateNotification: r.date, montant: r.amount };
}

/** Writes records as one DECP 2024 JSON file in a fresh temporary folder; returns its path. */
export function writeDecpFile(records: Rec[], name = 'decp.json'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-decp-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify({ marches: records.map(decpRecord) }));
  return file;
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipartBody(field: string, fileName: string, content: Buffer, boundary = '----entraide-test-boundary-7MA4YWxkTrZu0gW') {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/json\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
