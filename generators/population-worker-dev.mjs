// Starts the population worker from its TypeScript source (tests, tsx): registers tsx's loader in
// this worker thread first. The built package starts population-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./population-worker.ts');
