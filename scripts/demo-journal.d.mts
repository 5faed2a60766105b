import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenService, VendorPractice, VendorUser } from '@henvis/example-vendor-backend';

export const demoPractice: VendorPractice;
export const demoUser: VendorUser;
export function tokenRoute(tokens: TokenService): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
