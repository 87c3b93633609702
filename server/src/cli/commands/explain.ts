import * as fs from 'node:fs';
import * as path from 'node:path';
import { describePlacement, describeTarget, describeViolation } from '../../core/report/describeImport';
import { isCounted } from '../../core/validate/checkOptions';
import { displayPath, loadWorkspace } from '../loadWorkspace';
import type { Output } from '../output';
import type { ParsedCommand } from '../parseCommand';
import { UsageError } from '../usageError';

export const explainHelp = `Usage: strata explain <file> [--module-level-only]

Explains one Python file: its layer, domain and audience, what its layer may and may not
import, and the verdict on each of its imports.

Exit codes: 0 no violations in the file, 1 violations, 2 usage error or unreadable file.
`;

export function runExplain(command: ParsedCommand, output: Output): number {
  const given = command.positionals[0];
  if (!given) throw new UsageError('strata explain: which file? (see strata explain --help)');
  const file = path.resolve(given);
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${given}`);
  if (!fs.statSync(file).isFile()) throw new UsageError(`not a file: ${given}`);
  const options = { moduleLevelOnly: command.flag('module-level-only') };
  // Warnings of this file only, as `check FILE` says nothing of the others around it.
  const real = fs.realpathSync(file);
  const analysis = loadWorkspace(path.dirname(file), options, output, (f) => f === file || f === real);
  const index = analysis.index;
  const analyzed = index.file(file) ?? index.file(real);
  if (!analyzed) throw new UsageError(`${given} is not a Python file of a layered source root`);
  if (analyzed.skipped) throw new UsageError(`${given}: ${analyzed.skipped}`);
  const model = index.model;
  const lines: string[] = [];
  lines.push(`${displayPath(file)}`, `  module:   ${analyzed.identity.module}`, `  place:    ${describePlacement(model, analyzed)}`);
  const layer = analyzed.placement.layer;
  if (layer) {
    lines.push(`  role:     ${layer.role}`);
    const rules = model.rulesFor(layer.id);
    if (rules.length === 0) lines.push('  may import: anything (no rule restricts this layer)');
    else {
      lines.push('  may not import:');
      rules.forEach((r) => lines.push(`    ${r.id.padEnd(14)} ${r.message} → ${r.fix}`));
    }
  } else {
    lines.push('  (unclassified: no layer rule applies to this file)');
  }
  lines.push('', `imports (${analyzed.imports.length}):`);
  for (const resolved of analyzed.imports) {
    const { statement } = resolved;
    const where = `${statement.span.start.line + 1}:${statement.span.start.column + 1}`;
    const targets = resolved.targets.map((t) => `${t.module} (${describeTarget(model, t.module, index.isWorkspaceModule(analyzed.rootDir, t.module))})`).join(', ');
    const broken = analyzed.check.violations.filter((v) => v.statement === statement);
    const silenced = analyzed.check.suppressed.filter((v) => v.statement === statement);
    let verdict: string;
    if (statement.typeCheckingOnly) verdict = 'exempt: under TYPE_CHECKING, never runs';
    else if (!isCounted(statement, options)) verdict = 'not checked: inside a function (--module-level-only)';
    else if (resolved.problem) verdict = `unresolved: ${resolved.problem}`;
    else if (broken.length > 0) verdict = broken.map((v) => `✖ ${v.rule.id}: ${describeViolation(model, v, index.isWorkspaceModule(analyzed.rootDir, v.target.module))} → ${v.rule.fix}`).join('\n      ');
    else if (silenced.length > 0) verdict = `silenced: ${silenced.map((v) => v.rule.id).join(', ')} (strata: ignore)`;
    else verdict = 'allowed';
    lines.push(`  ${where.padEnd(7)} ${statement.text}`, `      → ${targets || '(no target)'}`, `      ${verdict}`);
  }
  output.out(lines.join('\n') + '\n');
  return analyzed.check.violations.length > 0 ? 1 : 0;
}
