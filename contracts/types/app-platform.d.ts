// Generated from contracts/app-platform.openapi.yaml by openapi-typescript (npm run contracts:types).
// Do not edit: change the contract and regenerate. A test fails when this file is out of step.
export interface paths {
    "/auth/sign-in/eid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with the national eID (MitID)
         * @description The first sign-in on a device, and the way back after a PIN lock or a lost refresh token.
         *     In the real app the person authenticates with MitID and the platform receives the result;
         *     in the sandbox a persona handle stands in for the MitID authentication result (the sandbox
         *     control API lists the personas). Returns a short-lived access token and a refresh token.
         *     An unknown persona is refused with `unauthorized`. Signing in does not give consent.
         */
        post: operations["signInWithEid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set or replace the PIN for this device
         * @description Sets the four-digit PIN the signed-in person will use on this device instead of MitID. A PIN
         *     belongs to one person on one device (`deviceId`); setting it replaces any earlier PIN for that
         *     device, resets the failed-attempt counter and lifts a PIN lock. Requires a valid access token
         *     (normally right after `signInWithEid`).
         */
        put: operations["setPin"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with the device PIN
         * @description Signs in the person who set a PIN on this device. A wrong PIN is refused with `unauthorized`
         *     and an `attemptsRemaining` extension member (2, then 1, then 0). After three failed attempts
         *     in a row the device is locked: every further PIN login, even with the right PIN, is refused
         *     with `pin-locked` (423) until the person signs in with MitID again and sets a new PIN. A right
         *     PIN before the lock resets the counter. A device with no PIN is refused with `unauthorized`
         *     without `attemptsRemaining`. Touch ID / Face ID only unlock the PIN kept on the device; the
         *     platform sees an ordinary PIN login.
         */
        post: operations["signInWithPin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens
         * @description Returns a new access token and a new refresh token. Refresh tokens rotate: the one sent is
         *     spent, and sending it again (or an unknown, expired or revoked one) is refused with
         *     `unauthorized`; the app must then sign in again.
         */
        post: operations["refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in person
         * @description The signed-in person's own profile. Their CPR number and address are shown to them even when
         *     the address is protected (`addressProtected`), because they are the person. Does not need
         *     consent: the profile comes from the national registers, not from the clinic's journal.
         */
        get: operations["getProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The children the signed-in person may act for
         * @description Children under 15 for whom the signed-in person is registered with custody
         *     (forældremyndighed). Each child's `patientId` can be used in `/patients/{patientId}/…` until
         *     `accessUntil` (the 15th birthday, from which the child uses the app with its own MitID). A
         *     child's address is left out when the child's address is protected. Children are few and the
         *     list is not paginated. Does not need consent.
         */
        get: operations["listChildren"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in person's consent to share data
         * @description The state of the signed-in person's consent. `never-given`: nothing has been fetched.
         *     `given`: data is fetched and kept until `retainedUntil`. `withdrawn`: the person withdrew it
         *     and the platform's copy was deleted. `lapsed`: 12 months passed without use, the copy was
         *     deleted at `retainedUntil`, and consent must be given again. The same consent covers the
         *     person's own record and the children they act for.
         */
        get: operations["getConsent"];
        /**
         * Give consent to share data
         * @description The person actively consents that data is fetched from their clinic's journal system and
         *     stored on the platform. Giving consent in state `never-given`, `withdrawn` or `lapsed` sets
         *     `givenAt` to now and starts a new first fetch; giving it again in state `given` changes
         *     nothing but counts as use. The body must carry `accepted: true`, so that consent is never
         *     given by accident.
         */
        put: operations["giveConsent"];
        post?: never;
        /**
         * Withdraw consent
         * @description Withdraws the consent. The platform deletes its copy of the person's data and of the data
         *     fetched for their children at once; the data remains in the clinic's journal system. From
         *     now on patient-data operations are refused with `consent-required`. Withdrawing when consent
         *     is not `given` changes nothing and returns the current state.
         */
        delete: operations["withdrawConsent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/clinic": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * The patient's GP clinic
         * @description Name, address, contact details, the opening hours the clinic typed in (ordinary weekly
         *     hours, single closed days, holidays with the holiday substitute), its capabilities
         *     (attachments, video consultation, online booking) and whether it shares through the
         *     platform (`connected`). Not patient data: served without consent, and also for a clinic that
         *     is not connected (then every capability is false). Proxy rules apply: own record or a child
         *     the caller acts for. A patient with no GP clinic gives `not-found`.
         */
        get: operations["getClinic"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/out-of-hours": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * Out-of-hours service and whether the clinic is open now
         * @description The out-of-hours service (Lægevagten) of the patient's region, which follows from the postal
         *     code of the patient's address (also for a protected address, which is not shown), with its
         *     phone number; whether the clinic is open now by its typed-in opening hours, closed days and
         *     holidays (`clinicOpenNow`, evaluated at `asOf` on the Copenhagen clock), when it next opens,
         *     and the holiday substitute when the clinic is on holiday now. Not patient data: served
         *     without consent. Proxy rules apply.
         */
        get: operations["getOutOfHours"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/e-consultations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * List e-consultations
         * @description The patient's e-consultation threads, the one with the latest message first. A parent sees
         *     a child's threads, including those the other parent wrote. Needs the caller's consent; proxy
         *     rules apply. Paginated.
         */
        get: operations["listEConsultations"];
        put?: never;
        /**
         * Write a new e-consultation
         * @description Starts a thread with the clinic, for the caller or on a child's behalf (the message's author
         *     is then the parent). The clinic bills it with service code (ydelseskode) 0105. Attachments
         *     (JPEG or PNG photos, at most 3, each at most 5 MiB before base64 encoding) are allowed
         *     exactly when the clinic allows them in its own patient portal (`capabilities.attachments`);
         *     when the clinic has switched them off, a request with attachments is refused with
         *     `not-offered-by-clinic` and nothing is sent. A body over 22 MiB is refused with
         *     `payload-too-large`. Relayed live to the journal. Needs the caller's consent; proxy rules
         *     apply.
         */
        post: operations["createEConsultation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/e-consultations/{eConsultationId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of the patient.
                 * @example eco_Q8fV2rKp4m
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
            };
            cookie?: never;
        };
        /**
         * Read an e-consultation thread
         * @description One thread with all its messages, oldest first; attachments are described, not embedded. A
         *     thread of another patient gives `not-found`. Needs the caller's consent; proxy rules apply.
         */
        get: operations["getEConsultation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/e-consultations/{eConsultationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of the patient.
                 * @example eco_Q8fV2rKp4m
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply in an e-consultation thread
         * @description Adds the caller's message to a thread (on a child's behalf for a child's thread); the thread
         *     becomes `awaiting-answer`. Attachments follow the same rule and limits as a new
         *     e-consultation (`not-offered-by-clinic` when the clinic switched them off). Relayed live to
         *     the journal. Needs the caller's consent; proxy rules apply.
         */
        post: operations["replyToEConsultation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * List past or upcoming appointments
         * @description `when=upcoming` (the default): appointments that have not started yet, soonest first,
         *     including cancelled ones (status `cancelled`). `when=past`: appointments that have started,
         *     latest first. A parent sees a child's appointments with their time. Needs the caller's
         *     consent; proxy rules apply. Paginated.
         */
        get: operations["listAppointments"];
        put?: never;
        /**
         * Book a free slot
         * @description Books a slot from `listBookingSlots` for the patient (a parent may book for a child).
         *     Refused with `not-offered-by-clinic` when the clinic has switched online booking off, with
         *     `slot-taken` when someone else booked the slot first (fetch the slots again), and with
         *     `not-found` for an unknown slot. Relayed live to the journal. Needs the caller's consent;
         *     proxy rules apply.
         */
        post: operations["bookAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/appointments/{appointmentId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An appointment of the patient.
                 * @example apt_Mr20Hb7kQ2
                 */
                appointmentId: components["parameters"]["AppointmentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a booked appointment
         * @description Cancels an appointment that has not started; it stays in the list with status `cancelled`.
         *     Refused with `not-cancellable` when it has started or is already cancelled, and with
         *     `not-offered-by-clinic` when the clinic has switched online booking (which covers
         *     cancelling) off. No request body. Relayed live to the journal. Needs the caller's consent;
         *     proxy rules apply.
         */
        post: operations["cancelAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/booking-slots": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * Free slots for online booking
         * @description Free slots starting on a Copenhagen calendar day from `from` to `to` (both inclusive), soonest
         *     first. `from` defaults to today and `to` to `from` + 13 days; `to` before `from` or a window
         *     over 31 days is `validation-failed`. Asked live from the journal. Refused with
         *     `not-offered-by-clinic` when the clinic has switched online booking off. The window bounds
         *     the list, so it is not paginated. Needs the caller's consent; proxy rules apply.
         */
        get: operations["listBookingSlots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/vaccinations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * List vaccinations
         * @description Vaccinations registered by the clinic, the most recent first; shown for the person and for
         *     the children they act for. Needs the caller's consent; proxy rules apply. Paginated.
         */
        get: operations["listVaccinations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * List current referrals
         * @description The patient's current referrals from the GP (not yet expired), the newest first. Not shown
         *     for a child: a parent asking for a child's referrals is refused with
         *     `not-available-for-child`. Needs the caller's consent; proxy rules apply. Current referrals
         *     are few, so the list is not paginated.
         */
        get: operations["listReferrals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/diagnoses": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * List shared diagnoses
         * @description Only diagnoses in the sharing table are shown, filtered at the time of the request (on the
         *     Copenhagen calendar): rule A codes only if registered within the last year, rule B codes
         *     whatever the registration date. Any other ICPC-2 code is never shown. Not shown for a child
         *     (`not-available-for-child`). Needs the caller's consent; proxy rules apply. Bounded by the
         *     sharing table, so not paginated; the newest registration first.
         */
        get: operations["listDiagnoses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/medication": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * Medication and the link to the shared medication card
         * @description A link to the patient's shared medication card (Fælles Medicinkort, FMK), the national
         *     service that holds the authoritative list, and the current and recently ended medication as
         *     the clinic's journal system holds it (synchronised with FMK). Shown for the person and for
         *     the children they act for. Needs the caller's consent; proxy rules apply. The list is
         *     bounded, so not paginated; current medication first.
         */
        get: operations["getMedication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/lab-results": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * List lab results
         * @description Answers to selected laboratory tests (NPU-coded), the most recently sampled first. `abnormal`
         *     is true when the value lies outside the reference interval. Not shown for a child
         *     (`not-available-for-child`). Needs the caller's consent; proxy rules apply. Paginated.
         */
        get: operations["listLabResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/video-consultations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start or join a video consultation
         * @description Returns a short-lived join URL for the video session of a booked video appointment
         *     (`kind: video`); the first call starts the session, later calls join the same session
         *     (same `id`) with a fresh URL. Refused with `not-offered-by-clinic` when the clinic does not
         *     offer video consultation, `not-found` for an unknown appointment, and `validation-failed`
         *     when the appointment is not a video appointment, is cancelled or has ended. Needs the
         *     caller's consent. A parent may see a child's e-consultations, appointments, vaccinations
         *     and medication, write and book for the child, but video consultation is not among the
         *     documented things a parent does for a child: a parent asking gets `not-available-for-child`.
         */
        post: operations["joinVideoConsultation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A patient (person). Opaque; never derived from a CPR number. */
        PatientId: string;
        /** @description A GP clinic. */
        ClinicId: string;
        /** @description An e-consultation thread. */
        EConsultationId: string;
        /** @description A message in an e-consultation thread. */
        MessageId: string;
        /** @description An attachment of a message. */
        AttachmentId: string;
        /** @description An appointment. */
        AppointmentId: string;
        /** @description A free booking slot. */
        SlotId: string;
        /** @description A registered vaccination. */
        VaccinationId: string;
        /** @description A referral. */
        ReferralId: string;
        /** @description A registered diagnosis. */
        DiagnosisId: string;
        /** @description A medication line. */
        MedicationId: string;
        /** @description A lab result. */
        LabResultId: string;
        /** @description A video consultation session. */
        VideoSessionId: string;
        /** @description A CPR number (DDMMYY-SSSS). Only in a response body, and only the signed-in person's own or that of a child they act for; never in a URL. Never rejected for failing modulus-11. */
        Cpr: string;
        /** @description The app installation's own identifier for the device (for example a UUID), chosen by the app. */
        DeviceId: string;
        /** @description A four-digit PIN, as a string (leading zeros count). */
        Pin: string;
        /** @description A sandbox persona (lower-case letters, digits and hyphens) standing in for a MitID authentication result. */
        PersonaHandle: string;
        /** @description A Danish phone number as it is dialled and shown, for example `86 12 40 40` or `1813`. */
        Phone: string;
        /** @description Pass as `cursor` to get the next page; null on the last page. */
        NextCursor: string | null;
        /** @description A Copenhagen wall-clock time `HH:MM` (00:00–23:59; `24:00` is not allowed). */
        WallClockTime: string;
        /** @enum {string} */
        Weekday: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
        /**
         * @description One of the five Danish regions.
         * @enum {string}
         */
        Region: "hovedstaden" | "sjaelland" | "syddanmark" | "midtjylland" | "nordjylland";
        Address: {
            /** @description Street, number, floor and door, e.g. `Vestergade 14, 2. th.` */
            street: string;
            postalCode: string;
            town: string;
        };
        /** @description One interval of ordinary opening hours; `opens` is before `closes`. */
        OpeningInterval: {
            day: components["schemas"]["Weekday"];
            opens: components["schemas"]["WallClockTime"];
            closes: components["schemas"]["WallClockTime"];
        };
        /** @description A single day the clinic is closed (public holiday, training day). */
        ClosedDay: {
            /** Format: date */
            date: string;
            reason?: string;
        };
        /** @description The holiday substitute (ferieafløser). */
        Substitute: {
            name: string;
            address: components["schemas"]["Address"];
            phone: components["schemas"]["Phone"];
            clinicId?: components["schemas"]["ClinicId"];
        };
        /** @description A holiday from `from` to `to` (both inclusive), with the substitute patients should contact. */
        Holiday: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            substitute: components["schemas"]["Substitute"];
        };
        /** @description Opening hours as the clinic typed them in (they are not part of the journal record). A weekday may have several intervals; a weekday with none is closed. */
        OpeningHours: {
            weekly: components["schemas"]["OpeningInterval"][];
            closedDays: components["schemas"]["ClosedDay"][];
            holidays: components["schemas"]["Holiday"][];
        };
        /** @description What the clinic offers in the app; all false for a clinic that is not connected. */
        Capabilities: {
            /** @description Photos may be attached to e-consultations (as in the clinic's own patient portal). */
            attachments: boolean;
            videoConsultation: boolean;
            /** @description Booking and cancelling in the app. */
            onlineBooking: boolean;
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
                /** @description A JSON Pointer into the request body (e.g. `/subject`), or `#/query/<name>`, `#/path/<name>` for parameters. */
                pointer: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        /** @description An `unauthorized` problem from PIN sign-in; after a wrong PIN it carries `attemptsRemaining`. */
        PinSignInProblem: components["schemas"]["Problem"] & {
            /** @description Wrong PINs left before the device is locked; 0 means the next PIN sign-in is refused with `pin-locked`. */
            attemptsRemaining?: number;
        };
        EidSignInRequest: {
            persona: components["schemas"]["PersonaHandle"];
        };
        SetPinRequest: {
            deviceId: components["schemas"]["DeviceId"];
            pin: components["schemas"]["Pin"];
        };
        PinStatus: {
            deviceId: components["schemas"]["DeviceId"];
            /** Format: date-time */
            setAt: string;
        };
        PinSignInRequest: {
            deviceId: components["schemas"]["DeviceId"];
            pin: components["schemas"]["Pin"];
        };
        RefreshRequest: {
            refreshToken: string;
        };
        TokenPair: {
            /** @constant */
            tokenType: "Bearer";
            /** @description A JWT; send it as `Authorization: Bearer <accessToken>`. */
            accessToken: string;
            /** @description Seconds until the access token expires. */
            expiresIn: number;
            /** @description Opaque, single use (rotated by `refreshTokens`). */
            refreshToken: string;
            patientId: components["schemas"]["PatientId"];
        };
        Profile: {
            patientId: components["schemas"]["PatientId"];
            name: string;
            cpr: components["schemas"]["Cpr"];
            /** Format: date */
            birthDate: string;
            address: components["schemas"]["Address"];
            /** @description Name and address protection; the address is still shown here, to the person. */
            addressProtected: boolean;
            phone: components["schemas"]["Phone"] | null;
            /** Format: email */
            email: string | null;
            /** @description The person's GP clinic; null when they have none. */
            clinicId: components["schemas"]["ClinicId"] | null;
        };
        /**
         * @description `sole` (eneforældremyndighed) or `joint` (fælles forældremyndighed).
         * @enum {string}
         */
        Custody: "sole" | "joint";
        Child: {
            patientId: components["schemas"]["PatientId"];
            name: string;
            cpr: components["schemas"]["Cpr"];
            /** Format: date */
            birthDate: string;
            /**
             * Format: date
             * @description The child's 15th birthday; proxy access ends at 00:00 Copenhagen time that day.
             */
            accessUntil: string;
            custody: components["schemas"]["Custody"];
            address?: components["schemas"]["Address"];
            /** @description When true the child's address is protected and `address` is left out. */
            addressProtected: boolean;
            clinicId: components["schemas"]["ClinicId"] | null;
        };
        ChildList: {
            items: components["schemas"]["Child"][];
        };
        /** @enum {string} */
        ConsentState: "never-given" | "given" | "withdrawn" | "lapsed";
        Consent: {
            state: components["schemas"]["ConsentState"];
            /**
             * Format: date-time
             * @description When consent was last given; null if never.
             */
            givenAt: string | null;
            /**
             * Format: date-time
             * @description When consent was withdrawn; set only in state `withdrawn`.
             */
            withdrawnAt: string | null;
            /**
             * Format: date-time
             * @description The last use of the app while consent was given.
             */
            lastActivityAt: string | null;
            /**
             * Format: date-time
             * @description `lastActivityAt` + 12 months. In state `given`, when the data will be deleted unless the app is used again; in state `lapsed`, when it was deleted; null otherwise.
             */
            retainedUntil: string | null;
        };
        GiveConsentRequest: {
            /**
             * @description The person actively accepts; must be true.
             * @constant
             */
            accepted: true;
        };
        Clinic: {
            id: components["schemas"]["ClinicId"];
            name: string;
            address: components["schemas"]["Address"];
            phone: components["schemas"]["Phone"];
            /** Format: email */
            email: string | null;
            openingHours: components["schemas"]["OpeningHours"];
            capabilities: components["schemas"]["Capabilities"];
            /** @description Whether the clinic shares through the platform. When false, patient-data operations give `clinic-not-connected`. */
            connected: boolean;
        };
        OutOfHours: {
            /**
             * Format: date-time
             * @description The instant (sandbox clock) at which `clinicOpenNow` was evaluated.
             */
            asOf: string;
            region: components["schemas"]["Region"];
            serviceName: string;
            phone: components["schemas"]["Phone"];
            clinicOpenNow: boolean;
            /**
             * Format: date-time
             * @description When the clinic next opens (after closed days and holidays); null if open now or unknown.
             */
            clinicNextOpensAt: string | null;
            /** @description The holiday substitute when the clinic is on holiday at `asOf`; otherwise null. */
            substitute: components["schemas"]["Substitute"] | null;
        };
        /**
         * @description `awaiting-answer` after the patient's (or parent's) last message; `answered` after the clinic's.
         * @enum {string}
         */
        EConsultationStatus: "awaiting-answer" | "answered";
        /**
         * @description `patient` (the patient themself), `parent` (on a child's behalf) or `clinic`.
         * @enum {string}
         */
        AuthorRole: "patient" | "parent" | "clinic";
        /** @description A photo. The data must begin with the signature of `contentType` (JPEG `/9j/`, PNG `iVBORw0KGgo` in base64), as the journal requires. */
        AttachmentUpload: {
            fileName: string;
            /** @enum {string} */
            contentType: "image/jpeg" | "image/png";
            /** @description The image, base64-encoded (RFC 4648 §4, padded, length a multiple of 4); at most 5 MiB (5,242,880 bytes) decoded. */
            data: string;
        };
        AttachmentInfo: {
            id: components["schemas"]["AttachmentId"];
            fileName: string;
            /** @enum {string} */
            contentType: "image/jpeg" | "image/png";
            sizeBytes: number;
        };
        MessageAuthor: {
            role: components["schemas"]["AuthorRole"];
            name: string;
        };
        Message: {
            id: components["schemas"]["MessageId"];
            author: components["schemas"]["MessageAuthor"];
            body: string;
            /** Format: date-time */
            sentAt: string;
            attachments: components["schemas"]["AttachmentInfo"][];
        };
        EConsultationSummary: {
            id: components["schemas"]["EConsultationId"];
            patientId: components["schemas"]["PatientId"];
            subject: string;
            status: components["schemas"]["EConsultationStatus"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastMessageAt: string;
            lastMessageFrom: components["schemas"]["AuthorRole"];
            messageCount: number;
        };
        EConsultationPage: {
            items: components["schemas"]["EConsultationSummary"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        EConsultation: {
            id: components["schemas"]["EConsultationId"];
            patientId: components["schemas"]["PatientId"];
            subject: string;
            status: components["schemas"]["EConsultationStatus"];
            /** Format: date-time */
            createdAt: string;
            /** @description Oldest first. */
            messages: components["schemas"]["Message"][];
        };
        CreateEConsultationRequest: {
            subject: string;
            body: string;
            /** @description Only when the clinic allows attachments (`capabilities.attachments`). */
            attachments?: components["schemas"]["AttachmentUpload"][];
        };
        ReplyRequest: {
            body: string;
            /** @description Only when the clinic allows attachments (`capabilities.attachments`). */
            attachments?: components["schemas"]["AttachmentUpload"][];
        };
        /** @enum {string} */
        AppointmentKind: "in-person" | "phone" | "video";
        /**
         * @description `booked` (not yet held), `cancelled`, or `completed` (held).
         * @enum {string}
         */
        AppointmentStatus: "booked" | "cancelled" | "completed";
        Appointment: {
            id: components["schemas"]["AppointmentId"];
            patientId: components["schemas"]["PatientId"];
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            kind: components["schemas"]["AppointmentKind"];
            status: components["schemas"]["AppointmentStatus"];
            /** @description Who the patient will see, e.g. `Læge Anders Vestergaard`. */
            practitioner: string;
            /** @description True when status is `booked`, the appointment has not started and the clinic offers online booking. */
            cancellable: boolean;
            /** Format: date-time */
            cancelledAt: string | null;
        };
        AppointmentPage: {
            items: components["schemas"]["Appointment"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        BookingSlot: {
            id: components["schemas"]["SlotId"];
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            kind: components["schemas"]["AppointmentKind"];
            practitioner: string;
        };
        BookingSlotList: {
            items: components["schemas"]["BookingSlot"][];
        };
        BookAppointmentRequest: {
            slotId: components["schemas"]["SlotId"];
        };
        /** @description An ATC code at substance level, e.g. `C08CA01`. */
        AtcCode: string;
        Vaccination: {
            id: components["schemas"]["VaccinationId"];
            patientId: components["schemas"]["PatientId"];
            /** @description The vaccine as named in the programme, e.g. `DiTeKiPol/Hib`, `MMR`. */
            vaccine: string;
            atcCode: components["schemas"]["AtcCode"] | null;
            /** @description The dose number in a series (MMR 2 is 2); null for a single or seasonal dose. */
            dose: number | null;
            /** Format: date */
            givenOn: string;
            /** @description The clinic or vaccination service that gave it, when known. */
            givenBy: string | null;
        };
        VaccinationPage: {
            items: components["schemas"]["Vaccination"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        /** @enum {string} */
        ReferralKind: "specialist" | "hospital" | "physiotherapy" | "psychologist" | "imaging" | "other";
        Referral: {
            id: components["schemas"]["ReferralId"];
            patientId: components["schemas"]["PatientId"];
            kind: components["schemas"]["ReferralKind"];
            recipient: string;
            reason: string;
            /** Format: date */
            issuedOn: string;
            /**
             * Format: date
             * @description The last day the referral can be used (inclusive); null when open-ended.
             */
            validUntil: string | null;
        };
        ReferralList: {
            items: components["schemas"]["Referral"][];
        };
        /**
         * @description An ICPC-2 code from the sharing table; no other code is ever shared. Rule A (shared only when registered within the last year): K74, K76, K78, K85, L95, P74, P76, R96, T85, T86, T89, T90. Rule B (shared whatever the date): K77, K86, K87, L88, L89, L90, L91, R95 and the cancer codes D74–D77, F74, H75, K72, L71, N74, R84, R85, S77, U75–U77, W72, X75–X77, Y77, Y78.
         * @enum {string}
         */
        SharedIcpcCode: "K74" | "K76" | "K77" | "K78" | "K85" | "K86" | "K87" | "L88" | "L89" | "L90" | "L91" | "L95" | "P74" | "P76" | "R95" | "R96" | "T85" | "T86" | "T89" | "T90" | "D74" | "D75" | "D76" | "D77" | "F74" | "H75" | "K72" | "L71" | "N74" | "R84" | "R85" | "S77" | "U75" | "U76" | "U77" | "W72" | "X75" | "X76" | "X77" | "Y77" | "Y78";
        Diagnosis: {
            id: components["schemas"]["DiagnosisId"];
            patientId: components["schemas"]["PatientId"];
            icpcCode: components["schemas"]["SharedIcpcCode"];
            title: string;
            /**
             * Format: date
             * @description The date the GP registered the diagnosis (Danish calendar date).
             */
            registeredAt: string;
            /**
             * @description `A`: shown only if registered within the last year; `B`: shown whatever the date.
             * @enum {string}
             */
            rule: "A" | "B";
        };
        DiagnosisList: {
            items: components["schemas"]["Diagnosis"][];
        };
        MedicationItem: {
            id: components["schemas"]["MedicationId"];
            atcCode: components["schemas"]["AtcCode"];
            /** @description The product name. */
            name: string;
            activeIngredient: string;
            strength: string;
            dosageText: string;
            /** Format: date */
            startDate: string;
            /**
             * Format: date
             * @description The last day of treatment (inclusive); null while ongoing.
             */
            endDate: string | null;
        };
        MedicationOverview: {
            patientId: components["schemas"]["PatientId"];
            /**
             * Format: uri
             * @description Where the app opens the shared medication card (FMK).
             */
            medicationCardUrl: string;
            /** Format: date-time */
            updatedAt: string;
            items: components["schemas"]["MedicationItem"][];
        };
        ReferenceInterval: {
            /** @description Null when there is no lower limit. */
            lower: number | null;
            /** @description Null when there is no upper limit. */
            upper: number | null;
        };
        LabResult: {
            id: components["schemas"]["LabResultId"];
            patientId: components["schemas"]["PatientId"];
            npuCode: string;
            name: string;
            /** @description A number for a measured quantity; a string for a qualitative or censored result (e.g. `<4`). */
            value: number | string;
            /** @description Null for unitless results (INR). */
            unit: string | null;
            referenceInterval: components["schemas"]["ReferenceInterval"] | null;
            abnormal: boolean;
            /** Format: date-time */
            sampledAt: string;
        };
        LabResultPage: {
            items: components["schemas"]["LabResult"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        JoinVideoRequest: {
            appointmentId: components["schemas"]["AppointmentId"];
        };
        VideoSession: {
            id: components["schemas"]["VideoSessionId"];
            patientId: components["schemas"]["PatientId"];
            appointmentId: components["schemas"]["AppointmentId"];
            /** Format: uri */
            joinUrl: string;
            /**
             * Format: date-time
             * @description After this the URL no longer admits; ask for a new one.
             */
            expiresAt: string;
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
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request breaks the contract (`validation-failed`); `errors` lists the fields. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, malformed, forged or expired credentials (`unauthorized`). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description PIN sign-in failed (`unauthorized`): a wrong PIN, with `attemptsRemaining`, or no PIN on the device, without it. */
        PinSignInFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["PinSignInProblem"];
            };
        };
        /** @description PIN login is locked after three wrong PINs (`pin-locked`); sign in with MitID again. */
        PinLocked: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Consent was never given, or was withdrawn (`consent-required`). */
        ConsentRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Consent lapsed after 12 months without use (`consent-lapsed`). */
        ConsentLapsed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not the caller's own record nor a child in their custody under 15 (`proxy-access-denied`); the answer does not reveal whether the patient exists. */
        ProxyAccessDenied: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description This part of a child's record is not shown to a parent (`not-available-for-child`). */
        NotAvailableForChild: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Refused: the caller's consent is missing or withdrawn (`consent-required`) or lapsed (`consent-lapsed`), or the caller may not act for this patient (`proxy-access-denied`). */
        PatientDataForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Refused: `consent-required`, `consent-lapsed`, `proxy-access-denied`, or `not-available-for-child` when a parent asks for this part of a child's record. */
        ChildRestrictedForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The clinic has switched this off (`not-offered-by-clinic`); the `capability` extension member names the capability. */
        NotOfferedByClinic: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The clinic does not share data through the platform (`clinic-not-connected`). */
        ClinicNotConnected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `clinic-not-connected`, or `not-offered-by-clinic` when the message has attachments and the clinic has switched them off. */
        EConsultationConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `clinic-not-connected`, or `not-offered-by-clinic` when online booking is off. */
        BookingNotAvailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `clinic-not-connected`, `not-offered-by-clinic` when online booking is off, or `slot-taken` when the slot was booked by someone else. */
        BookingConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `clinic-not-connected`, `not-offered-by-clinic` when online booking is off, or `not-cancellable` when the appointment has started or is already cancelled. */
        CancelConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `clinic-not-connected`, or `not-offered-by-clinic` when the clinic does not offer video consultation. */
        VideoConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The slot was booked by someone else (`slot-taken`). */
        SlotTaken: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The appointment has started or is already cancelled (`not-cancellable`). */
        NotCancellable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource (`not-found`): an unknown e-consultation, appointment or slot of this patient, or a patient with no GP clinic. An unknown `patientId` gives `proxy-access-denied` instead. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The clinic's journal system does not answer (`journal-unavailable`). */
        JournalUnavailable: {
            headers: {
                /**
                 * @description Seconds after which a retry may succeed.
                 * @example 120
                 */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is over the limit (`payload-too-large`). */
        PayloadTooLarge: {
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
         * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
         * @example pat_c7Hm29QxLw
         */
        PatientId: components["schemas"]["PatientId"];
        /**
         * @description An e-consultation thread of the patient.
         * @example eco_Q8fV2rKp4m
         */
        EConsultationId: components["schemas"]["EConsultationId"];
        /**
         * @description An appointment of the patient.
         * @example apt_Mr20Hb7kQ2
         */
        AppointmentId: components["schemas"]["AppointmentId"];
        /**
         * @description The `nextCursor` of the previous page; leave out for the first page. Opaque.
         * @example eyJhZnRlciI6ImVjb19UNG5XN3haYjFjIn0
         */
        Cursor: string;
        /**
         * @description The largest number of items on a page.
         * @example 20
         */
        Limit: number;
        /**
         * @description `upcoming` (not started yet, soonest first) or `past` (started, latest first).
         * @example upcoming
         */
        When: "upcoming" | "past";
        /**
         * @description The first Copenhagen calendar day of the window (inclusive); defaults to today.
         * @example 2025-03-17
         */
        From: string;
        /**
         * @description The last Copenhagen calendar day of the window (inclusive); defaults to `from` + 13 days; at most `from` + 30 days.
         * @example 2025-03-30
         */
        To: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    signInWithEid: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "persona": "camilla-holm"
                 *     }
                 */
                "application/json": components["schemas"]["EidSignInRequest"];
            };
        };
        responses: {
            /** @description Signed in; tokens for the person. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "tokenType": "Bearer",
                     *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjQwMTAiLCJzdWIiOiJwYXRfYzdIbTI5UXhMdyIsInNpZCI6InNhbmRib3giLCJpYXQiOjE3NDE5NDEwMDAsImV4cCI6MTc0MTk0MTkwMH0.AD2pFIvJll6AlKk31SE-dYojMbaw-A9_uDjDdvHcC3Q",
                     *       "expiresIn": 900,
                     *       "refreshToken": "rt_OczK-pnM_6wqRfrGeL24UjrWrflGX_Sd",
                     *       "patientId": "pat_c7Hm29QxLw"
                     *     }
                     */
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    setPin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "deviceId": "3f1c9a52-7d4e-4b8a-9c1e-5a2b7d9e0f13",
                 *       "pin": "4821"
                 *     }
                 */
                "application/json": components["schemas"]["SetPinRequest"];
            };
        };
        responses: {
            /** @description The PIN is set for this device. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "deviceId": "3f1c9a52-7d4e-4b8a-9c1e-5a2b7d9e0f13",
                     *       "setAt": "2025-03-14T09:31:12+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["PinStatus"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    signInWithPin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "deviceId": "3f1c9a52-7d4e-4b8a-9c1e-5a2b7d9e0f13",
                 *       "pin": "4821"
                 *     }
                 */
                "application/json": components["schemas"]["PinSignInRequest"];
            };
        };
        responses: {
            /** @description Signed in; tokens for the person who owns the PIN. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "tokenType": "Bearer",
                     *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjQwMTAiLCJzdWIiOiJwYXRfYzdIbTI5UXhMdyIsInNpZCI6InNhbmRib3giLCJpYXQiOjE3NDE5NDEwMDAsImV4cCI6MTc0MTk0MTkwMH0.AD2pFIvJll6AlKk31SE-dYojMbaw-A9_uDjDdvHcC3Q",
                     *       "expiresIn": 900,
                     *       "refreshToken": "rt_Vb81kQz0_pLr4aN2mXc7TyW9eJd3HgUs",
                     *       "patientId": "pat_c7Hm29QxLw"
                     *     }
                     */
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PinSignInFailed"];
            423: components["responses"]["PinLocked"];
        };
    };
    refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refreshToken": "rt_OczK-pnM_6wqRfrGeL24UjrWrflGX_Sd"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description New tokens; the refresh token sent is no longer valid. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "tokenType": "Bearer",
                     *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjQwMTAiLCJzdWIiOiJwYXRfYzdIbTI5UXhMdyIsInNpZCI6InNhbmRib3giLCJpYXQiOjE3NDE5NDEwMDAsImV4cCI6MTc0MTk0MTkwMH0.AD2pFIvJll6AlKk31SE-dYojMbaw-A9_uDjDdvHcC3Q",
                     *       "expiresIn": 900,
                     *       "refreshToken": "rt_9sLq2Wm4Xc8Vb1Nz7Ka3Pd5Rf6Tg0Hj",
                     *       "patientId": "pat_c7Hm29QxLw"
                     *     }
                     */
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "patientId": "pat_c7Hm29QxLw",
                     *       "name": "Camilla Nørgaard Holm",
                     *       "cpr": "120684-9996",
                     *       "birthDate": "1984-06-12",
                     *       "address": {
                     *         "street": "Vestergade 14, 2. th.",
                     *         "postalCode": "8000",
                     *         "town": "Aarhus C"
                     *       },
                     *       "addressProtected": false,
                     *       "phone": "22 61 48 07",
                     *       "email": "camilla.holm@example.dk",
                     *       "clinicId": "cln_Bk7hW2qLd4"
                     *     }
                     */
                    "application/json": components["schemas"]["Profile"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    listChildren: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The children, youngest first; an empty list when there are none. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "patientId": "pat_k3Zt81RvNe",
                     *           "name": "Ida Nørgaard Holm",
                     *           "cpr": "090417-9998",
                     *           "birthDate": "2017-04-09",
                     *           "accessUntil": "2032-04-09",
                     *           "custody": "joint",
                     *           "address": {
                     *             "street": "Vestergade 14, 2. th.",
                     *             "postalCode": "8000",
                     *             "town": "Aarhus C"
                     *           },
                     *           "addressProtected": false,
                     *           "clinicId": "cln_Bk7hW2qLd4"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ChildList"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    getConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Consent"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    giveConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "accepted": true
                 *     }
                 */
                "application/json": components["schemas"]["GiveConsentRequest"];
            };
        };
        responses: {
            /** @description Consent is given. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "state": "given",
                     *       "givenAt": "2025-03-14T09:32:05+01:00",
                     *       "withdrawnAt": null,
                     *       "lastActivityAt": "2025-03-14T09:32:05+01:00",
                     *       "retainedUntil": "2026-03-14T09:32:05+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Consent"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
        };
    };
    withdrawConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Consent is withdrawn. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "state": "withdrawn",
                     *       "givenAt": "2024-02-02T19:04:51+01:00",
                     *       "withdrawnAt": "2025-03-14T09:40:00+01:00",
                     *       "lastActivityAt": "2025-03-14T09:30:00+01:00",
                     *       "retainedUntil": null
                     *     }
                     */
                    "application/json": components["schemas"]["Consent"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    getClinic: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clinic. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cln_Bk7hW2qLd4",
                     *       "name": "Lægerne i Bakkehuset",
                     *       "address": {
                     *         "street": "Søndergade 31, 1. sal",
                     *         "postalCode": "8000",
                     *         "town": "Aarhus C"
                     *       },
                     *       "phone": "86 12 40 40",
                     *       "email": "kontakt@bakkehuset-laeger.example",
                     *       "openingHours": {
                     *         "weekly": [
                     *           {
                     *             "day": "monday",
                     *             "opens": "08:00",
                     *             "closes": "16:00"
                     *           },
                     *           {
                     *             "day": "tuesday",
                     *             "opens": "08:00",
                     *             "closes": "16:00"
                     *           },
                     *           {
                     *             "day": "wednesday",
                     *             "opens": "08:00",
                     *             "closes": "16:00"
                     *           },
                     *           {
                     *             "day": "thursday",
                     *             "opens": "08:00",
                     *             "closes": "12:00"
                     *           },
                     *           {
                     *             "day": "thursday",
                     *             "opens": "13:00",
                     *             "closes": "18:00"
                     *           },
                     *           {
                     *             "day": "friday",
                     *             "opens": "08:00",
                     *             "closes": "14:00"
                     *           }
                     *         ],
                     *         "closedDays": [
                     *           {
                     *             "date": "2025-05-29",
                     *             "reason": "Kristi himmelfartsdag"
                     *           },
                     *           {
                     *             "date": "2025-06-09",
                     *             "reason": "2. pinsedag"
                     *           },
                     *           {
                     *             "date": "2025-09-24",
                     *             "reason": "Kursusdag"
                     *           }
                     *         ],
                     *         "holidays": [
                     *           {
                     *             "from": "2025-07-07",
                     *             "to": "2025-07-25",
                     *             "substitute": {
                     *               "name": "Lægerne ved Ingerslevs Plads",
                     *               "address": {
                     *                 "street": "Ingerslevs Boulevard 3",
                     *                 "postalCode": "8000",
                     *                 "town": "Aarhus C"
                     *               },
                     *               "phone": "86 13 22 10",
                     *               "clinicId": "cln_Qr5tY8uVw2"
                     *             }
                     *           }
                     *         ]
                     *       },
                     *       "capabilities": {
                     *         "attachments": true,
                     *         "videoConsultation": true,
                     *         "onlineBooking": true
                     *       },
                     *       "connected": true
                     *     }
                     */
                    "application/json": components["schemas"]["Clinic"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ProxyAccessDenied"];
            404: components["responses"]["NotFound"];
        };
    };
    getOutOfHours: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The out-of-hours information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutOfHours"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ProxyAccessDenied"];
            404: components["responses"]["NotFound"];
        };
    };
    listEConsultations: {
        parameters: {
            query?: {
                /**
                 * @description The `nextCursor` of the previous page; leave out for the first page. Opaque.
                 * @example eyJhZnRlciI6ImVjb19UNG5XN3haYjFjIn0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description The largest number of items on a page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of threads. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "eco_Q8fV2rKp4m",
                     *           "patientId": "pat_k3Zt81RvNe",
                     *           "subject": "Udslæt på armene",
                     *           "status": "answered",
                     *           "createdAt": "2025-03-12T07:58:20+01:00",
                     *           "lastMessageAt": "2025-03-12T13:05:44+01:00",
                     *           "lastMessageFrom": "clinic",
                     *           "messageCount": 2
                     *         },
                     *         {
                     *           "id": "eco_T4nW7xZb1c",
                     *           "patientId": "pat_k3Zt81RvNe",
                     *           "subject": "Spørgsmål om vaccination",
                     *           "status": "answered",
                     *           "createdAt": "2024-09-30T20:11:02+02:00",
                     *           "lastMessageAt": "2024-10-01T09:42:10+02:00",
                     *           "lastMessageFrom": "clinic",
                     *           "messageCount": 2
                     *         }
                     *       ],
                     *       "nextCursor": "eyJhZnRlciI6ImVjb19UNG5XN3haYjFjIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["EConsultationPage"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    createEConsultation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEConsultationRequest"];
            };
        };
        responses: {
            /** @description The thread was created and sent to the clinic. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "eco_Q8fV2rKp4m",
                     *       "patientId": "pat_k3Zt81RvNe",
                     *       "subject": "Udslæt på armene",
                     *       "status": "awaiting-answer",
                     *       "createdAt": "2025-03-12T07:58:20+01:00",
                     *       "messages": [
                     *         {
                     *           "id": "msg_A1b2C3d4E5",
                     *           "author": {
                     *             "role": "parent",
                     *             "name": "Camilla Nørgaard Holm"
                     *           },
                     *           "body": "Hej. Ida har i tre dage haft et rødt, kløende udslæt på begge underarme. Hun har ikke feber og spiser normalt. Skal vi komme forbi klinikken? Jeg har vedhæftet et billede.",
                     *           "sentAt": "2025-03-12T07:58:20+01:00",
                     *           "attachments": [
                     *             {
                     *               "id": "att_R2d2C3p0X9",
                     *               "fileName": "udslaet.png",
                     *               "contentType": "image/png",
                     *               "sizeBytes": 80
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["EConsultation"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["EConsultationConflict"];
            413: components["responses"]["PayloadTooLarge"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    getEConsultation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of the patient.
                 * @example eco_Q8fV2rKp4m
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The thread. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "eco_Q8fV2rKp4m",
                     *       "patientId": "pat_k3Zt81RvNe",
                     *       "subject": "Udslæt på armene",
                     *       "status": "answered",
                     *       "createdAt": "2025-03-12T07:58:20+01:00",
                     *       "messages": [
                     *         {
                     *           "id": "msg_A1b2C3d4E5",
                     *           "author": {
                     *             "role": "parent",
                     *             "name": "Camilla Nørgaard Holm"
                     *           },
                     *           "body": "Hej. Ida har i tre dage haft et rødt, kløende udslæt på begge underarme. Hun har ikke feber og spiser normalt. Skal vi komme forbi klinikken? Jeg har vedhæftet et billede.",
                     *           "sentAt": "2025-03-12T07:58:20+01:00",
                     *           "attachments": [
                     *             {
                     *               "id": "att_R2d2C3p0X9",
                     *               "fileName": "udslaet.png",
                     *               "contentType": "image/png",
                     *               "sizeBytes": 80
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "id": "msg_F6g7H8j9K0",
                     *           "author": {
                     *             "role": "clinic",
                     *             "name": "Læge Anders Vestergaard"
                     *           },
                     *           "body": "Kære Camilla. Billedet tyder på let børneeksem. Smør med en fed, uparfumeret creme morgen og aften i en uge. Hvis det ikke er bedre om en uge, eller hvis Ida får feber, så book en tid. Venlig hilsen Anders Vestergaard",
                     *           "sentAt": "2025-03-12T13:05:44+01:00",
                     *           "attachments": []
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["EConsultation"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    replyToEConsultation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of the patient.
                 * @example eco_Q8fV2rKp4m
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "body": "Tak for svaret. Vi prøver cremen og vender tilbage, hvis det ikke bliver bedre."
                 *     }
                 */
                "application/json": components["schemas"]["ReplyRequest"];
            };
        };
        responses: {
            /** @description The message was added and sent to the clinic. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "msg_L2m3N4p5Q6",
                     *       "author": {
                     *         "role": "parent",
                     *         "name": "Camilla Nørgaard Holm"
                     *       },
                     *       "body": "Tak for svaret. Vi prøver cremen og vender tilbage, hvis det ikke bliver bedre.",
                     *       "sentAt": "2025-03-12T16:20:03+01:00",
                     *       "attachments": []
                     *     }
                     */
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["EConsultationConflict"];
            413: components["responses"]["PayloadTooLarge"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    listAppointments: {
        parameters: {
            query?: {
                /**
                 * @description `upcoming` (not started yet, soonest first) or `past` (started, latest first).
                 * @example upcoming
                 */
                when?: components["parameters"]["When"];
                /**
                 * @description The `nextCursor` of the previous page; leave out for the first page. Opaque.
                 * @example eyJhZnRlciI6ImVjb19UNG5XN3haYjFjIn0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description The largest number of items on a page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of appointments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentPage"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    bookAppointment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "slotId": "slt_W9e3R5t7Y1"
                 *     }
                 */
                "application/json": components["schemas"]["BookAppointmentRequest"];
            };
        };
        responses: {
            /** @description The appointment is booked. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "apt_Mr20Hb7kQ2",
                     *       "patientId": "pat_c7Hm29QxLw",
                     *       "startsAt": "2025-03-20T10:15:00+01:00",
                     *       "endsAt": "2025-03-20T10:30:00+01:00",
                     *       "kind": "in-person",
                     *       "status": "booked",
                     *       "practitioner": "Læge Anders Vestergaard",
                     *       "cancellable": true,
                     *       "cancelledAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["BookingConflict"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    cancelAppointment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An appointment of the patient.
                 * @example apt_Mr20Hb7kQ2
                 */
                appointmentId: components["parameters"]["AppointmentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The appointment is cancelled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "apt_Mr20Hb7kQ2",
                     *       "patientId": "pat_c7Hm29QxLw",
                     *       "startsAt": "2025-03-20T10:15:00+01:00",
                     *       "endsAt": "2025-03-20T10:30:00+01:00",
                     *       "kind": "in-person",
                     *       "status": "cancelled",
                     *       "practitioner": "Læge Anders Vestergaard",
                     *       "cancellable": false,
                     *       "cancelledAt": "2025-03-14T09:45:10+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["CancelConflict"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    listBookingSlots: {
        parameters: {
            query?: {
                /**
                 * @description The first Copenhagen calendar day of the window (inclusive); defaults to today.
                 * @example 2025-03-17
                 */
                from?: components["parameters"]["From"];
                /**
                 * @description The last Copenhagen calendar day of the window (inclusive); defaults to `from` + 13 days; at most `from` + 30 days.
                 * @example 2025-03-30
                 */
                to?: components["parameters"]["To"];
            };
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The free slots in the window. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "slt_W9e3R5t7Y1",
                     *           "startsAt": "2025-03-20T10:15:00+01:00",
                     *           "endsAt": "2025-03-20T10:30:00+01:00",
                     *           "kind": "in-person",
                     *           "practitioner": "Læge Anders Vestergaard"
                     *         },
                     *         {
                     *           "id": "slt_P2o4I6u8Y0",
                     *           "startsAt": "2025-03-21T08:30:00+01:00",
                     *           "endsAt": "2025-03-21T08:45:00+01:00",
                     *           "kind": "phone",
                     *           "practitioner": "Læge Sofie Kragh"
                     *         },
                     *         {
                     *           "id": "slt_Z1x3C5v7B9",
                     *           "startsAt": "2025-03-24T13:00:00+01:00",
                     *           "endsAt": "2025-03-24T13:15:00+01:00",
                     *           "kind": "video",
                     *           "practitioner": "Læge Sofie Kragh"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["BookingSlotList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["BookingNotAvailable"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    listVaccinations: {
        parameters: {
            query?: {
                /**
                 * @description The `nextCursor` of the previous page; leave out for the first page. Opaque.
                 * @example eyJhZnRlciI6ImVjb19UNG5XN3haYjFjIn0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description The largest number of items on a page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of vaccinations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "vac_Fl24Nz8Qw1",
                     *           "patientId": "pat_k3Zt81RvNe",
                     *           "vaccine": "Influenzavaccine (næsespray)",
                     *           "atcCode": "J07BB03",
                     *           "dose": null,
                     *           "givenOn": "2024-10-15",
                     *           "givenBy": "Lægerne i Bakkehuset"
                     *         },
                     *         {
                     *           "id": "vac_Bo22Dt5Kp7",
                     *           "patientId": "pat_k3Zt81RvNe",
                     *           "vaccine": "DiTeKiPol (revaccination)",
                     *           "atcCode": "J07CA02",
                     *           "dose": null,
                     *           "givenOn": "2022-04-20",
                     *           "givenBy": "Lægerne i Bakkehuset"
                     *         },
                     *         {
                     *           "id": "vac_Mm21Rr2Lx9",
                     *           "patientId": "pat_k3Zt81RvNe",
                     *           "vaccine": "MMR",
                     *           "atcCode": "J07BD52",
                     *           "dose": 2,
                     *           "givenOn": "2021-04-12",
                     *           "givenBy": "Lægerne i Bakkehuset"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJhZnRlciI6InZhY19NbTIxUnIyTHg5In0"
                     *     }
                     */
                    "application/json": components["schemas"]["VaccinationPage"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    listReferrals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current referrals. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "ref_Lu25Bm3Kc8",
                     *           "patientId": "pat_c7Hm29QxLw",
                     *           "kind": "hospital",
                     *           "recipient": "Lungemedicinsk Ambulatorium, Aarhus Universitetshospital",
                     *           "reason": "Udredning af astma, lungefunktionsundersøgelse",
                     *           "issuedOn": "2025-02-20",
                     *           "validUntil": "2025-08-20"
                     *         },
                     *         {
                     *           "id": "ref_Fy24Ps7Tr2",
                     *           "patientId": "pat_c7Hm29QxLw",
                     *           "kind": "physiotherapy",
                     *           "recipient": "Fysioterapeut, efter eget valg",
                     *           "reason": "Genoptræning efter forstuvet ankel",
                     *           "issuedOn": "2024-12-02",
                     *           "validUntil": "2025-06-02"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ReferralList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ChildRestrictedForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    listDiagnoses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The shared diagnoses. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "dia_As24Nv5Rt9",
                     *           "patientId": "pat_c7Hm29QxLw",
                     *           "icpcCode": "R96",
                     *           "title": "Astma",
                     *           "registeredAt": "2024-11-05",
                     *           "rule": "A"
                     *         },
                     *         {
                     *           "id": "dia_Ht21Sp9Ky3",
                     *           "patientId": "pat_c7Hm29QxLw",
                     *           "icpcCode": "K86",
                     *           "title": "Hypertension, ukompliceret",
                     *           "registeredAt": "2021-09-14",
                     *           "rule": "B"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["DiagnosisList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ChildRestrictedForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    getMedication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The medication overview. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "patientId": "pat_c7Hm29QxLw",
                     *       "medicationCardUrl": "https://www.sundhed.dk/borger/min-side/min-sundhedsjournal/medicinkortet/",
                     *       "updatedAt": "2025-03-13T22:00:00+01:00",
                     *       "items": [
                     *         {
                     *           "id": "med_Am21Lo5Dp4",
                     *           "atcCode": "C08CA01",
                     *           "name": "Amlodipin \"Krka\"",
                     *           "activeIngredient": "amlodipin",
                     *           "strength": "5 mg",
                     *           "dosageText": "1 tablet 1 gang dagligt",
                     *           "startDate": "2021-09-14",
                     *           "endDate": null
                     *         },
                     *         {
                     *           "id": "med_Sb24Ve1Nt6",
                     *           "atcCode": "R03AC02",
                     *           "name": "Ventoline",
                     *           "activeIngredient": "salbutamol",
                     *           "strength": "0,1 mg/dosis",
                     *           "dosageText": "1-2 pust ved behov, højst 8 pust i døgnet",
                     *           "startDate": "2024-11-05",
                     *           "endDate": null
                     *         },
                     *         {
                     *           "id": "med_Ib25Pr8Hx2",
                     *           "atcCode": "M01AE01",
                     *           "name": "Ibuprofen \"Orifarm\"",
                     *           "activeIngredient": "ibuprofen",
                     *           "strength": "400 mg",
                     *           "dosageText": "1 tablet 3 gange dagligt i 5 dage",
                     *           "startDate": "2025-02-03",
                     *           "endDate": "2025-02-07"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["MedicationOverview"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PatientDataForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    listLabResults: {
        parameters: {
            query?: {
                /**
                 * @description The `nextCursor` of the previous page; leave out for the first page. Opaque.
                 * @example eyJhZnRlciI6ImVjb19UNG5XN3haYjFjIn0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description The largest number of items on a page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of lab results. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "lab_Hb25Mr7Qa1",
                     *           "patientId": "pat_c7Hm29QxLw",
                     *           "npuCode": "NPU27300",
                     *           "name": "HbA1c",
                     *           "value": 39,
                     *           "unit": "mmol/mol",
                     *           "referenceInterval": {
                     *             "lower": 20,
                     *             "upper": 42
                     *           },
                     *           "abnormal": false,
                     *           "sampledAt": "2025-03-10T08:12:00+01:00"
                     *         },
                     *         {
                     *           "id": "lab_Cr25Mr7Qa2",
                     *           "patientId": "pat_c7Hm29QxLw",
                     *           "npuCode": "NPU19748",
                     *           "name": "C-reaktivt protein (CRP)",
                     *           "value": 12,
                     *           "unit": "mg/L",
                     *           "referenceInterval": {
                     *             "lower": null,
                     *             "upper": 8
                     *           },
                     *           "abnormal": true,
                     *           "sampledAt": "2025-03-10T08:12:00+01:00"
                     *         },
                     *         {
                     *           "id": "lab_Hg25Mr7Qa3",
                     *           "patientId": "pat_c7Hm29QxLw",
                     *           "npuCode": "NPU02319",
                     *           "name": "Hæmoglobin",
                     *           "value": 7.9,
                     *           "unit": "mmol/L",
                     *           "referenceInterval": {
                     *             "lower": 7.3,
                     *             "upper": 9.5
                     *           },
                     *           "abnormal": false,
                     *           "sampledAt": "2025-03-10T08:12:00+01:00"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJhZnRlciI6ImxhYl9IZzI1TXI3UWEzIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["LabResultPage"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ChildRestrictedForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    joinVideoConsultation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The patient the request is about: the signed-in person's own `patientId` or that of a child from `GET /me/children`. Opaque; never a CPR number.
                 * @example pat_c7Hm29QxLw
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "appointmentId": "apt_Ap03Vd9xL4"
                 *     }
                 */
                "application/json": components["schemas"]["JoinVideoRequest"];
            };
        };
        responses: {
            /** @description A join URL for the session. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "vid_Kq3m9T2xLp",
                     *       "patientId": "pat_c7Hm29QxLw",
                     *       "appointmentId": "apt_Ap03Vd9xL4",
                     *       "joinUrl": "https://video.sandbox.example/join/vid_Kq3m9T2xLp?token=Yq7Rk2Wc9Lm4Tn8B",
                     *       "expiresAt": "2025-04-03T14:10:00+02:00"
                     *     }
                     */
                    "application/json": components["schemas"]["VideoSession"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ChildRestrictedForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["VideoConflict"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
}
