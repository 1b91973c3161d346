/**
 * The README's scenario section: a table of the catalogue made from the files, and a short guide
 * to writing a scenario. `npm run scenarios:readme` writes it between the markers; a test checks
 * that the README is in step with the files.
 */
import type { Scenario } from './types.ts';

export const README_START = '<!-- scenarios:start -->';
export const README_END = '<!-- scenarios:end -->';

const cell = (text: string) => text.replaceAll('|', '\\|');

function table(rows: string[][]): string[] {
  const widths = (rows[0] as string[]).map((_, c) => Math.max(3, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c] as number)).join(' | ')} |`;
  return [line(rows[0] as string[]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)];
}

const GUIDE = `### Writing a scenario

A scenario is one YAML file: a seed and a start, the clinic (generated, with what you give put
over it), people with handles, family links, records, a timeline and expectations. Handles name
people and records everywhere else in the file; in a request path \`{handle}\` stands for the
person's patient id or the record's id. Dates are absolute or ISO 8601 offsets from the start
(\`-P365D\`, \`P1DT2H\`). The schema is \`contracts/scenario.schema.json\`; CPR numbers are always
from the synthetic scheme.

\`\`\`yaml
name: my-first-scenario
summary: A patient whose doctor answers the day after she writes
seed: my-first-scenario
start: 2026-01-15T10:00:00+01:00
people:
  - handle: mette
    age: 42
    sex: female
    region: midtjylland
    consent: given
    records:
      eConsultations:
        - { handle: question, subject: Hoste, body: Jeg har hostet i tre uger., sent: -PT2H }
timeline:
  - { at: P1D, event: doctor-replies, patient: mette, eConsultation: question, body: Kom ind i morgen kl. 9. }
expectations:
  - name: the answer is there the next day
    at: P1DT1H
    as: mette
    request: { method: GET, path: '/patients/{mette}/e-consultations/{question}' }
    expect: { status: 200, body: { status: answered } }
\`\`\`

\`\`\`sh
minlaege-sandbox scenario list                    # the catalogue
minlaege-sandbox scenario show fully-booked       # what a scenario sets up and expects
minlaege-sandbox scenario validate my.yaml        # every problem as file:line:column; exit 2 if any
minlaege-sandbox scenario run my.yaml             # in process; exit 1 when an expectation fails, 2 when it cannot run
minlaege-sandbox serve --scenario my.yaml         # a sandbox that starts with it (and lists the catalogue)
minlaege-sandbox scenario run my.yaml --base-url http://127.0.0.1:4010   # against that sandbox
\`\`\`

\`run --base-url\` loads the scenario by name through the control API (\`PUT /__sandbox/scenario\`) in
a session of its own and moves that session's clock; a running sandbox knows only its catalogue and
the file it was started with, so a file it does not know is refused with the \`serve --scenario\`
line to use, and so is a name the sandbox has from another source or in another content (a file
named like a catalogue scenario that differs from it, a catalogue name the sandbox has from its own
file, another file of the same name: the sandbox lists each scenario file's SHA-256); \`default\`
is the generated population's name and no scenario's. Against a platform without the control API
it cannot run. An expectation checks \`status\`, \`problem\` (a
kind such as \`consent-lapsed\`), \`present\` and \`absent\` (handles of people or records),
\`count\`, and \`body\` (a subset of the answer: objects may have more members, arrays must match
whole and in order, text such as an instant matches as written; \`null\` means nothing there,
absent or null; for a list, \`count\`, \`present\` and \`absent\` see every page and \`body\` the
first); a \`race\` sends its requests at once. Timeline events: \`doctor-replies\`, \`lab-result\`,
\`consent-withdrawn\`, \`consent-given\`, \`clinic-holiday\`, \`journal-down\`, \`journal-up\`. Pact
provider states name scenarios as \`scenario <name>\` (with \`as: <handle>\` for a ready token). In
code, \`minlaege-sandbox/scenarios\` has the same: \`runScenarioInProcess(loadScenarioFile('my.yaml'))\`
in a vitest test gives the report \`scenario run\` prints (\`report.passed\`, each result's
differences), and its builder makes the structure in TypeScript with the compiler checking the handles.`;

/** The section between the markers (markers excluded). */
export function renderScenarioSection(catalogue: Scenario[]): string {
  const rows = [
    ['scenario', 'what it sets up and checks', 'people', 'events', 'expectations'],
    ...catalogue.map((s) => [
      `\`${s.name}\``,
      cell(s.summary),
      String(s.people.length + (s.population ?? 8)),
      String(s.timeline?.length ?? 0),
      String(s.expectations.length),
    ]),
  ];
  return [
    'Every scenario of the catalogue (`scenarios/catalogue/`) runs in the test suite. `people` counts the',
    "scenario's own people and the generated patients beside them.",
    '',
    ...table(rows),
    '',
    GUIDE,
  ].join('\n');
}

/** The README with the section replaced. */
export function withScenarioSection(readme: string, section: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${README_START} … ${README_END} markers`);
  return `${readme.slice(0, start + README_START.length)}\n\n${section}\n\n${readme.slice(end)}`;
}

/** What a formatter may change: runs of spaces and the length of a table's rule. */
export function normaliseMarkdown(text: string): string {
  return text
    .replace(/-{3,}/g, '---')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n\n')
    .trim();
}

/** The README's section as it stands. */
export function currentScenarioSection(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  return start < 0 || end < start ? '' : readme.slice(start + README_START.length, end);
}
