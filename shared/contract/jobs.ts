import { z } from 'zod';
import { event } from './define';

/** Progress of any long piece of work (import, send run, placement poll, fuzz), keyed by job id. */
export const JobProgress = z.object({
  jobId: z.string(),
  kind: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
  message: z.string().optional(),
  state: z.enum(['running', 'finished', 'failed', 'cancelled']),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const jobEvents = {
  'job.progress': event({ summary: 'Progress of a long-running job.', payload: JobProgress }),
};
