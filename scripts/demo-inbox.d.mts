import type { Server } from 'node:http';

export function serveInbox(options: { port: number; apiUrl: string; widgetUrl?: string; issuer?: string; clientId?: string }): Promise<Server>;
