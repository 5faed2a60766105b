import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export function serve(options: {
  root: string;
  port: number;
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => unknown>;
  cors?: boolean;
  replace?: Record<string, string>;
}): Promise<Server>;

export function readJson(req: IncomingMessage, limit?: number): Promise<unknown>;
