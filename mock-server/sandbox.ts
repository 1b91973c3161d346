/**
 * `minlaege-sandbox/sandbox`: the sandbox in an app developer's or tester's own code.
 * `createSandbox(options)` is the platform alone (a Hono app with its store and clock);
 * `createSandboxHost(options)` is what `serve` runs around it: sessions, scenarios, the request
 * log, faults and the control API under `/__sandbox`. Serve either over any transport with its
 * `app.fetch`, or hand it to `sandboxHandlers` from `minlaege-sandbox/msw`.
 */

export {
  createSandboxHost,
  type HostOptions,
  type LoadedScenario,
  type SandboxHost,
  type SandboxSession,
  type ScenarioDefinition,
  type TimelineEvent,
} from './host.ts';
export { createSandbox, type Sandbox, type SandboxOptions } from './index.ts';
