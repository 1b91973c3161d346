/**
 * Reads scenario files (YAML). Every problem is reported with the file, line and column and what
 * was expected: YAML syntax errors from the parser, schema errors (Ajv) and unknown handles mapped
 * back to the node they are about through the parser's LineCounter and node ranges.
 *
 * @example loadScenarioFile('scenarios/catalogue/lapsed-consent.yaml') // → Scenario, or throws ScenarioFileError
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { checkScenario, type ScenarioIssue, type ScenarioPath } from './check.ts';
import type { Scenario } from './types.ts';

/** One problem in a file, where an editor can jump to it. */
export interface FileIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A scenario file that cannot be used, with every problem found in it. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';
  constructor(readonly issues: FileIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

/** `file:line:column: message`, the form editors and CI logs link. */
export function formatIssue(issue: FileIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

/** The node a path leads to, or the deepest one on the way (a missing property's object). */
function nodeAt(root: Node | null, path: ScenarioPath, atKey: boolean): Node | null {
  let node: Node | null = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return node;
      if (last && atKey) return pair.key as Node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) return node;
      node = isPair(item) ? (item.value as Node) : item;
    } else {
      return node;
    }
  }
  return node;
}

/** Parses and checks scenario YAML; `file` names it in the messages. */
export function loadScenarioText(text: string, file: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  if (doc.errors.length > 0) {
    throw new ScenarioFileError(
      doc.errors.map((e) => ({ file, ...at(e.pos[0]), message: `YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    // An alias expanding past the parser's limit (a "billion laughs" file), or the like.
    throw new ScenarioFileError([{ file, line: 1, column: 1, message: `YAML: ${(error as Error).message}` }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ScenarioFileError([
      { file, line: 1, column: 1, message: 'expected a mapping with name, summary, seed, start, people, expectations' },
    ]);
  }
  const issues = checkScenario(value);
  if (issues.length > 0) {
    const root = doc.contents as Node | null;
    const located = issues.map((issue: ScenarioIssue) => {
      const node = nodeAt(root, issue.path, issue.atKey === true);
      const where = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
      const pointer = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
      return { file, ...where, message: `${issue.message}${pointer}` };
    });
    located.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ScenarioFileError(located);
  }
  return value as Scenario;
}

/** Reads, parses and checks a scenario file. */
export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioFileError([
      { file, line: 1, column: 1, message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? error}` },
    ]);
  }
  return loadScenarioText(text, file);
}
