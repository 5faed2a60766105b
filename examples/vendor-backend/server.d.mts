import type { Server } from 'node:http';
import type { TokenService, VendorPractice, VendorUser } from './token-service.mjs';

export const exampleUser: VendorUser;
export const examplePractice: VendorPractice;
import type { LiveEvent } from '@henvis/sdk';

export function createVendorServer(options: {
  tokens: TokenService;
  apiUrl: string;
  widgetUrl: string;
  /** The secret shared with Henvis (HENVIS_WEBHOOKS); without it the webhook route is off. */
  webhookSecret?: string;
  /** Called once per event id with a verified event. */
  onWebhook?: (event: LiveEvent) => void | Promise<void>;
}): Server;
