/**
 * Runs Pact's provider verifier in a process of its own, so its report (printed by the native
 * core straight to stdout) does not mix with verify's summary. Reads the options as JSON from
 * the environment (MINLAEGE_PACT_OPTIONS: they hold the platform token, which argv would show to
 * every user of the machine) and writes the verifier's JSON results to the file at argv[2].
 */
import { writeFileSync } from 'node:fs';
import { Verifier } from '@pact-foundation/pact';

const options = process.env.MINLAEGE_PACT_OPTIONS;
const resultFile = process.argv[2];
if (!options || !resultFile) throw new Error('usage: MINLAEGE_PACT_OPTIONS=<JSON> worker <result file>');
let text: string;
try {
  text = await new Verifier(JSON.parse(options)).verifyProvider();
} catch (error) {
  // A failed verification rejects with the results as the message; a crash with anything else.
  text = error instanceof Error ? error.message : String(error);
}
writeFileSync(resultFile, text);
