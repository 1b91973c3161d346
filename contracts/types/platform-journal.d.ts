// Generated from contracts/platform-journal.openapi.yaml by openapi-typescript (npm run contracts:types).
// Do not edit: change the contract and regenerate. A test fails when this file is out of step.
export interface paths {
    "/clinic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the clinic's master data
         * @description Returns the clinic this base URL serves: name, address, contact, the typed-in opening hours (weekly intervals, closed days, holidays with the named substitute), capabilities and `platformSharing`. This is the one operation that answers when the clinic has objected to sharing through the platform (`platformSharing: objected`), so that the platform can learn it; no consent is involved, it is not patient data.
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
    "/patients/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find a patient by CPR number
         * @description Turns a CPR number, sent in the body so that it never appears in a URL or an access log, into the journal's opaque patient id (`pat_…`). Answers `404 not-found` when no patient with this CPR number is registered with the clinic. Works without consent (identification only, no clinical data). `409 clinic-not-connected` when the clinic has objected to sharing through the platform.
         */
        post: operations["lookupPatient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * Read the patient's demographic data and custody links
         * @description Name, CPR number, birth date, sex, address and `addressProtected`, the children the patient has custody of and the parents with custody of the patient, as registered. Works without consent: the platform needs it to ask for consent and to decide proxy access. The address is sent even when protected (the person may see it, and it decides the out-of-hours region); the platform must never show a protected address to anyone else. Custody is reported whatever the child's age; the under-15 limit is applied when someone acts. A linked person who is not a patient of this clinic has `patientId: null`; the CPR number lets the platform find the person at their own clinic.
         */
        get: operations["getPatient"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * Read the patient's consent status
         * @description `never-given`, `given` or `withdrawn`, with when and by whom consent was last given. Readable without consent. The journal shares clinical data exactly while the state is `given`.
         */
        get: operations["getConsent"];
        /**
         * Register the patient's consent
         * @description Records that consent was given at `givenAt` by the patient, or for a child under 15 by a parent with custody (otherwise `403 proxy-access-denied`). From then on the record can be fetched and the patient's changes appear in the feed. Idempotent: registering again (for instance after a lapse) replaces `givenAt` and `givenBy` and clears `withdrawnAt`.
         */
        put: operations["registerConsent"];
        post?: never;
        /**
         * Withdraw the patient's consent
         * @description Records the withdrawal at the journal's current time. From then on the record and patient interactions answer `403 consent-required` and the patient's changes no longer appear in the feed (no deletion entries are sent: the platform deletes its copy itself). The platform also calls this when a patient's data lapses after 12 months without use. Idempotent: withdrawing when there is no consent answers the current status.
         */
        delete: operations["withdrawConsent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/record": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        /**
         * Read the patient's whole shareable record
         * @description One document with every shareable category, so that the platform gets the full record on first consent in one consistent read. Requires consent (`403 consent-required`). Diagnoses are filtered by the sharing table as of `asOf`: codes not in the table are never sent; rule A codes only when registered on or after the same date one year before `asOf` (and not after `asOf`); rule B codes whatever the registration date. The other categories are sent as registered. For a child the record is sent in full; the platform hides referrals, diagnoses and lab results from parents. `feedSequence` is the change-feed position the record reflects: the platform applies only this patient's feed entries with a higher sequence.
         */
        get: operations["getRecord"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the change feed from a cursor
         * @description Every change to the shareable data of patients with consent, ordered by `sequence`, which increases strictly across the whole feed (gaps are allowed: changes of patients without consent are left out and never replayed later). Without `cursor` the feed starts at the oldest entry the journal keeps (at least 7 days). `nextCursor` is always returned, also on an empty page: poll again from it; `hasMore` says whether more entries are ready now. An `upserted` entry carries the item as it now is (upsert by `itemId`; an e-consultation carries the whole thread); a `deleted` entry says the item was removed or is no longer shareable (for instance a diagnosis recoded outside the sharing table, or a patient who left the clinic). A new diagnosis outside the sharing table yields no entry. A rule A diagnosis that ages past one year yields no entry: the platform expires it by its `registeredAt` and `rule`. Delivery is at least once, so the platform ignores entries it has already applied (by `sequence`). An unknown, malformed or expired cursor is `400 validation-failed`: the platform then fetches every consenting patient's record again and reads the feed without a cursor.
         */
        get: operations["listChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List free slots for online booking
         * @description The slots that can be booked online between `from` and `to` (calendar dates in Europe/Copenhagen, both inclusive, at most 31 days apart), ordered by `startsAt`. Only free slots are listed. Not patient data, so no consent is involved. `409 not-offered-by-clinic` when online booking is switched off; `409 clinic-not-connected` when the clinic has objected to sharing through the platform; `400 validation-failed` when `to` is before `from` or the range is too long.
         */
        get: operations["listSlots"];
        put?: never;
        post?: never;
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
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Book a free slot for the patient
         * @description Books the slot for the patient, acting as the patient or as a parent with custody of a child under 15 (`403 proxy-access-denied` otherwise). Requires the patient's consent (`403 consent-required`). `409 slot-taken` when the slot is no longer free (someone else booked it first); `409 not-offered-by-clinic` when online booking is switched off; `404 not-found` for an unknown patient or slot. The new appointment also appears in the change feed.
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
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An appointment of this patient.
                 * @example apt_9Lp4Wr2Xe7
                 */
                appointmentId: components["parameters"]["AppointmentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a booked appointment
         * @description Cancels an upcoming appointment of the patient, acting as the patient or as a parent with custody of a child under 15 (`403 proxy-access-denied` otherwise). Requires consent (`403 consent-required`). `409 not-cancellable` when the appointment has started or is in the past or is already cancelled; `409 not-offered-by-clinic` when online booking is switched off. The appointment stays in the record with `status: cancelled`, and the change appears in the feed.
         */
        post: operations["cancelAppointment"];
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
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an e-consultation
         * @description Starts a thread with the patient's first message, written by the patient or by a parent with custody of a child under 15 on the child's behalf (`403 proxy-access-denied` otherwise); `writtenBy` is recorded as the message's author. Requires consent (`403 consent-required`). Attachments are JPEG or PNG photos, base64 in the body, at most 3 per message and 5 MiB each (decoded); the data must start with the format's signature. When the clinic does not allow attachments (`capabilities.attachments: false`), a message with any attachment is refused with `409 not-offered-by-clinic`. A body over 22 MiB is `413 payload-too-large`. Answers with the thread and the service code `0105` under which the clinic bills it.
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
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of this patient.
                 * @example eco_5Tq8Wm3Ks1
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
            };
            cookie?: never;
        };
        /**
         * Read an e-consultation thread
         * @description The whole thread with every message in order and attachment metadata (fetch the content with `getAttachment`). Requires consent (`403 consent-required`). `404 not-found` when the thread does not exist or belongs to another patient. Threads also arrive through the change feed, including those started in the clinic's own patient portal.
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
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of this patient.
                 * @example eco_5Tq8Wm3Ks1
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply in an e-consultation thread
         * @description Adds the patient's (or, for a child under 15, a parent with custody's) message to an existing thread; the thread goes back to `awaiting-answer`. The same rules as `createEConsultation` apply: consent (`403 consent-required`), custody (`403 proxy-access-denied`), attachments only where the clinic allows them (`409 not-offered-by-clinic`), size limits (`413 payload-too-large`). The clinic's own answers arrive through the change feed. Answers with the thread and the service code `0105`.
         */
        post: operations["replyToEConsultation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/e-consultations/{eConsultationId}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of this patient.
                 * @example eco_5Tq8Wm3Ks1
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
                /**
                 * @description An attachment of a message in this thread.
                 * @example att_3Jm6Xs1Tb9
                 */
                attachmentId: components["parameters"]["AttachmentId"];
            };
            cookie?: never;
        };
        /**
         * Fetch an attachment's content
         * @description The photo itself, base64 in JSON like on upload, for a thread of this patient. Requires consent (`403 consent-required`). `404 not-found` when the attachment is not in this thread. The platform needs this when it fetches a record anew (after a lapse) and for attachments added in the clinic's own patient portal.
         */
        get: operations["getAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/patients/{patientId}/video-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a video consultation session
         * @description Creates the session for a booked video appointment of the patient and answers with the URL the app opens to join it and when it expires; asking again gives a fresh URL. `404 not-found` when the appointment is not the patient's; `400 validation-failed` when it is not a booked appointment of kind `video`. Acting as the patient or as a parent with custody of a child under 15 (`403 proxy-access-denied` otherwise); requires consent (`403 consent-required`). `409 not-offered-by-clinic` when the clinic does not offer video consultation.
         */
        post: operations["createVideoSession"];
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
        /** @description The journal's opaque patient id. */
        PatientId: string;
        /** @description A clinic id. */
        ClinicId: string;
        EConsultationId: string;
        MessageId: string;
        AppointmentId: string;
        SlotId: string;
        ReferralId: string;
        DiagnosisId: string;
        VaccinationId: string;
        LabResultId: string;
        MedicationId: string;
        AttachmentId: string;
        VideoSessionId: string;
        /** @description The id of an item in the change feed (a patient or a record item). */
        ItemId: string;
        /** @description A CPR number, DDMMYY-SSSS (a replacement number adds 6 to the day's first digit). Never rejected for failing modulus-11. Only ever in a body, never in a URL. */
        Cpr: string;
        /** @description Wall-clock time HH:MM in Europe/Copenhagen (24:00 not allowed). */
        WallClockTime: string;
        /** @description A Danish phone number as it is dialled and shown, e.g. `+45 86 16 22 33` or `86 16 22 33`. */
        Phone: string;
        /** @enum {string} */
        Weekday: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
        /** @enum {string} */
        Sex: "female" | "male";
        Address: {
            /** @description Street, number and floor/door. */
            street: string;
            postalCode: string;
            town: string;
        };
        /** @description Typed in by the clinic (not part of the journal record). A weekday may have several intervals; a weekday with none is closed. Closed days and holidays override the weekly hours. */
        OpeningHours: {
            weekly: components["schemas"]["OpeningInterval"][];
            closedDays: components["schemas"]["ClosedDay"][];
            holidays: components["schemas"]["Holiday"][];
        };
        /** @description One opening interval on a weekday; `closes` is after `opens`. */
        OpeningInterval: {
            day: components["schemas"]["Weekday"];
            opens: components["schemas"]["WallClockTime"];
            closes: components["schemas"]["WallClockTime"];
        };
        /** @description A single closed day (a public holiday, a training day). */
        ClosedDay: {
            /** Format: date */
            date: string;
            reason?: string;
        };
        /** @description A holiday period, both dates inclusive, with the substitute (ferieafløser). */
        Holiday: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            substitute: components["schemas"]["Substitute"];
        };
        /** @description The clinic that patients use while this clinic is on holiday. */
        Substitute: {
            name: string;
            address: components["schemas"]["Address"];
            phone: components["schemas"]["Phone"];
            clinicId?: components["schemas"]["ClinicId"];
        };
        Capabilities: {
            /** @description Photos may be attached to e-consultations (exactly when the clinic's own patient portal allows it). */
            attachments: boolean;
            videoConsultation: boolean;
            onlineBooking: boolean;
        };
        Clinic: {
            id: components["schemas"]["ClinicId"];
            name: string;
            address: components["schemas"]["Address"];
            phone: components["schemas"]["Phone"];
            /** Format: email */
            email: string;
            openingHours: components["schemas"]["OpeningHours"];
            capabilities: components["schemas"]["Capabilities"];
            /**
             * @description `objected`: the clinic (the data controller) has objected to sharing through the platform; every operation but `getClinic` answers `409 clinic-not-connected`.
             * @enum {string}
             */
            platformSharing: "enabled" | "objected";
        };
        PatientLookup: {
            cpr: components["schemas"]["Cpr"];
        };
        PatientRef: {
            patientId: components["schemas"]["PatientId"];
        };
        Patient: {
            id: components["schemas"]["PatientId"];
            cpr: components["schemas"]["Cpr"];
            name: string;
            /** Format: date */
            birthDate: string;
            sex: components["schemas"]["Sex"];
            /** @description Absent when the journal has no Danish address for the patient. */
            address?: components["schemas"]["Address"];
            /** @description Name and address protection (navne- og adressebeskyttelse). The address is still sent; the platform shows it to the person only. */
            addressProtected: boolean;
            /** @description The patient's phone number as registered with the clinic; null when none. */
            phone: components["schemas"]["Phone"] | null;
            /**
             * Format: email
             * @description The patient's e-mail address as registered with the clinic; null when none.
             */
            email: string | null;
            /** @description The persons this patient is registered with custody of. */
            children: components["schemas"]["CustodyLink"][];
            /** @description The persons registered with custody of this patient. */
            custodians: components["schemas"]["CustodyLink"][];
        };
        CustodyLink: {
            /** @description The linked person's id in this journal, or null when not a patient of this clinic. */
            patientId: components["schemas"]["PatientId"] | null;
            cpr: components["schemas"]["Cpr"];
            name: string;
            /** Format: date */
            birthDate: string;
            /**
             * @description `sole` (eneforældremyndighed) or `joint` (fælles forældremyndighed).
             * @enum {string}
             */
            custody: "sole" | "joint";
        };
        /** @description Who acts in a request: the patient, or a parent with custody of the patient (a child under 15), identified by CPR number. The journal checks it against the patient and the patient's `custodians`. */
        Actor: {
            /** @enum {string} */
            role: "patient" | "parent";
            cpr: components["schemas"]["Cpr"];
        };
        /** @description Who did something, as shown to the patient (no CPR number). */
        Party: {
            /**
             * @description `clinic` for the clinic's staff (the doctor answering, a booking made at the desk).
             * @enum {string}
             */
            role: "patient" | "parent" | "clinic";
            name: string;
        };
        ConsentRegistration: {
            /**
             * Format: date-time
             * @description When consent was given in the app.
             */
            givenAt: string;
            givenBy: components["schemas"]["Actor"];
        };
        Consent: {
            patientId: components["schemas"]["PatientId"];
            /**
             * @description A lapse (12 months without use) is the platform's; the platform withdraws consent here when it happens, so the journal knows only these three states.
             * @enum {string}
             */
            state: "never-given" | "given" | "withdrawn";
            /**
             * Format: date-time
             * @description When consent was last given; null when never.
             */
            givenAt: string | null;
            /** @description Who last gave consent; null when never. */
            givenBy: components["schemas"]["Party"] | null;
            /**
             * Format: date-time
             * @description When consent was withdrawn; null unless `state` is `withdrawn`.
             */
            withdrawnAt: string | null;
        };
        ShareableRecord: {
            patientId: components["schemas"]["PatientId"];
            /**
             * Format: date
             * @description The date the sharing rules were applied on (the `asOf` query).
             */
            asOf: string;
            /** @description The change-feed sequence this record reflects: every change with this or a lower sequence is included. 0 when the feed has no entries yet. */
            feedSequence: number;
            /** Format: date-time */
            generatedAt: string;
            diagnoses: components["schemas"]["Diagnosis"][];
            vaccinations: components["schemas"]["Vaccination"][];
            /** @description Past and upcoming appointments, ordered by `startsAt`. */
            appointments: components["schemas"]["Appointment"][];
            referrals: components["schemas"]["Referral"][];
            labResults: components["schemas"]["LabResult"][];
            medications: components["schemas"]["Medication"][];
            eConsultations: components["schemas"]["EConsultation"][];
        };
        /**
         * @description An ICPC-2 code from the sharing table; no other code is ever shared. Rule A (shared only when registered within the last year): K74, K76, K78, K85, L95, P74, P76, R96, T85, T86, T89, T90. Rule B (shared whatever the date): K77, K86, K87, L88, L89, L90, L91, R95 and the cancer codes D74–D77, F74, H75, K72, L71, N74, R84, R85, S77, U75–U77, W72, X75–X77, Y77, Y78.
         * @enum {string}
         */
        SharedIcpcCode: "K74" | "K76" | "K77" | "K78" | "K85" | "K86" | "K87" | "L88" | "L89" | "L90" | "L91" | "L95" | "P74" | "P76" | "R95" | "R96" | "T85" | "T86" | "T89" | "T90" | "D74" | "D75" | "D76" | "D77" | "F74" | "H75" | "K72" | "L71" | "N74" | "R84" | "R85" | "S77" | "U75" | "U76" | "U77" | "W72" | "X75" | "X76" | "X77" | "Y77" | "Y78";
        /** @description A diagnosis from the sharing table; `rule` is the table's rule for the code. */
        Diagnosis: {
            id: components["schemas"]["DiagnosisId"];
            icpcCode: components["schemas"]["SharedIcpcCode"];
            /** @description The title as registered in the journal (Danish). */
            title: string;
            /** Format: date */
            registeredAt: string;
            /**
             * @description A: shared only when registered within the last year. B: shared whatever the date.
             * @enum {string}
             */
            rule: "A" | "B";
        };
        Vaccination: {
            id: components["schemas"]["VaccinationId"];
            /** @description The vaccine as registered, e.g. DiTeKiPol/Hib, MMR, HPV. */
            vaccine: string;
            /** @description The vaccine's ATC code (J07…), when registered. */
            atcCode: components["schemas"]["AtcCode"] | null;
            /** @description The dose number in a series (MMR 1, MMR 2); null for a single or seasonal vaccine. */
            dose: number | null;
            /** Format: date */
            givenOn: string;
            /** @description The clinic or vaccination service that gave it, when known. */
            givenBy: string | null;
        };
        Appointment: {
            id: components["schemas"]["AppointmentId"];
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            kind: components["schemas"]["AppointmentKind"];
            /** @enum {string} */
            status: "booked" | "completed" | "cancelled";
            practitioner: string | null;
            /** @description The reason as given when booking, shown to the patient. */
            reason: string | null;
            bookedBy: components["schemas"]["Party"];
            /** Format: date-time */
            cancelledAt: string | null;
        };
        /** @enum {string} */
        AppointmentKind: "in-person" | "phone" | "video";
        Referral: {
            id: components["schemas"]["ReferralId"];
            /** @description The MedCom standard the referral was sent with, e.g. REF01 (referral), XREF02 (imaging), XREF07 (physiotherapy). */
            standard: string;
            /** @enum {string} */
            kind: "specialist" | "hospital" | "physiotherapy" | "psychologist" | "imaging" | "other";
            reason: string;
            receiver: components["schemas"]["ReferralReceiver"];
            /** @enum {string} */
            status: "sent" | "received" | "booked" | "completed" | "rejected" | "expired";
            /** Format: date */
            issuedOn: string;
            /**
             * Format: date
             * @description The last day the referral can be used (inclusive); null when open-ended.
             */
            validUntil: string | null;
        };
        ReferralReceiver: {
            name: string;
            department: string | null;
        };
        LabResult: {
            id: components["schemas"]["LabResultId"];
            npuCode: string;
            name: string;
            /** @description A number, or text for a result given as text or beyond a limit (e.g. "<4"). */
            value: number | string;
            /** @description Null for a unitless result (e.g. INR). */
            unit: string | null;
            referenceInterval: components["schemas"]["ReferenceInterval"] | null;
            /** @description The laboratory flagged the result as outside the reference interval. */
            abnormal: boolean;
            /** Format: date-time */
            sampledAt: string;
        };
        ReferenceInterval: {
            lower: number | null;
            upper: number | null;
        };
        AtcCode: string;
        Medication: {
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
        EConsultation: {
            id: components["schemas"]["EConsultationId"];
            patientId: components["schemas"]["PatientId"];
            subject: string;
            /**
             * @description `awaiting-answer` after the patient's (or parent's) last message, `answered` after the clinic's.
             * @enum {string}
             */
            status: "awaiting-answer" | "answered";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description In the order sent. */
            messages: components["schemas"]["Message"][];
        };
        Message: {
            id: components["schemas"]["MessageId"];
            author: components["schemas"]["Party"];
            body: string;
            /** Format: date-time */
            sentAt: string;
            attachments: components["schemas"]["Attachment"][];
        };
        Attachment: {
            id: components["schemas"]["AttachmentId"];
            fileName: components["schemas"]["AttachmentFileName"];
            contentType: components["schemas"]["AttachmentContentType"];
            sizeBytes: number;
        };
        AttachmentContent: {
            id: components["schemas"]["AttachmentId"];
            fileName: components["schemas"]["AttachmentFileName"];
            contentType: components["schemas"]["AttachmentContentType"];
            sizeBytes: number;
            data: components["schemas"]["Base64Image"];
        };
        AttachmentFileName: string;
        /** @enum {string} */
        AttachmentContentType: "image/jpeg" | "image/png";
        /** @description The photo, standard base64 (RFC 4648 §4, padded, length a multiple of 4); at most 5 MiB (5,242,880 bytes) decoded. */
        Base64Image: string;
        /** @description A photo. The data must begin with the signature of `contentType` (JPEG `/9j/`, PNG `iVBORw0KGgo` in base64). */
        AttachmentUpload: {
            fileName: components["schemas"]["AttachmentFileName"];
            contentType: components["schemas"]["AttachmentContentType"];
            data: components["schemas"]["Base64Image"];
        };
        EConsultationRequest: {
            writtenBy: components["schemas"]["Actor"];
            subject: string;
            body: string;
            attachments: components["schemas"]["AttachmentUpload"][];
        };
        EConsultationReply: {
            writtenBy: components["schemas"]["Actor"];
            body: string;
            attachments: components["schemas"]["AttachmentUpload"][];
        };
        EConsultationReceipt: {
            /**
             * @description The service code (ydelseskode) under which the clinic bills the e-consultation.
             * @constant
             */
            serviceCode: "0105";
            messageId: components["schemas"]["MessageId"];
            eConsultation: components["schemas"]["EConsultation"];
        };
        Slot: {
            id: components["schemas"]["SlotId"];
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            kind: components["schemas"]["AppointmentKind"];
            practitioner: string | null;
        };
        SlotList: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            items: components["schemas"]["Slot"][];
        };
        BookingRequest: {
            slotId: components["schemas"]["SlotId"];
            bookedBy: components["schemas"]["Actor"];
            reason?: string;
        };
        CancellationRequest: {
            cancelledBy: components["schemas"]["Actor"];
        };
        VideoSessionRequest: {
            requestedBy: components["schemas"]["Actor"];
            appointmentId: components["schemas"]["AppointmentId"];
        };
        VideoSession: {
            id: components["schemas"]["VideoSessionId"];
            patientId: components["schemas"]["PatientId"];
            appointmentId: components["schemas"]["AppointmentId"];
            /**
             * Format: uri
             * @description The URL the app opens to join; valid until `expiresAt`.
             */
            joinUrl: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
        };
        ChangePage: {
            items: components["schemas"]["ChangeEntry"][];
            /** @description Always present (the feed never ends); poll again from it. */
            nextCursor: string;
            /** @description More entries are ready now; poll again at once. */
            hasMore: boolean;
        };
        /** @enum {string} */
        ChangeCategory: "patient" | "diagnosis" | "vaccination" | "appointment" | "referral" | "lab-result" | "medication" | "e-consultation";
        /** @description Position in the feed; strictly increasing across the whole feed. */
        Sequence: number;
        /** @description One change. `upserted` carries the item as it now is; `deleted` carries only its id. `occurredAt` is when the change happened in the journal. */
        ChangeEntry: components["schemas"]["PatientUpserted"] | components["schemas"]["DiagnosisUpserted"] | components["schemas"]["VaccinationUpserted"] | components["schemas"]["AppointmentUpserted"] | components["schemas"]["ReferralUpserted"] | components["schemas"]["LabResultUpserted"] | components["schemas"]["MedicationUpserted"] | components["schemas"]["EConsultationUpserted"] | components["schemas"]["ItemDeleted"];
        /** @description The patient's demographic data or custody links changed. */
        PatientUpserted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            /** @constant */
            category: "patient";
            /** @constant */
            kind: "upserted";
            itemId: components["schemas"]["PatientId"];
            /** Format: date-time */
            occurredAt: string;
            item: components["schemas"]["Patient"];
        };
        DiagnosisUpserted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            /** @constant */
            category: "diagnosis";
            /** @constant */
            kind: "upserted";
            itemId: components["schemas"]["DiagnosisId"];
            /** Format: date-time */
            occurredAt: string;
            item: components["schemas"]["Diagnosis"];
        };
        VaccinationUpserted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            /** @constant */
            category: "vaccination";
            /** @constant */
            kind: "upserted";
            itemId: components["schemas"]["VaccinationId"];
            /** Format: date-time */
            occurredAt: string;
            item: components["schemas"]["Vaccination"];
        };
        AppointmentUpserted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            /** @constant */
            category: "appointment";
            /** @constant */
            kind: "upserted";
            itemId: components["schemas"]["AppointmentId"];
            /** Format: date-time */
            occurredAt: string;
            item: components["schemas"]["Appointment"];
        };
        ReferralUpserted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            /** @constant */
            category: "referral";
            /** @constant */
            kind: "upserted";
            itemId: components["schemas"]["ReferralId"];
            /** Format: date-time */
            occurredAt: string;
            item: components["schemas"]["Referral"];
        };
        LabResultUpserted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            /** @constant */
            category: "lab-result";
            /** @constant */
            kind: "upserted";
            itemId: components["schemas"]["LabResultId"];
            /** Format: date-time */
            occurredAt: string;
            item: components["schemas"]["LabResult"];
        };
        MedicationUpserted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            /** @constant */
            category: "medication";
            /** @constant */
            kind: "upserted";
            itemId: components["schemas"]["MedicationId"];
            /** Format: date-time */
            occurredAt: string;
            item: components["schemas"]["Medication"];
        };
        /** @description A thread changed (a new message, a status change); carries the whole thread. */
        EConsultationUpserted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            /** @constant */
            category: "e-consultation";
            /** @constant */
            kind: "upserted";
            itemId: components["schemas"]["EConsultationId"];
            /** Format: date-time */
            occurredAt: string;
            item: components["schemas"]["EConsultation"];
        };
        /** @description The item was removed or is no longer shareable; the platform deletes its copy. For `category: patient` the patient has left the clinic: the platform deletes everything it holds from this journal about the patient. */
        ItemDeleted: {
            sequence: components["schemas"]["Sequence"];
            patientId: components["schemas"]["PatientId"];
            category: components["schemas"]["ChangeCategory"];
            /** @constant */
            kind: "deleted";
            itemId: components["schemas"]["ItemId"];
            /** Format: date-time */
            occurredAt: string;
        };
        /** @description RFC 9457 problem details. `type` is one of the URNs `urn:minlaege-sandbox:problem:<kind>` of the catalogue in `domain/problem-types.ts`. */
        Problem: {
            /**
             * Format: uri
             * @example urn:minlaege-sandbox:problem:consent-required
             */
            type: string;
            title: string;
            status: number;
            /** @description What happened and how to fix it. */
            detail?: string;
            instance?: string;
            /** @description Only on validation-failed. */
            errors?: {
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
                 *       "detail": "PUT is not an operation on /patients/pat_Zz9Yy8Xx/record; it has GET.",
                 *       "instance": "/patients/pat_Zz9Yy8Xx/record"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request breaks the contract. `errors` lists each problem: `pointer` is a JSON Pointer into the body (`/subject`) or names a parameter as `query/<name>` or `path/<name>`. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The query breaks the contract, or the cursor is unknown, malformed or older than the feed keeps. After an expired cursor, fetch every consenting patient's record again and read the feed without a cursor. */
        InvalidCursor: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, malformed, forged or expired platform credentials. */
        Unauthorized: {
            headers: {
                /** @description The authentication scheme to use. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:minlaege-sandbox:problem:unauthorized",
                 *       "title": "Missing, malformed, forged or expired credentials",
                 *       "status": 401,
                 *       "detail": "Send the platform system token as \"Authorization: Bearer <token>\"."
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The patient has not given consent, or has withdrawn it. */
        ConsentRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:minlaege-sandbox:problem:consent-required",
                 *       "title": "The patient has not given consent to share data",
                 *       "status": 403,
                 *       "detail": "No consent is registered for this patient; register it with PUT /patients/{patientId}/consent."
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The acting person is neither the patient nor a parent with custody of a patient under 15. */
        ProxyAccessDenied: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:minlaege-sandbox:problem:proxy-access-denied",
                 *       "title": "You may not act for this patient",
                 *       "status": 403,
                 *       "detail": "The acting person is not registered with custody of this patient, or the patient is 15 or older."
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No consent for the patient, or the acting person may not act for the patient. */
        ConsentRequiredOrProxyDenied: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource (or not this patient's). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:minlaege-sandbox:problem:not-found",
                 *       "title": "No such resource",
                 *       "status": 404,
                 *       "detail": "No patient with this id is registered with the clinic."
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The clinic has objected to sharing through the platform. */
        ClinicNotConnected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:minlaege-sandbox:problem:clinic-not-connected",
                 *       "title": "The clinic does not share data through the platform",
                 *       "status": 409,
                 *       "detail": "The clinic has objected to sharing through the platform (platformSharing is objected)."
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The clinic does not offer what was asked (attachments, video consultation or online booking), or does not share through the platform at all. */
        CapabilityConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The slot was booked by someone else, online booking is switched off, or the clinic does not share through the platform. */
        BookingConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The appointment is in the past or already cancelled, online booking is switched off, or the clinic does not share through the platform. */
        CancellationConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is over 22 MiB. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:minlaege-sandbox:problem:payload-too-large",
                 *       "title": "The request body is too large",
                 *       "status": 413,
                 *       "detail": "The request body is over 22 MiB; send at most 3 photos of at most 5 MiB each."
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The journal system cannot answer now (maintenance, overload, a backend down). */
        JournalUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:minlaege-sandbox:problem:journal-unavailable",
                 *       "title": "The clinic's journal system is unavailable",
                 *       "status": 503,
                 *       "detail": "The journal system is in scheduled maintenance until 06:00; try again later."
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
         * @example pat_8Hk2Qm4Rz1
         */
        PatientId: components["schemas"]["PatientId"];
        /**
         * @description An appointment of this patient.
         * @example apt_9Lp4Wr2Xe7
         */
        AppointmentId: components["schemas"]["AppointmentId"];
        /**
         * @description An e-consultation thread of this patient.
         * @example eco_5Tq8Wm3Ks1
         */
        EConsultationId: components["schemas"]["EConsultationId"];
        /**
         * @description An attachment of a message in this thread.
         * @example att_3Jm6Xs1Tb9
         */
        AttachmentId: components["schemas"]["AttachmentId"];
        /**
         * @description The calendar date (Europe/Copenhagen) on which the sharing rules are applied, normally the platform's today. Required, so that platform and journal agree on rule A at the year boundary, also under the sandbox's controllable clock.
         * @example 2025-03-14
         */
        AsOf: string;
        /**
         * @description Opaque position in the feed, taken from a previous page's `nextCursor`. Absent: start at the oldest entry the journal keeps.
         * @example c2VxOjEwNDUx
         */
        Cursor: string;
        /**
         * @description The most entries to return.
         * @example 20
         */
        Limit: number;
        /**
         * @description First day of the range (Europe/Copenhagen), inclusive.
         * @example 2025-03-17
         */
        From: string;
        /**
         * @description Last day of the range (Europe/Copenhagen), inclusive; at most 31 days after `from`.
         * @example 2025-03-18
         */
        To: string;
    };
    requestBodies: never;
    headers: {
        /** @description Seconds after which the request may be tried again. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getClinic: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
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
                    "application/json": components["schemas"]["Clinic"];
                };
            };
            401: components["responses"]["Unauthorized"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    lookupPatient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatientLookup"];
            };
        };
        responses: {
            /** @description The patient's id in this journal. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "patientId": "pat_8Hk2Qm4Rz1"
                     *     }
                     */
                    "application/json": components["schemas"]["PatientRef"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    getPatient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The patient. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Patient"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    getConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Consent"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    registerConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentRegistration"];
            };
        };
        responses: {
            /** @description The consent as now registered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "patientId": "pat_8Hk2Qm4Rz1",
                     *       "state": "given",
                     *       "givenAt": "2025-03-14T09:30:00+01:00",
                     *       "givenBy": {
                     *         "role": "patient",
                     *         "name": "Mette Nørgaard Jensen"
                     *       },
                     *       "withdrawnAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Consent"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ProxyAccessDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    withdrawConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent as now registered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "patientId": "pat_8Hk2Qm4Rz1",
                     *       "state": "withdrawn",
                     *       "givenAt": "2025-03-14T09:30:00+01:00",
                     *       "givenBy": {
                     *         "role": "patient",
                     *         "name": "Mette Nørgaard Jensen"
                     *       },
                     *       "withdrawnAt": "2025-06-02T20:15:00+02:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Consent"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    getRecord: {
        parameters: {
            query: {
                /**
                 * @description The calendar date (Europe/Copenhagen) on which the sharing rules are applied, normally the platform's today. Required, so that platform and journal agree on rule A at the year boundary, also under the sandbox's controllable clock.
                 * @example 2025-03-14
                 */
                asOf: components["parameters"]["AsOf"];
            };
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The shareable record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "patientId": "pat_8Hk2Qm4Rz1",
                     *       "asOf": "2025-03-14",
                     *       "feedSequence": 10451,
                     *       "generatedAt": "2025-03-14T09:30:05+01:00",
                     *       "diagnoses": [
                     *         {
                     *           "id": "dia_T90a24Mj01",
                     *           "icpcCode": "T90",
                     *           "title": "Diabetes type 2",
                     *           "registeredAt": "2024-09-02",
                     *           "rule": "A"
                     *         },
                     *         {
                     *           "id": "dia_K86b16Mj01",
                     *           "icpcCode": "K86",
                     *           "title": "Ukompliceret hypertension",
                     *           "registeredAt": "2016-05-20",
                     *           "rule": "B"
                     *         },
                     *         {
                     *           "id": "dia_X76c22Mj01",
                     *           "icpcCode": "X76",
                     *           "title": "Brystkræft",
                     *           "registeredAt": "2022-11-08",
                     *           "rule": "B"
                     *         }
                     *       ],
                     *       "vaccinations": [
                     *         {
                     *           "id": "vac_Flu24Mj01",
                     *           "vaccine": "Influenzavaccine",
                     *           "atcCode": "J07BB02",
                     *           "dose": null,
                     *           "givenOn": "2024-10-15",
                     *           "givenBy": "Lægerne på Trøjborg"
                     *         },
                     *         {
                     *           "id": "vac_Cov24Mj01",
                     *           "vaccine": "COVID-19-vaccine",
                     *           "atcCode": "J07BN01",
                     *           "dose": null,
                     *           "givenOn": "2024-10-15",
                     *           "givenBy": "Lægerne på Trøjborg"
                     *         }
                     *       ],
                     *       "appointments": [
                     *         {
                     *           "id": "apt_2Fc8Nd5Yh1",
                     *           "startsAt": "2025-01-09T13:00:00+01:00",
                     *           "endsAt": "2025-01-09T13:15:00+01:00",
                     *           "kind": "in-person",
                     *           "status": "cancelled",
                     *           "practitioner": "Læge Karen Holm",
                     *           "reason": "Ondt i lænden",
                     *           "bookedBy": {
                     *             "role": "patient",
                     *             "name": "Mette Nørgaard Jensen"
                     *           },
                     *           "cancelledAt": "2025-01-07T18:42:00+01:00"
                     *         },
                     *         {
                     *           "id": "apt_6Dq1Zs8Kc3",
                     *           "startsAt": "2025-02-20T09:00:00+01:00",
                     *           "endsAt": "2025-02-20T09:20:00+01:00",
                     *           "kind": "in-person",
                     *           "status": "completed",
                     *           "practitioner": "Læge Karen Holm",
                     *           "reason": "Årskontrol, diabetes",
                     *           "bookedBy": {
                     *             "role": "patient",
                     *             "name": "Mette Nørgaard Jensen"
                     *           },
                     *           "cancelledAt": null
                     *         },
                     *         {
                     *           "id": "apt_9Lp4Wr2Xe7",
                     *           "startsAt": "2025-03-27T10:30:00+01:00",
                     *           "endsAt": "2025-03-27T10:45:00+01:00",
                     *           "kind": "in-person",
                     *           "status": "booked",
                     *           "practitioner": "Sygeplejerske Louise Dahl",
                     *           "reason": "Blodtryksmåling",
                     *           "bookedBy": {
                     *             "role": "clinic",
                     *             "name": "Lægerne på Trøjborg"
                     *           },
                     *           "cancelledAt": null
                     *         }
                     *       ],
                     *       "referrals": [
                     *         {
                     *           "id": "ref_4Gt6Hs1Pq8",
                     *           "standard": "REF01",
                     *           "kind": "hospital",
                     *           "reason": "Nydiagnosticeret type 2-diabetes, ønskes vurderet",
                     *           "receiver": {
                     *             "name": "Aarhus Universitetshospital",
                     *             "department": "Steno Diabetes Center Aarhus"
                     *           },
                     *           "status": "received",
                     *           "issuedOn": "2024-12-03",
                     *           "validUntil": "2025-06-03"
                     *         },
                     *         {
                     *           "id": "ref_7Km3Bv9Ns2",
                     *           "standard": "XREF07",
                     *           "kind": "physiotherapy",
                     *           "reason": "Knæsmerter, genoptræning",
                     *           "receiver": {
                     *             "name": "Fysioterapien Trøjborg",
                     *             "department": null
                     *           },
                     *           "status": "sent",
                     *           "issuedOn": "2025-03-03",
                     *           "validUntil": "2025-09-03"
                     *         }
                     *       ],
                     *       "labResults": [
                     *         {
                     *           "id": "lab_1Ax9Qe4Wd2",
                     *           "npuCode": "NPU27300",
                     *           "name": "B—Hæmoglobin A1c (IFCC)",
                     *           "value": 53,
                     *           "unit": "mmol/mol",
                     *           "referenceInterval": {
                     *             "lower": 20,
                     *             "upper": 42
                     *           },
                     *           "abnormal": true,
                     *           "sampledAt": "2025-02-18T08:12:00+01:00"
                     *         },
                     *         {
                     *           "id": "lab_5Sz3Rc8Vb6",
                     *           "npuCode": "NPU18016",
                     *           "name": "P—Kreatinin",
                     *           "value": 68,
                     *           "unit": "µmol/L",
                     *           "referenceInterval": {
                     *             "lower": 45,
                     *             "upper": 90
                     *           },
                     *           "abnormal": false,
                     *           "sampledAt": "2025-02-18T08:12:00+01:00"
                     *         },
                     *         {
                     *           "id": "lab_8Ty2Uj5Mk1",
                     *           "npuCode": "NPU19748",
                     *           "name": "P—C-reaktivt protein",
                     *           "value": "<4",
                     *           "unit": "mg/L",
                     *           "referenceInterval": {
                     *             "lower": null,
                     *             "upper": 8
                     *           },
                     *           "abnormal": false,
                     *           "sampledAt": "2025-02-18T08:12:00+01:00"
                     *         }
                     *       ],
                     *       "medications": [
                     *         {
                     *           "id": "med_2Hb6Jn4Lc8",
                     *           "atcCode": "A10BA02",
                     *           "name": "Metformin \"Teva\"",
                     *           "activeIngredient": "metformin",
                     *           "strength": "500 mg",
                     *           "dosageText": "1 tablet 2 gange daglig til måltid",
                     *           "startDate": "2024-09-10",
                     *           "endDate": null
                     *         },
                     *         {
                     *           "id": "med_5Rd1Fg7Qw3",
                     *           "atcCode": "C09CA01",
                     *           "name": "Losartan \"Krka\"",
                     *           "activeIngredient": "losartan",
                     *           "strength": "50 mg",
                     *           "dosageText": "1 tablet 1 gang daglig",
                     *           "startDate": "2016-06-01",
                     *           "endDate": null
                     *         },
                     *         {
                     *           "id": "med_9Pe4Xk2Zt6",
                     *           "atcCode": "N02BE01",
                     *           "name": "Pinex",
                     *           "activeIngredient": "paracetamol",
                     *           "strength": "500 mg",
                     *           "dosageText": "2 tabletter ved behov, højst 4 gange i døgnet",
                     *           "startDate": "2025-01-10",
                     *           "endDate": "2025-01-24"
                     *         }
                     *       ],
                     *       "eConsultations": [
                     *         {
                     *           "id": "eco_5Tq8Wm3Ks1",
                     *           "patientId": "pat_8Hk2Qm4Rz1",
                     *           "subject": "Spørgsmål om blodsukkermåling",
                     *           "status": "answered",
                     *           "createdAt": "2025-03-10T19:04:00+01:00",
                     *           "updatedAt": "2025-03-11T11:20:00+01:00",
                     *           "messages": [
                     *             {
                     *               "id": "msg_1Na7Gv2Rp5",
                     *               "author": {
                     *                 "role": "patient",
                     *                 "name": "Mette Nørgaard Jensen"
                     *               },
                     *               "body": "Min blodsukkermåler viser 9,8 om morgenen. Er det for højt? Jeg har vedhæftet et billede af måleren.",
                     *               "sentAt": "2025-03-10T19:04:00+01:00",
                     *               "attachments": [
                     *                 {
                     *                   "id": "att_3Jm6Xs1Tb9",
                     *                   "fileName": "blodsukkermaaler.png",
                     *                   "contentType": "image/png",
                     *                   "sizeBytes": 73
                     *                 }
                     *               ]
                     *             },
                     *             {
                     *               "id": "msg_4Cw9Bh6Yd3",
                     *               "author": {
                     *                 "role": "clinic",
                     *                 "name": "Læge Karen Holm"
                     *               },
                     *               "body": "Tak for billedet. Det er lidt højt. Mål gerne før morgenmad i en uge, så ser vi på tallene til kontrollen den 27. marts.",
                     *               "sentAt": "2025-03-11T11:20:00+01:00",
                     *               "attachments": []
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ShareableRecord"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ConsentRequired"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    listChanges: {
        parameters: {
            query?: {
                /**
                 * @description Opaque position in the feed, taken from a previous page's `nextCursor`. Absent: start at the oldest entry the journal keeps.
                 * @example c2VxOjEwNDUx
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description The most entries to return.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of changes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "sequence": 10452,
                     *           "patientId": "pat_8Hk2Qm4Rz1",
                     *           "category": "lab-result",
                     *           "kind": "upserted",
                     *           "itemId": "lab_6Wd3Hn8Rc2",
                     *           "occurredAt": "2025-03-14T10:02:11+01:00",
                     *           "item": {
                     *             "id": "lab_6Wd3Hn8Rc2",
                     *             "npuCode": "NPU03230",
                     *             "name": "P—Kalium",
                     *             "value": 4.1,
                     *             "unit": "mmol/L",
                     *             "referenceInterval": {
                     *               "lower": 3.5,
                     *               "upper": 4.6
                     *             },
                     *             "abnormal": false,
                     *             "sampledAt": "2025-03-13T08:40:00+01:00"
                     *           }
                     *         },
                     *         {
                     *           "sequence": 10455,
                     *           "patientId": "pat_3Vn7Tb2Lw9",
                     *           "category": "appointment",
                     *           "kind": "upserted",
                     *           "itemId": "apt_5Gm8Cx3Rw1",
                     *           "occurredAt": "2025-03-14T10:15:40+01:00",
                     *           "item": {
                     *             "id": "apt_5Gm8Cx3Rw1",
                     *             "startsAt": "2025-03-18T08:15:00+01:00",
                     *             "endsAt": "2025-03-18T08:30:00+01:00",
                     *             "kind": "in-person",
                     *             "status": "booked",
                     *             "practitioner": "Læge Mads Bech",
                     *             "reason": "Ørepine",
                     *             "bookedBy": {
                     *               "role": "parent",
                     *               "name": "Mette Nørgaard Jensen"
                     *             },
                     *             "cancelledAt": null
                     *           }
                     *         },
                     *         {
                     *           "sequence": 10458,
                     *           "patientId": "pat_8Hk2Qm4Rz1",
                     *           "category": "diagnosis",
                     *           "kind": "deleted",
                     *           "itemId": "dia_P76d25Mj01",
                     *           "occurredAt": "2025-03-14T11:31:02+01:00"
                     *         }
                     *       ],
                     *       "nextCursor": "c2VxOjEwNDU4",
                     *       "hasMore": false
                     *     }
                     */
                    "application/json": components["schemas"]["ChangePage"];
                };
            };
            400: components["responses"]["InvalidCursor"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    listSlots: {
        parameters: {
            query: {
                /**
                 * @description First day of the range (Europe/Copenhagen), inclusive.
                 * @example 2025-03-17
                 */
                from: components["parameters"]["From"];
                /**
                 * @description Last day of the range (Europe/Copenhagen), inclusive; at most 31 days after `from`.
                 * @example 2025-03-18
                 */
                to: components["parameters"]["To"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The free slots. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "2025-03-17",
                     *       "to": "2025-03-18",
                     *       "items": [
                     *         {
                     *           "id": "slt_0317T0900A",
                     *           "startsAt": "2025-03-17T09:00:00+01:00",
                     *           "endsAt": "2025-03-17T09:15:00+01:00",
                     *           "kind": "in-person",
                     *           "practitioner": "Læge Karen Holm"
                     *         },
                     *         {
                     *           "id": "slt_0317T1410B",
                     *           "startsAt": "2025-03-17T14:10:00+01:00",
                     *           "endsAt": "2025-03-17T14:20:00+01:00",
                     *           "kind": "phone",
                     *           "practitioner": "Læge Mads Bech"
                     *         },
                     *         {
                     *           "id": "slt_0318T1330A",
                     *           "startsAt": "2025-03-18T13:30:00+01:00",
                     *           "endsAt": "2025-03-18T13:45:00+01:00",
                     *           "kind": "video",
                     *           "practitioner": "Læge Karen Holm"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SlotList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["CapabilityConflict"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    bookAppointment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BookingRequest"];
            };
        };
        responses: {
            /** @description The booked appointment. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "apt_3Rk7Ve1Dm5",
                     *       "startsAt": "2025-03-17T09:00:00+01:00",
                     *       "endsAt": "2025-03-17T09:15:00+01:00",
                     *       "kind": "in-person",
                     *       "status": "booked",
                     *       "practitioner": "Læge Karen Holm",
                     *       "reason": "Kontrol af blodtryk",
                     *       "bookedBy": {
                     *         "role": "patient",
                     *         "name": "Mette Nørgaard Jensen"
                     *       },
                     *       "cancelledAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ConsentRequiredOrProxyDenied"];
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
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An appointment of this patient.
                 * @example apt_9Lp4Wr2Xe7
                 */
                appointmentId: components["parameters"]["AppointmentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "cancelledBy": {
                 *         "role": "patient",
                 *         "cpr": "120684-9996"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CancellationRequest"];
            };
        };
        responses: {
            /** @description The cancelled appointment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "apt_9Lp4Wr2Xe7",
                     *       "startsAt": "2025-03-27T10:30:00+01:00",
                     *       "endsAt": "2025-03-27T10:45:00+01:00",
                     *       "kind": "in-person",
                     *       "status": "cancelled",
                     *       "practitioner": "Sygeplejerske Louise Dahl",
                     *       "reason": "Blodtryksmåling",
                     *       "bookedBy": {
                     *         "role": "clinic",
                     *         "name": "Lægerne på Trøjborg"
                     *       },
                     *       "cancelledAt": "2025-03-14T09:41:00+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ConsentRequiredOrProxyDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["CancellationConflict"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    createEConsultation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EConsultationRequest"];
            };
        };
        responses: {
            /** @description The new thread, with the billing service code. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "serviceCode": "0105",
                     *       "messageId": "msg_7Zk2Qf8Lm4",
                     *       "eConsultation": {
                     *         "id": "eco_9Jd3Sv6Ng2",
                     *         "patientId": "pat_8Hk2Qm4Rz1",
                     *         "subject": "Udslæt på underarmen",
                     *         "status": "awaiting-answer",
                     *         "createdAt": "2025-03-14T09:52:00+01:00",
                     *         "updatedAt": "2025-03-14T09:52:00+01:00",
                     *         "messages": [
                     *           {
                     *             "id": "msg_7Zk2Qf8Lm4",
                     *             "author": {
                     *               "role": "patient",
                     *               "name": "Mette Nørgaard Jensen"
                     *             },
                     *             "body": "Jeg har haft et rødt, kløende udslæt på venstre underarm i en uge. Det bliver ikke bedre af fugtighedscreme. Billede vedhæftet.",
                     *             "sentAt": "2025-03-14T09:52:00+01:00",
                     *             "attachments": [
                     *               {
                     *                 "id": "att_8Lr2Dw5Qz7",
                     *                 "fileName": "underarm.jpg",
                     *                 "contentType": "image/jpeg",
                     *                 "sizeBytes": 134
                     *               }
                     *             ]
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["EConsultationReceipt"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ConsentRequiredOrProxyDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["CapabilityConflict"];
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
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of this patient.
                 * @example eco_5Tq8Wm3Ks1
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
                     *       "id": "eco_5Tq8Wm3Ks1",
                     *       "patientId": "pat_8Hk2Qm4Rz1",
                     *       "subject": "Spørgsmål om blodsukkermåling",
                     *       "status": "answered",
                     *       "createdAt": "2025-03-10T19:04:00+01:00",
                     *       "updatedAt": "2025-03-11T11:20:00+01:00",
                     *       "messages": [
                     *         {
                     *           "id": "msg_1Na7Gv2Rp5",
                     *           "author": {
                     *             "role": "patient",
                     *             "name": "Mette Nørgaard Jensen"
                     *           },
                     *           "body": "Min blodsukkermåler viser 9,8 om morgenen. Er det for højt? Jeg har vedhæftet et billede af måleren.",
                     *           "sentAt": "2025-03-10T19:04:00+01:00",
                     *           "attachments": [
                     *             {
                     *               "id": "att_3Jm6Xs1Tb9",
                     *               "fileName": "blodsukkermaaler.png",
                     *               "contentType": "image/png",
                     *               "sizeBytes": 73
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "id": "msg_4Cw9Bh6Yd3",
                     *           "author": {
                     *             "role": "clinic",
                     *             "name": "Læge Karen Holm"
                     *           },
                     *           "body": "Tak for billedet. Det er lidt højt. Mål gerne før morgenmad i en uge, så ser vi på tallene til kontrollen den 27. marts.",
                     *           "sentAt": "2025-03-11T11:20:00+01:00",
                     *           "attachments": []
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["EConsultation"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ConsentRequired"];
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
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of this patient.
                 * @example eco_5Tq8Wm3Ks1
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "writtenBy": {
                 *         "role": "patient",
                 *         "cpr": "120684-9996"
                 *       },
                 *       "body": "Tak for svaret. Skal jeg også måle efter aftensmaden?",
                 *       "attachments": []
                 *     }
                 */
                "application/json": components["schemas"]["EConsultationReply"];
            };
        };
        responses: {
            /** @description The thread with the new message, with the billing service code. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "serviceCode": "0105",
                     *       "messageId": "msg_6Hs4Ny1Vc8",
                     *       "eConsultation": {
                     *         "id": "eco_5Tq8Wm3Ks1",
                     *         "patientId": "pat_8Hk2Qm4Rz1",
                     *         "subject": "Spørgsmål om blodsukkermåling",
                     *         "status": "awaiting-answer",
                     *         "createdAt": "2025-03-10T19:04:00+01:00",
                     *         "updatedAt": "2025-03-14T10:05:00+01:00",
                     *         "messages": [
                     *           {
                     *             "id": "msg_1Na7Gv2Rp5",
                     *             "author": {
                     *               "role": "patient",
                     *               "name": "Mette Nørgaard Jensen"
                     *             },
                     *             "body": "Min blodsukkermåler viser 9,8 om morgenen. Er det for højt? Jeg har vedhæftet et billede af måleren.",
                     *             "sentAt": "2025-03-10T19:04:00+01:00",
                     *             "attachments": [
                     *               {
                     *                 "id": "att_3Jm6Xs1Tb9",
                     *                 "fileName": "blodsukkermaaler.png",
                     *                 "contentType": "image/png",
                     *                 "sizeBytes": 73
                     *               }
                     *             ]
                     *           },
                     *           {
                     *             "id": "msg_4Cw9Bh6Yd3",
                     *             "author": {
                     *               "role": "clinic",
                     *               "name": "Læge Karen Holm"
                     *             },
                     *             "body": "Tak for billedet. Det er lidt højt. Mål gerne før morgenmad i en uge, så ser vi på tallene til kontrollen den 27. marts.",
                     *             "sentAt": "2025-03-11T11:20:00+01:00",
                     *             "attachments": []
                     *           },
                     *           {
                     *             "id": "msg_6Hs4Ny1Vc8",
                     *             "author": {
                     *               "role": "patient",
                     *               "name": "Mette Nørgaard Jensen"
                     *             },
                     *             "body": "Tak for svaret. Skal jeg også måle efter aftensmaden?",
                     *             "sentAt": "2025-03-14T10:05:00+01:00",
                     *             "attachments": []
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["EConsultationReceipt"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ConsentRequiredOrProxyDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["CapabilityConflict"];
            413: components["responses"]["PayloadTooLarge"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    getAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
                /**
                 * @description An e-consultation thread of this patient.
                 * @example eco_5Tq8Wm3Ks1
                 */
                eConsultationId: components["parameters"]["EConsultationId"];
                /**
                 * @description An attachment of a message in this thread.
                 * @example att_3Jm6Xs1Tb9
                 */
                attachmentId: components["parameters"]["AttachmentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attachment with its content. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "att_3Jm6Xs1Tb9",
                     *       "fileName": "blodsukkermaaler.png",
                     *       "contentType": "image/png",
                     *       "sizeBytes": 73,
                     *       "data": "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mO4uaQfiBggFAA6hggxtL+qywAAAABJRU5ErkJggg=="
                     *     }
                     */
                    "application/json": components["schemas"]["AttachmentContent"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ConsentRequired"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ClinicNotConnected"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
    createVideoSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The journal's opaque patient id (from `lookupPatient`), never a CPR number.
                 * @example pat_8Hk2Qm4Rz1
                 */
                patientId: components["parameters"]["PatientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "requestedBy": {
                 *         "role": "patient",
                 *         "cpr": "120684-9996"
                 *       },
                 *       "appointmentId": "apt_4Wv8Ke2Jp6"
                 *     }
                 */
                "application/json": components["schemas"]["VideoSessionRequest"];
            };
        };
        responses: {
            /** @description The session. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "vid_7Qm2Lx9Pz4",
                     *       "patientId": "pat_8Hk2Qm4Rz1",
                     *       "appointmentId": "apt_4Wv8Ke2Jp6",
                     *       "joinUrl": "https://video.sandbox.example/rooms/vid_7Qm2Lx9Pz4?t=Zk3mQ8vR2x",
                     *       "createdAt": "2025-03-18T13:27:00+01:00",
                     *       "expiresAt": "2025-03-18T14:15:00+01:00"
                     *     }
                     */
                    "application/json": components["schemas"]["VideoSession"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ConsentRequiredOrProxyDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["CapabilityConflict"];
            503: components["responses"]["JournalUnavailable"];
        };
    };
}
