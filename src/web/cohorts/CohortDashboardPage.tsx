import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { NUDGE_MAX, nudgeBody, type followUpResponse } from '../../server/cohorts/programme/participants.contract';
import { spaserStatusLabels } from '../../server/spaser/spaser-status.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { TextField } from '../platform/fields';
import { ScrollTable } from '../platform/ScrollTable';
import { formatDate, formatDateTime } from '../platform/format';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { cohortsKey } from './api';
import { cohortLabels } from './labels';
import { followUpCsvUrl, useFollowUp } from './participants.api';
import { participantsLabels } from './participants.labels';

const L = participantsLabels.dashboard;
type Data = z.infer<typeof followUpResponse>;
type Row = NonNullable<Data['rows']>[number];
const HELP_VIEW = 'besoin-d-aide';

/** « Suivi des participants »: rows for the cohort's facilitators and staff, the summary for sponsors. */
export function CohortDashboardPage() {
  const { id = '' } = useParams();
  const q = useFollowUp(id);
  const crumbs = [{ label: cohortLabels.list.title, to: paths.cohorts() }, { label: q.data?.cohortName ?? cohortLabels.list.title, to: paths.cohort(id) }];
  if (q.isPending) return <PageLoading title={L.crumb} breadcrumb={crumbs} />;
  if (!q.data)
    return (
      <Page title={L.crumb} breadcrumb={crumbs}>
        <Alert severity="error" small description={(q.error as Error)?.message ?? ''} />
        <p className="fr-mt-3w">
          <Link to={paths.cohort(id)}>{L.back}</Link>
        </p>
      </Page>
    );
  const d = q.data;
  return (
    <Page title={L.title(d.cohortName)} breadcrumb={crumbs} lead={d.rows ? `${L.lead} ${formatDateTime(d.generatedAt)}.` : L.sponsorLead}>
      <Summary d={d} />
      {d.rows && <Rows cohortId={id} rows={d.rows} canExport={d.can.export} />}
      <p className="fr-mt-4w">
        <Link to={paths.cohort(id)}>{L.back}</Link>
      </p>
    </Page>
  );
}

