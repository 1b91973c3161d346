// Starts the Pact worker from its TypeScript source (tests, tsx): registers tsx's loader first.
// The built package starts worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
