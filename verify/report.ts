/**
 * A verification run as people and CI read it: a summary for the terminal (group, check,
 * pass/fail/skip and why), JUnit XML (one testsuite per group, one testcase per check, the reason
 * and the items at fault in <failure>), and the report itself as JSON. All three say the same.
 */
import type { CheckResult, CheckStatus, GroupResult, VerifyReport } from './kit.ts';

const MARK: Record<CheckStatus, string> = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' };

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The summary for the terminal. */
export function formatSummary(report: VerifyReport): string {
  const lines = [`minlaege-sandbox verify: ${report.journalUrl}`];
  if (report.providerStatesUrl) lines.push(`  provider states: ${report.providerStatesUrl}`);
  for (const group of report.groups) {
    lines.push('', `${MARK[group.status]} ${group.title} [${group.id}]${group.reason ? `: ${group.reason}` : ''}`);
    for (const check of group.checks) {
      lines.push(`  ${MARK[check.status]} ${check.name}`);
      if (check.status === 'passed') continue;
      if (check.reason) lines.push(`       why: ${check.reason}`);
      if (check.status === 'failed') lines.push(`       needs: ${check.needs}`);
      for (const d of check.details.slice(0, 20)) lines.push(`       - ${d}`);
      if (check.details.length > 20) lines.push(`       … and ${check.details.length - 20} more (see --json)`);
    }
  }
  const { checks, passed, failed, skipped } = report.totals;
  lines.push(
    '',
    `${report.ok ? 'PASSED' : 'FAILED'}: ${passed} of ${checks} checks passed, ${failed} failed, ${skipped} skipped (${seconds(report.durationMs)} s)`,
  );
  return `${lines.join('\n')}\n`;
}

/** Whether XML 1.0 can hold a character (tab, newline, carriage return and the printable planes). */
function xmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (!xmlChar(code)) continue;
    out +=
      ch === '&'
        ? '&amp;'
        : ch === '<'
          ? '&lt;'
          : ch === '>'
            ? '&gt;'
            : ch === '"'
              ? '&quot;'
              : ch === "'"
                ? '&apos;'
                : ch;
  }
  return out;
}

function testcase(group: GroupResult, check: CheckResult): string {
  const open = `    <testcase classname="minlaege-sandbox.verify.${escapeXml(group.id)}" name="${escapeXml(check.name)}" time="${seconds(check.durationMs)}"`;
  if (check.status === 'passed') return `${open}/>`;
  if (check.status === 'skipped')
    return `${open}>\n      <skipped message="${escapeXml(check.reason ?? '')}"/>\n    </testcase>`;
  const body = [`needs: ${check.needs}`, ...check.details].join('\n');
  return `${open}>\n      <failure message="${escapeXml(check.reason ?? 'failed')}" type="${escapeXml(group.id)}">${escapeXml(body)}</failure>\n    </testcase>`;
}

/** JUnit XML: <testsuites> of one <testsuite> per group. */
export function formatJunit(report: VerifyReport): string {
  const count = (checks: readonly CheckResult[], s: CheckStatus) => checks.filter((c) => c.status === s).length;
  const suites = report.groups.map((group) => {
    // A group skipped as a whole still shows, as one skipped case, so CI lists why.
    const checks: CheckResult[] =
      group.checks.length > 0 || !group.reason
        ? group.checks
        : [
            {
              id: 'group',
              name: group.title,
              needs: '',
              status: 'skipped',
              reason: group.reason,
              details: [],
              durationMs: 0,
            },
          ];
    return [
      `  <testsuite name="${escapeXml(group.title)}" id="${escapeXml(group.id)}" tests="${checks.length}" failures="${count(checks, 'failed')}" errors="0" skipped="${count(checks, 'skipped')}" time="${seconds(group.durationMs)}" timestamp="${report.startedAt.slice(0, 19)}">`,
      ...checks.map((c) => testcase(group, c)),
      '  </testsuite>',
    ].join('\n');
  });
  const all = report.groups.flatMap((g) =>
    g.checks.length > 0 || !g.reason ? g.checks : [{ status: 'skipped' } as CheckResult],
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="minlaege-sandbox verify" tests="${all.length}" failures="${count(all, 'failed')}" errors="0" skipped="${count(all, 'skipped')}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export function formatJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
