import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token of 32 bytes. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored hashed: a database dump gives no usable session or link. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function sign(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
