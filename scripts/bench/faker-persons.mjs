// Baseline for `npm run bench:generate`: N bare Faker persons (Danish locale, the instance seeded
// per person with Faker's own generator), streamed to a file as NDJSON through the same output file
// as `generate --out` (dist/cli/output-file.js, built by the bench first). Usage: node faker-persons.mjs N FILE
import { base, da, en, Faker } from '@faker-js/faker';
import { openOutputStream } from '../../dist/cli/output-file.js';

const [count, file] = [Number(process.argv[2]), process.argv[3]];
const faker = new Faker({ locale: [da, en, base] });
const output = await openOutputStream(file, 4 * 1024 * 1024);
const out = output.stream;
let chunk = '';
for (let k = 0; k < count; k++) {
  faker.seed(k);
  const sex = faker.person.sex();
  const person = {
    firstName: faker.person.firstName(sex),
    lastName: faker.person.lastName(),
    sex,
    birthdate: faker.date.birthdate({ refDate: '2026-01-15T12:00:00Z' }).toISOString().slice(0, 10),
  };
  chunk += `${JSON.stringify(person)}\n`;
  if (chunk.length > 262_144) {
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
    chunk = '';
  }
}
out.write(chunk);
await output.commit();
