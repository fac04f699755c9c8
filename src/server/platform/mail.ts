import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe address (RFC 8058), for messages one can unsubscribe from. */
  unsubscribeUrl?: string;
  /**
   * Where replies go (a contact message: its sender). Given as name and address, never as one
   * string: nodemailer encodes the name, so no text typed by a visitor can add a header.
   */
  replyTo?: { name: string; address: string };
  /** Files joined to the message (an .ics invitation, a PDF). */
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
};

export type Mailer = { send(message: MailMessage): Promise<void>; close(): void };

/**
 * SMTP when SMTP_URL is set; otherwise each message becomes an .eml file in DATA_DIR/outbox and
 * its path is logged, so the demo works without a mail server.
 */
export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string; log: FastifyBaseLogger }): Mailer {
  // nodemailer (about a hundred modules) is loaded with the first message, not at every start
  // (docs/performance.md, start to ready); SMTP_URL's form is checked by the configuration.
  let transport: Transporter | null = null;
  const open = async () => {
    if (transport) return transport;
    const { default: nodemailer } = await import('nodemailer');
    transport ??= opts.smtpUrl
      ? nodemailer.createTransport(opts.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return transport;
  };
  return {
    async send(m) {
      const info = await (await open()).sendMail({
        from: opts.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        attachments: m.attachments,
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        headers: m.unsubscribeUrl
          ? { 'List-Unsubscribe': `<${m.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : {},
      });
      if (!opts.smtpUrl) {
        await fs.mkdir(opts.outboxDir, { recursive: true });
        const file = path.join(opts.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 24)}.eml`);
        await fs.writeFile(file, (info as unknown as { message: Buffer }).message);
        opts.log.info({ file, to: m.to, subject: m.subject }, 'e-mail written to the outbox');
      }
    },
    close() {
      transport?.close();
    },
  };
}

/** Text made safe inside HTML (element content or a quoted attribute). */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The common French layout of every e-mail: a title, paragraphs, an optional button, a footer. */
export function layoutMail(input: {
  title: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}): { text: string; html: string } {
  const footer = input.footer ?? 'Entraide — la communauté des acheteurs publics responsables.';
  const text = [
    input.title,
    '',
    ...input.paragraphs.flatMap((p) => [p, '']),
    ...(input.action ? [`${input.action.label} : ${input.action.url}`, ''] : []),
    '—',
    footer,
  ].join('\n');
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title></head>
<body style="font-family:Marianne,Arial,sans-serif;color:#161616;max-width:600px;margin:auto;padding:16px">
<h1 style="font-size:20px;color:#000091">${escapeHtml(input.title)}</h1>
${input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${input.action ? `<p><a href="${escapeHtml(input.action.url)}" style="background:#000091;color:#fff;padding:8px 16px;text-decoration:none;display:inline-block">${escapeHtml(input.action.label)}</a></p><p style="font-size:12px">Si le bouton ne fonctionne pas, copiez ce lien : ${escapeHtml(input.action.url)}</p>` : ''}
<hr><p style="font-size:12px;color:#666">${escapeHtml(footer)}</p></body></html>`;
  return { text, html };
}
