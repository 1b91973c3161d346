// Generated from contracts/sandbox-control.openapi.yaml by openapi-typescript (npm run contracts:types).
// Do not edit: change the contract and regenerate. A test fails when this file is out of step.
export interface paths {
    "/__sandbox/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The session's sandbox clock
         * @description The session's sandbox time (`now`), which runs on at real speed from wherever it was last
         *     set, the start of the loaded scenario, and how many timeline events of the scenario have not
         *     fired yet. Timeline events fire when sandbox time reaches them: at once when the clock is set
         *     or advanced past them, and otherwise before the session's next request is handled.
         */
        get: operations["getClock"];
        /**
         * Set the session's sandbox time
         * @description Sets the session's sandbox time to `now`, from which it runs on at real speed. Moving
         *     forward fires, in order, every pending timeline event at or before the new time and reports
         *     them in `fired`; the rules (retention, a child turning 15, opening hours) are evaluated at
         *     the new time from the next request on. Moving backwards is allowed and fires nothing: events
         *     already fired stay fired and state is not rolled back (use `resetScenario` for that). `now`
         *     must carry an offset (`Z` or `±hh:mm`); it is answered with the Copenhagen offset.
         */
        put: operations["setClock"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/clock/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the session's sandbox time forward by a duration
         * @description Moves the session's sandbox time forward by `by`, an ISO 8601 duration that must be
         *     positive, and fires the timeline events passed on the way, in order, as `setClock` does.
         *     Calendar units follow the Copenhagen calendar and keep the wall-clock time: years and months
         *     are added first, landing on the last day of a shorter month (`P1M` from 31 January is 28 or
         *     29 February), then weeks and days (`P1D` across a daylight-saving change is 23 or 25 hours of
         *     elapsed time); hours, minutes and seconds are then added as exact elapsed time. A zero
         *     duration is refused with `validation-failed`; so is one that would move the clock past
         *     2099-12-31.
         */
        post: operations["advanceClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/scenarios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The scenarios the sandbox knows
         * @description Every scenario that `loadScenario` accepts, by name: the generated population (`default`,
         *     source `population`), the kit's own catalogue of edge cases (`catalogue`) and scenario files
         *     given to the sandbox at start (`file`). Few and bounded, so not paginated; sorted by name.
         */
        get: operations["listScenarios"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/scenario": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The scenario loaded in the session
         * @description The scenario the session's state was started from, with the parameters it was generated
         *     with. A new session starts with the scenario the sandbox was started with.
         */
        get: operations["getLoadedScenario"];
        /**
         * Load a scenario into the session
         * @description Replaces all state of the session (people, consents, records, bookings, e-consultations,
         *     PINs and refresh tokens) with the named scenario's, and resets the session's clock to the
         *     scenario's start. Other sessions are not touched. The session's faults and request log are
         *     not part of the scenario state and are kept (clear them with `clearFaults` and
         *     `clearRequests`). For `default`, the generated population, `seed`, `asOf` and `patients` may
         *     be given (omitted ones take the values the sandbox was started with, by default seed
         *     `minlaege`, as of 2026-01-15, 200 patients); its start is 12:00 Copenhagen time on `asOf`.
         *     The same parameters give the same population, byte for byte. For any other scenario they are
         *     refused with `validation-failed`. An unknown name is refused with `not-found` and the current
         *     state is kept.
         */
        put: operations["loadScenario"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset the session to the loaded scenario's start
         * @description Puts the session's state and clock back to the start of the loaded scenario, as if it had
         *     just been loaded with the same parameters: everything written since (consents, bookings,
         *     e-consultations, PINs, refresh tokens) is gone and every timeline event is pending again.
         *     Faults and the request log are kept. Takes no body.
         */
        post: operations["resetScenario"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/personas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The personas one can sign in as
         * @description Every person of the session's state, described the way a tester looks for someone to sign
         *     in as: age, consent state, protected address, whether their clinic shares through the
         *     platform, and their children with whether the parent may act for each (custody and under
         *     15). Ages and consent states are evaluated at the session's sandbox time. A persona who can
         *     sign in (15 or older) comes with ready tokens, as `signInWithEid` would give; issuing them
         *     is not a sign-in and does not count as use of the app (it changes no consent and no
         *     `lastActivityAt`); using the access token on the platform does. Each call issues fresh
         *     tokens; earlier ones stay valid until they expire or are spent. Filter with `consent` and
         *     `canSignIn`; without filters every persona is listed, in the order of the scenario. Bounded
         *     by the scenario's size, so not paginated.
         */
        get: operations["listPersonas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/provider-states": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider states the sandbox knows
         * @description Every state `setProviderState` accepts, with the `params` each one reads. States of the
         *     form `scenario <name>` load a scenario (one for each entry of `listScenarios`); the generic
         *     states pick a persona of the current state in a given situation. Bounded, so not paginated.
         */
        get: operations["listProviderStates"];
        put?: never;
        /**
         * Set up or tear down a Pact provider state
         * @description The provider-state change endpoint, called by the Pact verifier before (`setup`) and after
         *     (`teardown`) each interaction, with the body the verifier sends: the state's name, its
         *     `params` and the `action` (default `setup`). States name scenarios (`scenario <name>`, e.g.
         *     `scenario default` or, once scenario files exist, `scenario parent-with-children`), which
         *     load that scenario into the session as `loadScenario` does, with `params` as its
         *     parameters; a few generic states (see `listProviderStates`) instead pick a persona in the
         *     current state, or add a fault, without resetting it, so that an interaction's states can be
         *     combined. `setup` answers a JSON object of values for the verifier's provider-state-injected
         *     values (for example the persona's `patientId` and a ready `accessToken`). `teardown` puts
         *     the session back at the loaded scenario's start (as `resetScenario`), removes faults the
         *     state added, and answers `{}`, so no interaction sees another's writes. The verifier's
         *     state-change requests and its replayed requests must use the same session (send the same
         *     `X-Sandbox-Session` header on both, or none). An unknown state is refused with `not-found`,
         *     unknown or ill-typed `params` with `validation-failed`.
         */
        post: operations["setProviderState"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The session's request log
         * @description The session's platform API exchanges (requests to `/__sandbox` are not logged), newest
         *     first in the order they were made (after the clock was moved back, `at` is not monotonic),
         *     each with its contract verdict and privacy findings. The log is a ring buffer per
         *     session (capacity configurable, default 1000): when it is full the oldest entry is
         *     overwritten and `dropped` counts up. `limit` (1–1000, default 100) caps the answer; `since`
         *     (sandbox time, inclusive) and the other filters narrow it. The log is bounded, so it is
         *     filtered rather than paginated by cursor; to follow it, ask again with `since` set to the
         *     newest `at` seen and skip the `id`s already seen (`since` is inclusive). Reading the log
         *     does not change it.
         */
        get: operations["listRequests"];
        put?: never;
        post?: never;
        /**
         * Empty the session's request log
         * @description Removes every entry of the session's request log and sets `dropped` back to 0. Other sessions' logs are not touched.
         */
        delete: operations["clearRequests"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The session's active faults
         * @description The faults in force in the session, in the order they were added (the order in which they
         *     are matched). A fault whose `times` are used up or whose `forMs` has passed is removed and
         *     no longer listed. Bounded (at most 100 faults per session), so not paginated.
         */
        get: operations["listFaults"];
        put?: never;
        /**
         * Inject a fault
         * @description Adds a fault to the session, applied to the session's requests whose method and path match:
         *     for target `platform`, requests to the app ↔ platform API (paths as in that contract); for
         *     target `journal`, the calls the platform makes to the journal system while handling them
         *     (paths as in the platform ↔ journal contract, relative to its base URL). In `match.path`
         *     `*` or `:name` (or `{name}`) matches one segment and a final `**` any rest; the query is
         *     not matched; without `method` every method matches. Faults are matched in the order they
         *     were added and the first that matches applies; each application counts one `hits` and uses
         *     up one of `times`. A fault ends after `times` applications or `forMs` of real time,
         *     whichever comes first, or when removed; with neither it stays until removed. Effects:
         *     `latency` delays the answer by `ms`, or by a random time between `minMs` and `maxMs`
         *     (`minMs` not above `maxMs`); `error` answers `status` with `problem` as
         *     `application/problem+json` (its `status` member is set to `status`); `drop` closes the
         *     connection without an answer; `outage` (journal only) makes the journal not answer at all;
         *     `malformed` (journal only) makes the journal answer with a body that breaks its contract.
         *     Answers made by a fault are logged with verdict `rejected` and are not checked against the
         *     contract. A journal fault never crashes the platform and never loses a write: when the
         *     journal does not answer (`outage`, `drop`, a latency beyond the platform's journal timeout),
         *     answers with a 5xx `error`, or answers `malformed`, the platform answers
         *     `journal-unavailable` (503) for the operations that need the journal then, and a write the
         *     journal did not confirm is not recorded as done; a 4xx `error` is handled as the journal's
         *     answer, as a real one would be. A session holds at most 100 faults; one more is refused with
         *     `validation-failed`.
         */
        post: operations["addFault"];
        /**
         * Remove every fault of the session
         * @description Removes every fault in force in the session. Other sessions' faults are not touched.
         */
        delete: operations["clearFaults"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/faults/{faultId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A fault of the session, from `addFault` or `listFaults`.
                 * @example flt_P2xK8mVq4N
                 */
                faultId: components["parameters"]["FaultId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove one fault
         * @description Removes a fault of the session at once; requests already delayed by it finish as they
         *     started. A fault that is not in force in this session (never added, already ended or
         *     removed, or another session's) is refused with `not-found`.
         */
        delete: operations["removeFault"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the session's state
         * @description The session's whole mutable state and its clock, with the scenario it was started from, as
         *     one JSON document that `importSnapshot` takes back (here or in another sandbox of the same
         *     version). Faults and the request log are not part of it. The inner shape of `state` is the
         *     sandbox's own and may change between snapshot versions; treat it as opaque. The state holds
         *     synthetic people only, but treat a snapshot as you would test data with CPR numbers.
         */
        get: operations["exportSnapshot"];
        /**
         * Import a snapshot into the session
         * @description Replaces the session's state with the snapshot's and sets the session's clock to its
         *     `clock.now`; the loaded scenario becomes the snapshot's `scenario` (so `resetScenario`
         *     afterwards goes back to that scenario's start, not to the snapshot). Faults and the request
         *     log are kept. The snapshot is checked in full before anything changes: a body that is not a
         *     snapshot of a format and version this sandbox reads, whose `state` is inconsistent, or whose
         *     scenario this sandbox does not know is refused with `validation-failed`, and the session's
         *     current state and clock are kept as they were. A body over 50 MiB is refused with
         *     `payload-too-large`, likewise without change.
         */
        put: operations["importSnapshot"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The sandbox's sessions
         * @description Every live session, the most recently used first, with `capacity`, the most sessions kept
         *     at once. About all sessions rather than one: the `X-Sandbox-Session` header is checked if
         *     sent but does not create a session. Bounded by `capacity`, so not paginated.
         */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__sandbox/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The session to delete.
                 * @example ci-4711
                 */
                sessionId: components["parameters"]["SessionIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a session
         * @description Deletes a session with its state, clock, faults and request log; the next request naming it
         *     starts it afresh. The `default` session is not deleted but reset instead: it starts again
         *     from the scenario the sandbox was started with, at that scenario's start, with no faults
         *     and an empty request log. A session that does not exist (never used, or evicted) is refused
         *     with `not-found`. The `X-Sandbox-Session` header is checked if sent but does not choose the
         *     session; the path does.
         */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description A session (letters, digits, `_` and `-`); `default` is the session of requests without the header.
         * @example default
         * @example ci-4711
         */
        SessionId: string;
        /** @description A patient (person), as in the app ↔ platform contract. Opaque; never derived from a CPR number. */
        PatientId: string;
        /** @description A GP clinic, as in the app ↔ platform contract. */
        ClinicId: string;
        /** @description An injected fault. */
        FaultId: string;
        /** @description A logged exchange (request and response). */
        ExchangeId: string;
        /** @description A sandbox persona (lower-case letters, digits and hyphens), the handle `signInWithEid` takes. */
        PersonaHandle: string;
        /**
         * @description A scenario's name, in kebab-case.
         * @example default
         * @example parent-with-children
         */
        ScenarioName: string;
        /** @description An operationId of the app ↔ platform contract. */
        OperationId: string;
        /**
         * Format: date-time
         * @description Sandbox time (the session's clock), with the Copenhagen offset of that instant.
         */
        SandboxInstant: string;
        /**
         * Format: date-time
         * @description Real time (the machine's clock), not moved by the sandbox clock; with the Copenhagen offset.
         */
        RealInstant: string;
        /**
         * @description A person's consent to share data, as in the app ↔ platform contract.
         * @enum {string}
         */
        ConsentState: "never-given" | "given" | "withdrawn" | "lapsed";
        /** @enum {string} */
        HttpMethod: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";
        /**
         * @description A positive ISO 8601 duration `PnYnMnWnDTnHnMnS` (each part optional, at least one non-zero; a fraction only on seconds), e.g. `P1M`, `P13M`, `P1Y2M10DT2H30M`, `PT90S`.
         * @example P1M
         * @example P1Y1M
         * @example P1DT12H
         * @example PT15M
         */
        IsoDuration: string;
        Clock: {
            now: components["schemas"]["SandboxInstant"];
            /**
             * @description The time zone of every calendar rule (retention, ages, opening hours).
             * @constant
             */
            timeZone: "Europe/Copenhagen";
            scenarioStart: components["schemas"]["SandboxInstant"];
            /** @description Timeline events of the loaded scenario that have not fired yet. */
            pendingEvents: number;
        };
        /** @description The clock after a move, and the timeline events the move fired. */
        ClockChange: {
            now: components["schemas"]["SandboxInstant"];
            /** @constant */
            timeZone: "Europe/Copenhagen";
            scenarioStart: components["schemas"]["SandboxInstant"];
            pendingEvents: number;
            /** @description The events the move fired, in the order they fired (by `at`, then as listed in the scenario), after any that came due since the last move and have not been reported yet (a scenario's events at its start fire with the first request after it is loaded, and are reported by the first move); empty when moving backwards and nothing was pending. */
            fired: components["schemas"]["TimelineEvent"][];
        };
        /** @description One event of a scenario's timeline. */
        TimelineEvent: {
            at: components["schemas"]["SandboxInstant"];
            /** @description What happens, as named in the scenario file (e.g. `doctor-replied`, `lab-result-added`, `consent-withdrawn`, `clinic-holiday-started`, `journal-outage-started`). */
            kind: string;
            /** @description One line for a person reading the answer. */
            summary: string;
        };
        SetClockRequest: {
            /**
             * Format: date-time
             * @description The new sandbox time, with an offset; between 1900-01-01 and 2099-12-31 (the years whose Copenhagen calendar the sandbox keeps).
             */
            now: string;
        };
        AdvanceClockRequest: {
            by: components["schemas"]["IsoDuration"];
        };
        ScenarioSummary: {
            name: components["schemas"]["ScenarioName"];
            summary: string;
            /**
             * @description `population`: generated from a seed (`default`); `catalogue`: one of the kit's own edge cases; `file`: a scenario file given to the sandbox at start.
             * @enum {string}
             */
            source: "population" | "catalogue" | "file";
            /** @description For a scenario from a file (`catalogue` or `file`): the SHA-256, in hex, of the file's bytes. `scenario run --base-url FILE` compares it with the local file's, so a sandbox holding another file of the same name is not used to check this one's expectations. */
            digest?: string;
        };
        ScenarioList: {
            items: components["schemas"]["ScenarioSummary"][];
        };
        /** @description The scenario a session's state was started from, with the parameters it was generated with. */
        LoadedScenario: {
            name: components["schemas"]["ScenarioName"];
            summary: string;
            /** @description The seed of the generated data; the same seed and parameters give the same state. */
            seed: string;
            /**
             * Format: date
             * @description The Copenhagen calendar day the generated data is as of.
             */
            asOf: string;
            /** @description The number of patients in the scenario's state. */
            patients: number;
            start: components["schemas"]["SandboxInstant"];
            loadedAt: components["schemas"]["RealInstant"];
        };
        /** @description A scenario by name; `seed`, `asOf` and `patients` only for `default`, the generated population. */
        LoadScenarioRequest: {
            name: components["schemas"]["ScenarioName"];
            /** @description Any string; the same seed gives the same population. */
            seed?: string;
            /**
             * Format: date
             * @description The Copenhagen calendar day the population is generated as of; the scenario starts at 12:00 that day.
             */
            asOf?: string;
            /** @description How many patients to generate. */
            patients?: number;
        };
        Persona: {
            handle: components["schemas"]["PersonaHandle"];
            patientId: components["schemas"]["PatientId"];
            name: string;
            /** @description Whole years at the session's sandbox time (Copenhagen calendar). */
            age: number;
            /** @description 15 or older, so the person has their own MitID; under 15 a parent with custody acts instead. */
            canSignIn: boolean;
            consent: components["schemas"]["ConsentState"];
            /** @description Name and address protection; the address is shown to no one but the person. */
            addressProtected: boolean;
            clinicId: components["schemas"]["ClinicId"];
            /** @description False when the person's clinic objected to sharing through the platform (`clinic-not-connected`). */
            clinicShares: boolean;
            /** @description The person's children in the scenario, youngest first. */
            children: components["schemas"]["PersonaChild"][];
            /** @description One line for a person looking for someone to sign in as, e.g. `33 years, consent given, children Aksel 11, Jeanette 8`. */
            summary: string;
            /** @description Ready tokens, as `signInWithEid` gives; null when the persona cannot sign in (under 15). */
            tokens: components["schemas"]["PersonaTokens"] | null;
        };
        PersonaChild: {
            patientId: components["schemas"]["PatientId"];
            name: string;
            age: number;
            /** @description The persona has custody and the child is under 15, so the persona may act for the child. */
            parentMayAct: boolean;
        };
        PersonaTokens: {
            /** @description A JWT for the platform API; send it as `Authorization: Bearer <accessToken>`. */
            accessToken: string;
            /** @description Opaque, single use, for `refreshTokens`. */
            refreshToken: string;
            /** @description Seconds until the access token expires (real time). */
            expiresIn: number;
        };
        PersonaList: {
            items: components["schemas"]["Persona"][];
        };
        /** @description The body the Pact verifier sends to the provider-state change URL. */
        ProviderStateRequest: {
            /** @description The provider state's name, as written in the pact (`scenario <name>` or a generic state). */
            state: string;
            /** @description The state's parameters from the pact; which names a state reads is listed by `listProviderStates`. */
            params?: {
                [key: string]: unknown;
            };
            /**
             * @default setup
             * @enum {string}
             */
            action: "setup" | "teardown";
            /** @description The consumer whose pact is being verified; recorded, not used to choose the state. */
            consumer?: string;
        };
        /** @description Values for the verifier's provider-state-injected values, by name (e.g. `patientId`, `persona`, `accessToken`); `{}` on teardown. The names a state gives are the state's own. */
        ProviderStateValues: {
            [key: string]: string | number | boolean;
        };
        ProviderStateInfo: {
            state: string;
            summary: string;
            /** @description The names of the params the state reads; all optional. */
            params: string[];
        };
        ProviderStateList: {
            items: components["schemas"]["ProviderStateInfo"][];
        };
        /**
         * @description The most serious that applies. `privacy-finding`: at least one privacy finding. `contract-violation`: the request or the response breaks the app ↔ platform contract (`contractErrors` says where). `rejected`: the request kept to the contract and was refused with a declared problem (consent, proxy, an expired token, …) or answered by a fault. `ok`: a success that keeps to the contract.
         * @enum {string}
         */
        Verdict: "ok" | "contract-violation" | "privacy-finding" | "rejected";
        ContractError: {
            /** @description Where, as a JSON Pointer into the exchange: `/request/path/<name>`, `/request/query/<name>`, `/request/header/<name>`, `/request/body/…`, `/response/status`, `/response/header/<name>` or `/response/body/…`. */
            pointer: string;
            message: string;
        };
        /**
         * @description `child-restricted-category`: a child's referrals, diagnoses or lab results were shown to a parent. `before-consent`: patient data was served to a person who never gave consent. `after-consent-withdrawn` and `after-consent-lapsed`: patient data was served after consent was withdrawn or lapsed. `other-patients-data`: data of a patient the caller may not act for. `cpr-in-url`: a CPR number in the URL (masked in `path`). `cpr-in-log`: a CPR number where it would be written to logs (a request header, a problem's `detail` or `instance`).
         * @enum {string}
         */
        PrivacyFindingKind: "child-restricted-category" | "before-consent" | "after-consent-withdrawn" | "after-consent-lapsed" | "other-patients-data" | "cpr-in-url" | "cpr-in-log";
        PrivacyFinding: {
            kind: components["schemas"]["PrivacyFindingKind"];
            /** @description What was found and how to fix it; never repeats a CPR number. */
            detail: string;
            /** @description A JSON Pointer into the response body where the finding is, or null when it is not in the body. */
            pointer: string | null;
        };
        /** @description One logged platform API request and its answer. */
        Exchange: {
            id: components["schemas"]["ExchangeId"];
            at: components["schemas"]["SandboxInstant"];
            session: components["schemas"]["SessionId"];
            method: components["schemas"]["HttpMethod"];
            /** @description The path and query as requested; a CPR number in it is masked as `******-****`. */
            path: string;
            /** @description The app ↔ platform operation the request matched; null when it matched none. */
            operationId: components["schemas"]["OperationId"] | null;
            /** @description The persona whose access token the request carried; null without a valid one. */
            persona: components["schemas"]["PersonaHandle"] | null;
            /** @description The status answered; null when the connection was dropped (a `drop` fault). */
            status: number | null;
            /** @description Real time from the request to the end of the answer, in milliseconds (injected latency included). */
            durationMs: number;
            verdict: components["schemas"]["Verdict"];
            contractErrors: components["schemas"]["ContractError"][];
            findings: components["schemas"]["PrivacyFinding"][];
        };
        RequestLog: {
            /** @description The matching entries, newest first. */
            items: components["schemas"]["Exchange"][];
            /** @description How many entries the session's log keeps. */
            capacity: number;
            /** @description Entries overwritten so far because the log was full (since the session started or the log was cleared). */
            dropped: number;
        };
        /**
         * @description `platform`: the app ↔ platform API; `journal`: the platform's calls to the journal system.
         * @enum {string}
         */
        FaultTarget: "platform" | "journal";
        FaultMatch: {
            method?: components["schemas"]["HttpMethod"];
            /** @description A route pattern, e.g. `/patients/*\/diagnoses` or `/patients/:patientId/record`: literal segments match exactly, `*`, `:name` and `{name}` match one segment, and a final `**` matches any rest (`/**` matches every path). */
            path: string;
        };
        /** @description Delays the answer by `ms`, or by a random time between `minMs` and `maxMs` (give one or the other; `minMs` not above `maxMs`). Closed: no member beyond those of the variant given. */
        LatencyEffect: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "latency";
        } & ({
            /** @description The delay in milliseconds of real time. */
            ms: number;
        } | {
            /** @description The shortest delay in milliseconds. */
            minMs: number;
            /** @description The longest delay in milliseconds. */
            maxMs: number;
        });
        /** @description The problem+json body to answer with. Any `type` may be used, to see how a client copes; `status` is set to the effect's `status`. */
        FaultProblem: {
            /** Format: uri */
            type: string;
            title: string;
            status?: number;
            detail?: string;
            instance?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Answers `status` with `problem` as `application/problem+json`. */
        ErrorEffect: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "error";
            status: number;
            problem: components["schemas"]["FaultProblem"];
        };
        /** @description Closes the connection without an answer. */
        DropEffect: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "drop";
        };
        /** @description Journal target only - the journal does not answer at all. */
        OutageEffect: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "outage";
        };
        /** @description Journal target only - the journal answers with a body that breaks its contract. */
        MalformedEffect: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "malformed";
        };
        /** @description What the fault does, chosen by `kind`. */
        FaultEffect: components["schemas"]["LatencyEffect"] | components["schemas"]["ErrorEffect"] | components["schemas"]["DropEffect"] | components["schemas"]["OutageEffect"] | components["schemas"]["MalformedEffect"];
        /** @description The fault applies to this many matching requests, then ends. */
        FaultTimes: number;
        /** @description The fault ends this many milliseconds of real time after it was added (at most 24 hours). */
        FaultForMs: number;
        /** @description A fault to inject; `outage` and `malformed` only on the journal target. */
        FaultRequest: {
            target: components["schemas"]["FaultTarget"];
            match: components["schemas"]["FaultMatch"];
            effect: components["schemas"]["FaultEffect"];
            times?: components["schemas"]["FaultTimes"];
            forMs?: components["schemas"]["FaultForMs"];
        };
        /** @description A fault in force, as it was added, with its progress. */
        Fault: {
            id: components["schemas"]["FaultId"];
            target: components["schemas"]["FaultTarget"];
            match: components["schemas"]["FaultMatch"];
            effect: components["schemas"]["FaultEffect"];
            times?: components["schemas"]["FaultTimes"];
            forMs?: components["schemas"]["FaultForMs"];
            createdAt: components["schemas"]["RealInstant"];
            /** @description Applications left of `times`; null without `times`. */
            remaining: number | null;
            /** @description When `forMs` runs out (real time); null without `forMs`. */
            expiresAt: components["schemas"]["RealInstant"] | null;
            /** @description Requests the fault has applied to. */
            hits: number;
        };
        FaultList: {
            items: components["schemas"]["Fault"][];
        };
        /** @description A session's whole mutable state and clock, with the scenario it was started from. */
        Snapshot: {
            /** @constant */
            format: "minlaege-sandbox-snapshot";
            /**
             * @description The snapshot format's version; a sandbox refuses versions it does not read.
             * @constant
             */
            version: 1;
            scenario: components["schemas"]["LoadedScenario"];
            clock: {
                now: components["schemas"]["SandboxInstant"];
            };
            /** @description The session's mutable state. Its inner shape is the sandbox's own and not part of this contract; treat it as opaque. */
            state: {
                [key: string]: unknown;
            };
        };
        SessionInfo: {
            id: components["schemas"]["SessionId"];
            createdAt: components["schemas"]["RealInstant"];
            lastUsedAt: components["schemas"]["RealInstant"];
            now: components["schemas"]["SandboxInstant"];
            scenario: components["schemas"]["ScenarioName"];
        };
        SessionList: {
            /** @description The live sessions, the most recently used first. */
            items: components["schemas"]["SessionInfo"][];
            /** @description The most sessions kept at once; beyond it the least recently used (never `default`) is evicted. */
            capacity: number;
        };
        /** @description An RFC 9457 problem. `type` is one of the `urn:minlaege-sandbox:problem:<kind>` URNs of the catalogue. Extension members are allowed. */
        Problem: {
            /** Format: uri */
            type: string;
            title: string;
            status: number;
            /** @description What happened and how to fix it. */
            detail?: string;
            instance?: string;
            /** @description Only on validation-failed; the fields that break the contract. */
            errors?: {
                /** @description A JSON Pointer into the request body (e.g. `/now`), or `#/query/<name>`, `#/path/<name>`, `#/header/<name>` for parameters. */
                pointer: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description A path of this contract asked with a method it has no operation for (`method-not-allowed`). Any path can answer it, so no operation lists it. The `Allow` header names the methods the path has. */
        MethodNotAllowed: {
            headers: {
                /** @description The path's methods, comma-separated (`GET, POST`). */
                Allow?: string;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:minlaege-sandbox:problem:method-not-allowed",
                 *       "title": "The resource does not allow this method",
                 *       "status": 405,
                 *       "detail": "DELETE is not an operation on /__sandbox/scenarios; it has GET.",
                 *       "instance": "/__sandbox/scenarios"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request breaks the contract (`validation-failed`), in its body, its query or its `X-Sandbox-Session` header; `errors` lists the fields. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not a snapshot this sandbox reads, or a malformed header (`validation-failed`); the session's state and clock are kept as they were. */
        SnapshotRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Refused (`unauthorized`): from beyond loopback when no admin token is configured, or without the right admin token when one is. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The sandbox knows no scenario of that name (`not-found`); the current state is kept. */
        ScenarioNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The sandbox knows no such provider state (`not-found`); the current state is kept. */
        ProviderStateNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such fault in force in this session (`not-found`). */
        FaultNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such live session (`not-found`). */
        SessionNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is over 1 MiB (`payload-too-large`). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The snapshot is over 50 MiB (`payload-too-large`); the session's state and clock are kept. */
        SnapshotTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
         * @example ci-4711
         */
        SandboxSession: components["schemas"]["SessionId"];
        /**
         * @description The session to delete.
         * @example ci-4711
         */
        SessionIdPath: components["schemas"]["SessionId"];
        /**
         * @description A fault of the session, from `addFault` or `listFaults`.
         * @example flt_P2xK8mVq4N
         */
        FaultId: components["schemas"]["FaultId"];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getClock: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clock. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "now": "2026-01-15T12:04:31+01:00",
                     *       "timeZone": "Europe/Copenhagen",
                     *       "scenarioStart": "2026-01-15T12:00:00+01:00",
                     *       "pendingEvents": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Clock"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    setClock: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "now": "2026-03-30T08:00:00+02:00"
                 *     }
                 */
                "application/json": components["schemas"]["SetClockRequest"];
            };
        };
        responses: {
            /** @description The clock after the move, with the events it fired (and any fired earlier and not yet reported). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockChange"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
        };
    };
    advanceClock: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdvanceClockRequest"];
            };
        };
        responses: {
            /** @description The clock after the move, with the events it fired (and any fired earlier and not yet reported). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "now": "2026-02-15T12:00:00+01:00",
                     *       "timeZone": "Europe/Copenhagen",
                     *       "scenarioStart": "2026-01-15T12:00:00+01:00",
                     *       "pendingEvents": 2,
                     *       "fired": [
                     *         {
                     *           "at": "2026-01-16T10:15:00+01:00",
                     *           "kind": "doctor-replied",
                     *           "summary": "The clinic answered Camilla Nørgaard Holm's e-consultation about Ida's rash."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ClockChange"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
        };
    };
    listScenarios: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The scenarios. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "name": "default",
                     *           "summary": "A generated population of one clinic and its patients (seed minlaege, 200 patients, as of 2026-01-15).",
                     *           "source": "population"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ScenarioList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    getLoadedScenario: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The loaded scenario. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "default",
                     *       "summary": "A generated population of one clinic and its patients (seed minlaege, 200 patients, as of 2026-01-15).",
                     *       "seed": "minlaege",
                     *       "asOf": "2026-01-15",
                     *       "patients": 200,
                     *       "start": "2026-01-15T12:00:00+01:00",
                     *       "loadedAt": "2026-01-15T12:00:00+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["LoadedScenario"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    loadScenario: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoadScenarioRequest"];
            };
        };
        responses: {
            /** @description The scenario is loaded and the session's clock is at its start. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "default",
                     *       "summary": "A generated population of one clinic and its patients (seed ci-run-4711, 500 patients, as of 2026-03-02).",
                     *       "seed": "ci-run-4711",
                     *       "asOf": "2026-03-02",
                     *       "patients": 500,
                     *       "start": "2026-03-02T12:00:00+01:00",
                     *       "loadedAt": "2026-01-15T12:07:02+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["LoadedScenario"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["ScenarioNotFound"];
            413: components["responses"]["PayloadTooLarge"];
        };
    };
    resetScenario: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is back at the scenario's start. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "default",
                     *       "summary": "A generated population of one clinic and its patients (seed minlaege, 200 patients, as of 2026-01-15).",
                     *       "seed": "minlaege",
                     *       "asOf": "2026-01-15",
                     *       "patients": 200,
                     *       "start": "2026-01-15T12:00:00+01:00",
                     *       "loadedAt": "2026-01-15T12:31:40+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["LoadedScenario"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    listPersonas: {
        parameters: {
            query?: {
                /**
                 * @description Only personas whose own consent is in this state.
                 * @example given
                 */
                consent?: components["schemas"]["ConsentState"];
                /**
                 * @description Only personas who can (`true`) or cannot (`false`, under 15) sign in themselves.
                 * @example true
                 */
                canSignIn?: boolean;
            };
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The personas; an empty list when none matches. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "handle": "camilla-holm",
                     *           "patientId": "pat_c7Hm29QxLw",
                     *           "name": "Camilla Nørgaard Holm",
                     *           "age": 41,
                     *           "canSignIn": true,
                     *           "consent": "given",
                     *           "addressProtected": false,
                     *           "clinicId": "cln_Bk7hW2qLd4",
                     *           "clinicShares": true,
                     *           "children": [
                     *             {
                     *               "patientId": "pat_k3Zt81RvNe",
                     *               "name": "Ida Nørgaard Holm",
                     *               "age": 8,
                     *               "parentMayAct": true
                     *             }
                     *           ],
                     *           "summary": "41 years, consent given, children Ida 8",
                     *           "tokens": {
                     *             "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjQwMTAiLCJzdWIiOiJwYXRfYzdIbTI5UXhMdyIsInNpZCI6InNhbmRib3giLCJpYXQiOjE3NDE5NDEwMDAsImV4cCI6MTc0MTk0MTkwMH0.AD2pFIvJll6AlKk31SE-dYojMbaw-A9_uDjDdvHcC3Q",
                     *             "refreshToken": "rt_OczK-pnM_6wqRfrGeL24UjrWrflGX_Sd",
                     *             "expiresIn": 900
                     *           }
                     *         },
                     *         {
                     *           "handle": "ida-holm",
                     *           "patientId": "pat_k3Zt81RvNe",
                     *           "name": "Ida Nørgaard Holm",
                     *           "age": 8,
                     *           "canSignIn": false,
                     *           "consent": "never-given",
                     *           "addressProtected": false,
                     *           "clinicId": "cln_Bk7hW2qLd4",
                     *           "clinicShares": true,
                     *           "children": [],
                     *           "summary": "8 years, consent never-given",
                     *           "tokens": null
                     *         },
                     *         {
                     *           "handle": "jens-mortensen",
                     *           "patientId": "pat_Lq4Xw8Nz2T",
                     *           "name": "Jens Peter Mortensen",
                     *           "age": 67,
                     *           "canSignIn": true,
                     *           "consent": "lapsed",
                     *           "addressProtected": true,
                     *           "clinicId": "cln_Bk7hW2qLd4",
                     *           "clinicShares": true,
                     *           "children": [],
                     *           "summary": "67 years, consent lapsed, protected address",
                     *           "tokens": {
                     *             "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwYXRfTHE0WHc4TnoyVCJ9.Xq3vN8b2LmT0pRk5sWd7YcHf1Ju9Ea4Gz6Oi2Bn8Cw0",
                     *             "refreshToken": "rt_4kWn8Qz1_xTr5bM3pLc9VyH2sJd6GfAe",
                     *             "expiresIn": 900
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PersonaList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    listProviderStates: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider states. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "state": "scenario default",
                     *           "summary": "Loads the generated population; params as for loadScenario.",
                     *           "params": [
                     *             "seed",
                     *             "asOf",
                     *             "patients"
                     *           ]
                     *         },
                     *         {
                     *           "state": "a persona with consent given",
                     *           "summary": "Picks a persona of 15 or over whose consent is given and whose clinic shares.",
                     *           "params": []
                     *         },
                     *         {
                     *           "state": "a parent with a child under 15",
                     *           "summary": "Picks a persona with consent given who may act for a child; returns the child's patientId too.",
                     *           "params": []
                     *         },
                     *         {
                     *           "state": "a persona whose consent lapsed",
                     *           "summary": "Picks a persona whose consent lapsed after 12 months without use.",
                     *           "params": []
                     *         },
                     *         {
                     *           "state": "the journal is unavailable",
                     *           "summary": "Adds a journal outage fault to the session until teardown.",
                     *           "params": []
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ProviderStateList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    setProviderState: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderStateRequest"];
            };
        };
        responses: {
            /** @description The state is set up (with values to inject) or torn down (`{}`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderStateValues"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["ProviderStateNotFound"];
            413: components["responses"]["PayloadTooLarge"];
        };
    };
    listRequests: {
        parameters: {
            query?: {
                /**
                 * @description Only exchanges made with this persona's tokens.
                 * @example camilla-holm
                 */
                persona?: components["schemas"]["PersonaHandle"];
                /**
                 * @description Only exchanges matched to this operation of the app ↔ platform contract.
                 * @example listDiagnoses
                 */
                operationId?: components["schemas"]["OperationId"];
                /**
                 * @description Only exchanges with this verdict.
                 * @example privacy-finding
                 */
                verdict?: components["schemas"]["Verdict"];
                /**
                 * @description The largest number of entries in the answer.
                 * @example 100
                 */
                limit?: number;
                /**
                 * @description Only exchanges at or after this sandbox time.
                 * @example 2026-01-15T12:00:00+01:00
                 */
                since?: string;
            };
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching entries, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "xch_Wd4Rt8Yp2K",
                     *           "at": "2026-01-15T12:06:10+01:00",
                     *           "session": "ci-4711",
                     *           "method": "GET",
                     *           "path": "/patients/******-****\/vaccinations",
                     *           "operationId": "listVaccinations",
                     *           "persona": "camilla-holm",
                     *           "status": 400,
                     *           "durationMs": 0.9,
                     *           "verdict": "privacy-finding",
                     *           "contractErrors": [
                     *             {
                     *               "pointer": "/request/path/patientId",
                     *               "message": "must match pattern \"^pat_[A-Za-z0-9]{6,40}$\""
                     *             }
                     *           ],
                     *           "findings": [
                     *             {
                     *               "kind": "cpr-in-url",
                     *               "detail": "A CPR number was sent in the URL (path segment 2). It is masked here; use the patientId from GET /me/children.",
                     *               "pointer": null
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "id": "xch_Hn6Vb3Qs9L",
                     *           "at": "2026-01-15T12:05:02+01:00",
                     *           "session": "ci-4711",
                     *           "method": "POST",
                     *           "path": "/patients/pat_c7Hm29QxLw/e-consultations",
                     *           "operationId": "createEConsultation",
                     *           "persona": "camilla-holm",
                     *           "status": 400,
                     *           "durationMs": 1.2,
                     *           "verdict": "contract-violation",
                     *           "contractErrors": [
                     *             {
                     *               "pointer": "/request/body/urgent",
                     *               "message": "has an unknown property 'urgent'"
                     *             }
                     *           ],
                     *           "findings": []
                     *         },
                     *         {
                     *           "id": "xch_7Gk2Lm9QpR",
                     *           "at": "2026-01-15T12:03:41+01:00",
                     *           "session": "ci-4711",
                     *           "method": "GET",
                     *           "path": "/patients/pat_k3Zt81RvNe/diagnoses",
                     *           "operationId": "listDiagnoses",
                     *           "persona": "camilla-holm",
                     *           "status": 403,
                     *           "durationMs": 1.8,
                     *           "verdict": "rejected",
                     *           "contractErrors": [],
                     *           "findings": []
                     *         }
                     *       ],
                     *       "capacity": 1000,
                     *       "dropped": 0
                     *     }
                     */
                    "application/json": components["schemas"]["RequestLog"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    clearRequests: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The log is empty. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    listFaults: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The faults; an empty list when there are none. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "flt_P2xK8mVq4N",
                     *           "target": "journal",
                     *           "match": {
                     *             "method": "POST",
                     *             "path": "/patients/*\/appointments"
                     *           },
                     *           "effect": {
                     *             "kind": "outage"
                     *           },
                     *           "forMs": 60000,
                     *           "createdAt": "2026-01-15T12:10:00+01:00",
                     *           "remaining": null,
                     *           "expiresAt": "2026-01-15T12:11:00+01:00",
                     *           "hits": 2
                     *         },
                     *         {
                     *           "id": "flt_Jr5Tc1Wz7B",
                     *           "target": "platform",
                     *           "match": {
                     *             "path": "/patients/:patientId/diagnoses"
                     *           },
                     *           "effect": {
                     *             "kind": "latency",
                     *             "minMs": 200,
                     *             "maxMs": 1500
                     *           },
                     *           "times": 10,
                     *           "createdAt": "2026-01-15T12:10:30+01:00",
                     *           "remaining": 7,
                     *           "expiresAt": null,
                     *           "hits": 3
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["FaultList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    addFault: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FaultRequest"];
            };
        };
        responses: {
            /** @description The fault is in force. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "flt_P2xK8mVq4N",
                     *       "target": "journal",
                     *       "match": {
                     *         "method": "POST",
                     *         "path": "/patients/*\/appointments"
                     *       },
                     *       "effect": {
                     *         "kind": "outage"
                     *       },
                     *       "forMs": 60000,
                     *       "createdAt": "2026-01-15T12:10:00+01:00",
                     *       "remaining": null,
                     *       "expiresAt": "2026-01-15T12:11:00+01:00",
                     *       "hits": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Fault"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
        };
    };
    clearFaults: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session has no faults. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    removeFault: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path: {
                /**
                 * @description A fault of the session, from `addFault` or `listFaults`.
                 * @example flt_P2xK8mVq4N
                 */
                faultId: components["parameters"]["FaultId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The fault is removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["FaultNotFound"];
        };
    };
    exportSnapshot: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snapshot. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "format": "minlaege-sandbox-snapshot",
                     *       "version": 1,
                     *       "scenario": {
                     *         "name": "default",
                     *         "summary": "A generated population of one clinic and its patients (seed minlaege, 200 patients, as of 2026-01-15).",
                     *         "seed": "minlaege",
                     *         "asOf": "2026-01-15",
                     *         "patients": 200,
                     *         "start": "2026-01-15T12:00:00+01:00",
                     *         "loadedAt": "2026-01-15T12:00:00+01:00"
                     *       },
                     *       "clock": {
                     *         "now": "2026-01-15T12:42:17+01:00"
                     *       },
                     *       "state": {
                     *         "consents": {
                     *           "pat_c7Hm29QxLw": {
                     *             "givenAt": "2024-02-02T19:04:51+01:00",
                     *             "lastActivityAt": "2026-01-15T12:41:03+01:00"
                     *           }
                     *         },
                     *         "appointments": [
                     *           {
                     *             "id": "apt_Mr20Hb7kQ2",
                     *             "patientId": "pat_k3Zt81RvNe",
                     *             "start": "2026-01-19T09:30:00+01:00"
                     *           }
                     *         ],
                     *         "firedEvents": 0
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Snapshot"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    importSnapshot: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "format": "minlaege-sandbox-snapshot",
                 *       "version": 1,
                 *       "scenario": {
                 *         "name": "default",
                 *         "summary": "A generated population of one clinic and its patients (seed minlaege, 200 patients, as of 2026-01-15).",
                 *         "seed": "minlaege",
                 *         "asOf": "2026-01-15",
                 *         "patients": 200,
                 *         "start": "2026-01-15T12:00:00+01:00",
                 *         "loadedAt": "2026-01-15T12:00:00+01:00"
                 *       },
                 *       "clock": {
                 *         "now": "2026-01-15T12:42:17+01:00"
                 *       },
                 *       "state": {
                 *         "consents": {
                 *           "pat_c7Hm29QxLw": {
                 *             "givenAt": "2024-02-02T19:04:51+01:00",
                 *             "lastActivityAt": "2026-01-15T12:41:03+01:00"
                 *           }
                 *         },
                 *         "appointments": [
                 *           {
                 *             "id": "apt_Mr20Hb7kQ2",
                 *             "patientId": "pat_k3Zt81RvNe",
                 *             "start": "2026-01-19T09:30:00+01:00"
                 *           }
                 *         ],
                 *         "firedEvents": 0
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Snapshot"];
            };
        };
        responses: {
            /** @description The snapshot is imported; the scenario it carries is now the session's. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "default",
                     *       "summary": "A generated population of one clinic and its patients (seed minlaege, 200 patients, as of 2026-01-15).",
                     *       "seed": "minlaege",
                     *       "asOf": "2026-01-15",
                     *       "patients": 200,
                     *       "start": "2026-01-15T12:00:00+01:00",
                     *       "loadedAt": "2026-01-15T13:02:55+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["LoadedScenario"];
                };
            };
            400: components["responses"]["SnapshotRefused"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["SnapshotTooLarge"];
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sessions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "ci-4711",
                     *           "createdAt": "2026-01-15T12:02:11+01:00",
                     *           "lastUsedAt": "2026-01-15T12:06:10+01:00",
                     *           "now": "2026-02-15T12:01:14+01:00",
                     *           "scenario": "default"
                     *         },
                     *         {
                     *           "id": "default",
                     *           "createdAt": "2026-01-15T12:00:00+01:00",
                     *           "lastUsedAt": "2026-01-15T12:05:48+01:00",
                     *           "now": "2026-01-15T12:05:48+01:00",
                     *           "scenario": "default"
                     *         }
                     *       ],
                     *       "capacity": 32
                     *     }
                     */
                    "application/json": components["schemas"]["SessionList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    deleteSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The session the request belongs to; without it, `default`. A session is created on first use, starting from the scenario the sandbox was started with. The same header selects the session on platform API requests.
                 * @example ci-4711
                 */
                "X-Sandbox-Session"?: components["parameters"]["SandboxSession"];
            };
            path: {
                /**
                 * @description The session to delete.
                 * @example ci-4711
                 */
                sessionId: components["parameters"]["SessionIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is deleted (or, for `default`, reset). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SessionNotFound"];
        };
    };
}
