import { asc, eq } from 'drizzle-orm';
import { personalData } from '../../platform/personal-data.js';
import { decpUploads } from './uploads.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// DECP files a facilitator uploaded: public procurement data, kept; who uploaded them is forgotten.
personalData.register({
  module: 'procurement',
  covers: ['decp_uploads.uploaded_by'],
  async export({ userId, tx }) {
    const list = await tx
      .select({ fileName: decpUploads.fileName, sizeBytes: decpUploads.sizeBytes, status: decpUploads.status, createdAt: decpUploads.createdAt })
      .from(decpUploads)
      .where(eq(decpUploads.uploadedBy, userId))
      .orderBy(asc(decpUploads.createdAt));
    return { decpUploads: list.map((u) => ({ fileName: u.fileName, sizeBytes: u.sizeBytes, status: u.status, createdAt: iso(u.createdAt) })) };
  },
  async erase({ userId, tx }) {
    await tx.update(decpUploads).set({ uploadedBy: null }).where(eq(decpUploads.uploadedBy, userId));
  },
});
