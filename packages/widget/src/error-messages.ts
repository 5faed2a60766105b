// Its own module so that it can be its own chunk, loaded by error-text.ts when an error needs it.
export { errorMessage } from '@henvis/contracts';
