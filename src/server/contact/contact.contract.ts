import { z } from 'zod';
import { emailField } from '../../shared/fields.js';

// The contact form (issue 15, item 5): a message to the facilitators, a copy to the sender.
// Imports nothing but zod: the web app validates the form with the very same rules.

export const CONTACT_NAME_MAX = 100;
export const CONTACT_SUBJECT_MAX = 150;
export const CONTACT_MESSAGE_MAX = 5000;

/** A line of an e-mail header (name, subject): one line only, so nothing typed can add a header. */
const oneLine = (s: string) => !/[\r\n\t]/.test(s);

export const contactBody = z.object({
  name: z
    .string({ error: 'Saisissez votre nom.' })
    .trim()
    .min(1, 'Saisissez votre nom.')
    .max(CONTACT_NAME_MAX, `Le nom ne peut dépasser ${CONTACT_NAME_MAX} caractères.`)
    .refine(oneLine, 'Le nom tient sur une seule ligne.'),
  email: emailField,
  subject: z
    .string({ error: "Saisissez l'objet du message." })
    .trim()
    .min(1, "Saisissez l'objet du message.")
    .max(CONTACT_SUBJECT_MAX, `L'objet ne peut dépasser ${CONTACT_SUBJECT_MAX} caractères.`)
    .refine(oneLine, "L'objet tient sur une seule ligne."),
  message: z
    .string({ error: 'Saisissez votre message.' })
    .trim()
    .min(1, 'Saisissez votre message.')
    .max(CONTACT_MESSAGE_MAX, `Le message ne peut dépasser ${new Intl.NumberFormat('fr-FR').format(CONTACT_MESSAGE_MAX)} caractères.`),
});
export type ContactBody = z.infer<typeof contactBody>;

export const contactResponse = z.object({ ok: z.literal(true), message: z.string() });
