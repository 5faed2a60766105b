import * as z from 'zod/mini';

/** The health check's answer: the server is up, on which storage, with which migrations applied. */
export const Health = z.strictObject({
  status: z.literal('ok'),
  storage: z.enum(['pglite', 'postgres']),
  /** The versions of the applied migrations, 1, 2, 3, … */
  migrations: z.array(z.int()),
});
export type Health = z.infer<typeof Health>;