function Summary({ d }: { d: Data }) {
  const s = d.summary;
  const S = L.summary;
  const items: [string, string][] = [
    [S.participants, String(s.participants)],
    [S.cardsFilled, `${s.cardsFilled} / ${s.participants}`],
    [S.needHelp, `${s.needHelp} (${L.byRule.no_activity.toLowerCase()} : ${s.byRule.no_activity} ; ${L.byRule.checklist_stuck.toLowerCase()} : ${s.byRule.checklist_stuck} ; ${L.byRule.missed_sessions.toLowerCase()} : ${s.byRule.missed_sessions})`],
    [S.attendance, `${s.attendance.present} / ${s.attendance.marked}`],
    [S.questions, String(s.questions)],
    [S.answers, String(s.answers)],
    [S.codevSessions, String(s.codevSessions)],
    [S.surveyResponses, String(s.surveyResponses)],
  ];
  return (
    <section aria-labelledby="follow-up-summary" className="fr-mb-4w">
      <h2 id="follow-up-summary">{L.summaryTitle}</h2>
      <dl className="entraide-facts">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Rows({ cohortId, rows, canExport }: { cohortId: string; rows: Row[]; canExport: boolean }) {
  const [params, setParams] = useSearchParams();
  const helpView = params.get('vue') === HELP_VIEW;
  const [selected, setSelected] = useState<string | null>(null);
  const shown = helpView ? rows.filter((r) => r.flags.length > 0) : rows;
  const target = rows.find((r) => r.userId === selected) ?? null;
  return (
    <section aria-labelledby="follow-up-rows">
      <h2 id="follow-up-rows">{helpView ? L.views.needHelp : L.views.all}</h2>
      <fieldset className="fr-fieldset" aria-labelledby="follow-up-view-legend">
        <legend className="fr-fieldset__legend--regular fr-fieldset__legend" id="follow-up-view-legend">
          {L.viewsLegend}
        </legend>
        {(['all', 'needHelp'] as const).map((v) => (
          <div key={v} className="fr-fieldset__element fr-fieldset__element--inline">
            <div className="fr-radio-group">
              <input
                type="radio"
                id={`follow-up-view-${v}`}
                name="follow-up-view"
                checked={(v === 'needHelp') === helpView}
                onChange={() => setParams(v === 'needHelp' ? { vue: HELP_VIEW } : {}, { replace: true })}
              />
              <label className="fr-label" htmlFor={`follow-up-view-${v}`}>
                {L.views[v]}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      {helpView && <p className="fr-text--sm">{L.rules}</p>}
      {canExport && (
        <p>
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={followUpCsvUrl(cohortId)} download>
            {L.export} <span className="fr-text--xs">({L.exportHint})</span>
          </a>
        </p>
      )}
      {helpView && shown.length === 0 ? (
        <p>{L.noneNeedHelp}</p>
      ) : (
        <ScrollTable label={helpView ? L.tableCaptionHelp(shown.length) : L.tableCaption(shown.length)}>
                  <caption>{helpView ? L.tableCaptionHelp(shown.length) : L.tableCaption(shown.length)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{L.col.name}</th>
                      <th scope="col">{L.col.spaser}</th>
                      <th scope="col">{L.col.attendance}</th>
                      <th scope="col">{L.col.space}</th>
                      <th scope="col">{L.col.codev}</th>
                      <th scope="col">{L.col.surveys}</th>
                      <th scope="col">{L.col.card}</th>
                      <th scope="col">{L.col.lastActivity}</th>
                      <th scope="col">{L.col.help}</th>
                      <th scope="col">{L.col.message}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((r) => (
                      <tr key={r.userId}>
                        <th scope="row">
                          {r.firstName} {r.lastName}
                          {r.organisationName && (
                            <>
                              <br />
                              <span className="fr-text--sm">{r.organisationName}</span>
                            </>
                          )}
                        </th>
                        <td>
                          {spaserStatusLabels[r.spaser.status]}
                          <br />
                          <span className="fr-text--sm">
                            {r.spaser.legalCheck
                              ? L.legalCheck(r.spaser.legalCheck.met, r.spaser.legalCheck.applicable)
                              : r.spaser.declaredStage
                                ? L.declared(cohortLabels.spaserStage[r.spaser.declaredStage])
                                : ''}
                          </span>
                        </td>
                        <td>{L.attendance(r.attendance.present, r.attendance.marked)}</td>
                        <td>{L.space(r.questions, r.answers)}</td>
                        <td>{L.codev(r.codev.asClient, r.codev.asConsultant)}</td>
                        <td>{r.surveysAnswered}</td>
                        <td>{r.cardFilled ? L.yes : L.no}</td>
                        <td>{r.lastActivityAt ? formatDate(r.lastActivityAt) : L.never}</td>
                        <td>
                          {r.flags.length === 0 ? (
                            L.noFlag
                          ) : (
                            <ul className="fr-raw-list">
                              {r.flags.map((f) => (
                                <li key={f.rule} className="fr-mb-1w">
                                  <Badge as="span" small severity="warning" noIcon>
                                    {L.byRule[f.rule]}
                                  </Badge>
                                  <br />
                                  <span className="fr-text--sm">{f.reason}</span>
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td>
                          {r.lastNudgedAt && <p className="fr-text--sm fr-mb-1w">{L.lastNudged(formatDateTime(r.lastNudgedAt))}</p>}
                          {r.nudgeAllowedFrom ? (
                            <p className="fr-text--sm fr-mb-0">{L.nudgeWait(formatDateTime(r.nudgeAllowedFrom))}</p>
                          ) : (
                            <Button size="small" priority="secondary" onClick={() => setSelected(r.userId)}>
                              {L.nudge}
                              <span className="fr-sr-only"> {L.nudgeTo(`${r.firstName} ${r.lastName}`)}</span>
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
        </ScrollTable>
      )}
      {target && <NudgeForm key={target.userId} cohortId={cohortId} row={target} onDone={() => setSelected(null)} />}
    </section>
  );
}

function NudgeForm({ cohortId, row, onDone }: { cohortId: string; row: Row; onDone: () => void }) {
  const name = `${row.firstName} ${row.lastName}`;
  const [body, setBody] = useState(row.suggestedMessage);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [sent, setSent] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const send = useMutation({
    mutationFn: (b: unknown) => api.post(`/api/cohorts/${encodeURIComponent(cohortId)}/follow-up/participants/${encodeURIComponent(row.userId)}/nudges`, b),
    onSuccess: async () => {
      setSent(L.nudgeSent(name));
      await qc.invalidateQueries({ queryKey: [...cohortsKey, 'follow-up', cohortId] });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const valid = errors.validate(nudgeBody, { body });
    if (valid) send.mutate(valid);
  };
  return (
    <section aria-labelledby="nudge-title" className="fr-mt-4w">
      <h3 id="nudge-title" ref={heading} tabIndex={-1}>
        {L.nudgeLabel(name)}
      </h3>
      {sent ? (
        <>
          <FocusedAlert severity="success" title={sent} as="h4" />
          <Button className="fr-mt-2w" priority="secondary" onClick={onDone}>
            {L.close}
          </Button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorSummary as="h4" feedback={errors.feedback} fields={{ body: { label: L.nudgeLabel(name), id: 'nudge-body' } }} />
          <TextField id="nudge-body" label={L.nudgeLabel(name)} hint={L.nudgeHint} textArea rows={8} value={body} onChange={setBody} error={errors.error('body')} maxLength={NUDGE_MAX} />
          <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
            <li>
              <Button type="submit" disabled={send.isPending}>
                {L.nudgeSend}
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={onDone}>
                {L.cancel}
              </Button>
            </li>
          </ul>
        </form>
      )}
    </section>
  );
}
