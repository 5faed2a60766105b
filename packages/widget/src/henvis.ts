import type { Henvis } from '@henvis/sdk';
import { mount } from './mount.js';
import { WIDGET_VERSION } from './version.js';

/** The embed API that `loadHenvis` resolves to and the Module Federation remote exposes as `henvis/embed`. */
export const henvis: Henvis = { version: WIDGET_VERSION, mount };
