// Types of extractors.mjs (plain JavaScript, see why there).
import type { ExtractionLimits, ExtractionOutcome, ExtractionProblem } from './limits.js';

export function checkZip(data: Buffer, limits: Pick<ExtractionLimits, 'zipMaxEntries' | 'zipMaxUncompressedBytes'>): Promise<{ problem: ExtractionProblem; detail: string } | null>;
export function pdfText(data: Uint8Array, maxChars: number): Promise<string>;
export function docxText(data: Buffer): Promise<string>;
export const extractableKinds: string[];
export function cleanText(raw: string, maxChars: number): { text: string; truncated: boolean };
export function extractFromBytes(kind: string, data: Buffer, limits: ExtractionLimits): Promise<ExtractionOutcome>;
