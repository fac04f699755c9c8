import { asc, eq, sql } from 'drizzle-orm';
import { deletedMemberName } from '../accounts/accounts.messages.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { removeStored } from '../library/files/files.service.js';
import { deleteResourceRows } from '../library/resources/resources.service.js';
import { rows } from '../platform/db.js';
import { personalData } from '../platform/personal-data.js';
import { codevGroupMembers, codevGroups, codevNotes, codevSessions, codevSummaries, codevSummaryDeliveries } from './codev.tables.js';
import { ARCHIVE_JOB, renameInSheet } from './summary/summary.service.js';
import type { SheetContent } from './summary/pdf.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Co-development. The member leaves their groups; the sessions they brought or facilitated and the
// notes they wrote stay (they are the group's shared work and its summary sheet) under « Membre
// supprimé ». Summary sheets are frozen copies with names written out: the member's name is replaced
// there too, and an archived sheet is archived again from the rewritten copy (new PDF, new text).
personalData.register({
  module: 'codev',
  covers: [
    'codev_group_members.user_id',
    'codev_groups.created_by',
    'codev_sessions.case_owner_id',
    'codev_sessions.facilitator_id',
    'codev_sessions.approved_by',
    'codev_sessions.created_by',
    'codev_notes.author_id',
    'codev_summary_deliveries.user_id',
  ],
  async export({ userId, tx }) {
    const groups = await tx
      .select({ group: codevGroups.name, cohort: cohorts.name })
      .from(codevGroupMembers)
      .innerJoin(codevGroups, eq(codevGroups.id, codevGroupMembers.groupId))
      .innerJoin(cohorts, eq(cohorts.id, codevGroupMembers.cohortId))
      .where(eq(codevGroupMembers.userId, userId))
      .orderBy(asc(cohorts.name), asc(codevGroups.name));
    const sessions = await tx
      .select({ id: codevSessions.id, title: codevSessions.title, caseOwnerId: codevSessions.caseOwnerId, facilitatorId: codevSessions.facilitatorId, status: codevSessions.status, createdAt: codevSessions.createdAt })
      .from(codevSessions)
      .where(sql`${codevSessions.caseOwnerId} = ${userId} OR ${codevSessions.facilitatorId} = ${userId}`)
      .orderBy(asc(codevSessions.createdAt));
    const notes = await tx
      .select({ session: codevSessions.title, step: codevNotes.step, body: codevNotes.body, createdAt: codevNotes.createdAt, updatedAt: codevNotes.updatedAt })
      .from(codevNotes)
      .innerJoin(codevSessions, eq(codevSessions.id, codevNotes.sessionId))
      .where(eq(codevNotes.authorId, userId))
      .orderBy(asc(codevNotes.createdAt), asc(codevNotes.step));
    const deliveries = await tx
      .select({ session: codevSessions.title, status: codevSummaryDeliveries.status, updatedAt: codevSummaryDeliveries.updatedAt })
      .from(codevSummaryDeliveries)
      .innerJoin(codevSessions, eq(codevSessions.id, codevSummaryDeliveries.sessionId))
      .where(eq(codevSummaryDeliveries.userId, userId))
      .orderBy(asc(codevSummaryDeliveries.updatedAt));
    return {
      groups: groups.map((g) => ({ cohort: g.cohort, group: g.group })),
      sessions: sessions.map((s) => ({
        sessionId: s.id,
        title: s.title,
        role: s.caseOwnerId === userId ? 'caseOwner' : 'facilitator',
        status: s.status,
        createdAt: iso(s.createdAt),
      })),
      notes: notes.map((n) => ({ session: n.session, step: n.step, body: n.body, createdAt: iso(n.createdAt), updatedAt: iso(n.updatedAt) })),
      summariesSent: deliveries.map((d) => ({ session: d.session, status: d.status, updatedAt: iso(d.updatedAt) })),
    };
  },
  async erase({ userId, person, tx, deps, afterCommit }) {
    // The sheets that may name the member, found before the group memberships go.
    const sheets = await rows<{ session_id: string; content: SheetContent; resource_id: string | null }>(
      tx,
      sql`SELECT s.session_id, s.content, s.resource_id FROM codev_summaries s JOIN codev_sessions cs ON cs.id = s.session_id
          WHERE cs.case_owner_id = ${userId} OR cs.facilitator_id = ${userId}
             OR EXISTS (SELECT 1 FROM codev_notes n WHERE n.session_id = cs.id AND n.author_id = ${userId})
             OR EXISTS (SELECT 1 FROM codev_summary_deliveries d WHERE d.session_id = cs.id AND d.user_id = ${userId})
             OR EXISTS (SELECT 1 FROM codev_group_members g WHERE g.group_id = cs.group_id AND g.user_id = ${userId})`,
    );
    const name = `${person.firstName} ${person.lastName}`;
    for (const sheet of sheets) {
      const content = renameInSheet(sheet.content, name, deletedMemberName);
      if (JSON.stringify(content) === JSON.stringify(sheet.content)) continue;
      await tx.update(codevSummaries).set({ content, resourceId: null }).where(eq(codevSummaries.sessionId, sheet.session_id));
      if (sheet.resource_id) {
        const keys = await deleteResourceRows(tx, sheet.resource_id);
        if (keys?.length) afterCommit(() => removeStored(deps, keys));
        await deps.jobs.enqueue(ARCHIVE_JOB, { sessionId: sheet.session_id }, { dedupeKey: `codev-archive:${sheet.session_id}` }, tx);
      }
    }
    await tx.delete(codevGroupMembers).where(eq(codevGroupMembers.userId, userId));
    await tx.delete(codevSummaryDeliveries).where(eq(codevSummaryDeliveries.userId, userId));
    await tx.update(codevGroups).set({ createdBy: null }).where(eq(codevGroups.createdBy, userId));
    await tx.update(codevSessions).set({ approvedBy: null }).where(eq(codevSessions.approvedBy, userId));
    await tx.update(codevSessions).set({ createdBy: null }).where(eq(codevSessions.createdBy, userId));
  },
});
