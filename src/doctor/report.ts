// Doctor output: human text grouped by process (file:line per place), or JSON.
import type { DoctorReport, DoctorFinding, Severity } from './types';

const MARK: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

export function formatJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatHuman(report: DoctorReport): string {
  const lines: string[] = [];
  const { stats } = report;
  lines.push(
    `otel-codemod doctor: ${report.processes.length} process${report.processes.length === 1 ? '' : 'es'}, ` +
      `${stats.filesScanned} files scanned (${stats.filesParsed} with OpenTelemetry imports), ${(stats.durationMs / 1000).toFixed(2)} s`,
  );
  let quiet = 0;
  report.processes.forEach((proc, i) => {
    const own = report.findings.filter((f) => f.process === i);
    if (own.length === 0 && proc.registrations.length === 0) {
      quiet++;
      return;
    }
    lines.push('');
    lines.push(`${proc.name}${proc.dev ? '  [dev]' : ''}`);
    lines.push(`  declared at ${proc.origins.map(where).join(', ')}`);
    if (proc.entries.length > 0) lines.push(`  entry: ${proc.entries.length > 4 ? `${proc.entries.slice(0, 4).join(', ')}, +${proc.entries.length - 4} more` : proc.entries.join(', ')}`);
    for (const p of proc.preloads) lines.push(`  preload: ${p.specifier} (${p.via}, ${where(p.origin)})`);
    if (proc.registrations.length > 0) {
      lines.push(`  registrations (${proc.files} file${proc.files === 1 ? '' : 's'} reached):`);
      for (const r of proc.registrations) {
        const via = r.chain.length > 1 ? `  via ${r.chain.join(' → ')}` : '';
        const guard = r.guard ? `  once per process (${r.guard})` : '';
        lines.push(`    ${where(r.location)}  ${r.label}  [${r.globals.join(', ')}]${guard}${via}`);
      }
    }
    for (const f of own) lines.push(...formatFinding(f, '  '));
  });
  if (quiet > 0) lines.push('', `${quiet} other process${quiet === 1 ? '' : 'es'} with no OpenTelemetry registration.`);

  if (report.apiCopies.length > 0) {
    lines.push('', `@opentelemetry/api copies (${report.apiCopies[0]!.source}):`);
    for (const c of report.apiCopies) lines.push(`  ${c.version}  ${c.path}`);
  }
  const project = report.findings.filter((f) => f.process === undefined);
  if (project.length > 0) {
    lines.push('', 'Project:');
    for (const f of project) lines.push(...formatFinding(f, '  '));
  }

  const count = (s: Severity): number => report.findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  lines.push('', errors + warnings === 0 ? 'No problems found.' : `${errors} problem${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  return `${lines.join('\n')}\n`;
}

function formatFinding(f: DoctorFinding, indent: string): string[] {
  const out = [`${indent}${MARK[f.severity]} ${f.code}: ${f.message}`];
  if (f.severity !== 'info') for (const l of f.locations) out.push(`${indent}    at ${where(l)}`);
  return out;
}

function where(l: { file: string; line: number }): string {
  return `${l.file}:${l.line}`;
}
