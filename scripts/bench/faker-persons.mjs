// Baseline for `npm run bench:generate`: N bare Faker persons (Danish locale, the instance seeded
// per person with Faker's own generator), streamed to a file as NDJSON. Usage: node faker-persons.mjs N FILE
import { createWriteStream } from 'node:fs';
import { base, da, en, Faker } from '@faker-js/faker';

const [count, file] = [Number(process.argv[2]), process.argv[3]];
const faker = new Faker({ locale: [da, en, base] });
const out = createWriteStream(file);
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
out.end(chunk);
await new Promise((resolve) => out.once('finish', resolve));
