import Alert from '@codegouvfr/react-dsfr/Alert';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { isApiError } from './api';
import { platformLabels } from './labels';

// Form plumbing shared by every form: client validation with the API's own zod contract, the server's
// errors mapped back to the same fields, and focus moved to the error summary so nobody misses it.

export type FieldErrors = Record<string, string>;

/** First message per field, keyed by the dotted path ("themes.0" becomes "themes"). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export type FormFeedback = {
  /** The message shown in the alert at the top of the form. */
  message: string | null;
  fields: FieldErrors;
  /** Increases each time errors are shown, so the summary takes focus again. */
  attempt: number;
};

/**
 * State of a form's errors. `validate` runs the contract on the client and returns the parsed value,
 * or null after showing the errors; `fail` shows an error thrown by the API client.
 */
export function useFormErrors() {
  const [feedback, setFeedback] = useState<FormFeedback>({ message: null, fields: {}, attempt: 0 });
  const show = useCallback((message: string, fields: FieldErrors = {}) => {
    setFeedback((f) => ({ message, fields, attempt: f.attempt + 1 }));
  }, []);
  const clear = useCallback(() => setFeedback((f) => ({ message: null, fields: {}, attempt: f.attempt })), []);
  const validate = useCallback(
    <S extends z.ZodType>(schema: S, value: unknown): z.output<S> | null => {
      const parsed = schema.safeParse(value);
      if (parsed.success) {
        clear();
        return parsed.data;
      }
      const fields = zodFieldErrors(parsed.error);
      const general = fields._;
      delete fields._;
      show(general ?? platformLabels.invalidFieldsTitle, fields);
      return null;
    },
    [clear, show],
  );
  const fail = useCallback(
    (error: unknown) => {
      if (isApiError(error)) {
        const fields = { ...error.fields };
        delete fields._;
        show(error.message, fields);
      } else show(platformLabels.unexpectedError);
    },
    [show],
  );
  /** Props for an Input: error state and message under the field. */
  const fieldState = (name: string) =>
    feedback.fields[name]
      ? ({ state: 'error', stateRelatedMessage: feedback.fields[name] } as const)
      : ({ state: 'default' } as const);
  return { feedback, show, clear, validate, fail, fieldState, error: (name: string) => feedback.fields[name] };
}

type SummaryProps = {
  feedback: FormFeedback;
  /** Label of each field of the form, and the id of its input, to link the summary to it. */
  fields: Record<string, { label: string; id: string }>;
  /** Heading level of the alert title, to keep the page outline. */
  as?: 'h2' | 'h3' | 'h4';
};

/** The error alert at the top of a form, focused when errors appear, with links to each invalid field. */
export function ErrorSummary({ feedback, fields, as = 'h2' }: SummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback.message && feedback.attempt > 0) ref.current?.focus();
  }, [feedback.attempt, feedback.message]);
  if (!feedback.message) return null;
  // In the order of the form, not of the schema.
  const order = Object.keys(fields);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const invalid = Object.entries(feedback.fields).sort(([a], [b]) => rank(a) - rank(b));
  const description: ReactNode =
    invalid.length > 0 ? (
      <>
        <span>{platformLabels.fieldListIntro}</span>
        <ul>
          {invalid.map(([name, message]) => {
            const f = fields[name];
            if (!f) return <li key={name}>{message}</li>;
            return (
              <li key={name}>
                <a
                  href={`#${f.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    const el = document.getElementById(f.id);
                    el?.focus();
                    el?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {f.label} : {message}
                </a>
              </li>
            );
          })}
        </ul>
      </>
    ) : (
      ''
    );
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w entraide-focus-target">
      <Alert severity="error" as={as} title={feedback.message} description={description || undefined} small={false} role={undefined} />
    </div>
  );
}

/** A success or information message that takes focus when it appears (after a form was sent). */
export function FocusedAlert(props: { severity: 'success' | 'info' | 'warning' | 'error'; title: string; description?: ReactNode; as?: 'h2' | 'h3' | 'h4'; focusKey?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [props.focusKey]);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w entraide-focus-target">
      <Alert severity={props.severity} as={props.as ?? 'h2'} title={props.title} description={props.description ?? undefined} small={false} role={undefined} />
    </div>
  );
}

/** Says that a form was refilled from the draft kept in this browser, with a way to drop it. */
export function DraftRestoredNotice({ onDiscard, className = 'fr-mb-3w' }: { onDiscard: () => void; className?: string }) {
  return (
    <Alert
      severity="info"
      small
      className={className}
      title={platformLabels.draftRestored}
      description={
        <>
          {platformLabels.draftRestoredDescription}{' '}
          <button type="button" className="fr-link" onClick={onDiscard}>
            {platformLabels.discardDraft}
          </button>
        </>
      }
    />
  );
}
