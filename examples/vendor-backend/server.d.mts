import type { Server } from 'node:http';
import type { TokenService, VendorPractice, VendorUser } from './token-service.mjs';

export const exampleUser: VendorUser;
export const examplePractice: VendorPractice;
export function createVendorServer(options: { tokens: TokenService; apiUrl: string; widgetUrl: string }): Server;
