import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem } from '../../server/src/core/config/configProblem';
import { findConfigFile } from '../../server/src/host/findConfigFile';
import { globCovers } from '../../server/src/core/config/globCovers';
import { compilePathGlob } from '../../server/src/core/ruleset/pathGlob';
import { parseConfigText } from '../../server/src/core/config/loadConfig';
import type { RulesetConfig } from '../../server/src/core/ruleset/rulesetConfig';
import { tempTree } from '../support/tempTree';

/** A small preset of literal data, so the merge is checked against values written here. */
const PRESET: RulesetConfig = {
  reference: 'Small',
  domains: ['a', 'b'],
  layers: {
    api: { label: 'API', paths: ['app/api/{domain}/**'] },
    core: { label: 'Core', role: 'logic', paths: ['app/core/{domain}/**'] },
  },
  rules: {
    'api-core': { from: ['api'], forbid: [{ layers: ['core'] }], message: 'no', fix: 'yes' },
  },
  counterparts: [{ from: 'api', to: 'core', name: '{stem}_core.py' }],
};
const PRESETS = { 'hoc-v1': PRESET };

/** The problems of a `strata.toml` with this text, as the CLI prints them. */
function problems(text: string, file = '/project/strata.toml'): string[] {
  const result = parseConfigText(file, text, PRESETS);
  assert.equal(result.status, 'invalid', 'expected problems');
  return result.status === 'invalid' ? result.problems.map((p) => formatProblem(p, path.basename(file))) : [];
}

function effective(text: string, file = '/project/strata.toml'): RulesetConfig {
  const result = parseConfigText(file, text, PRESETS);
  assert.equal(result.status, 'ok', result.status === 'invalid' ? result.problems.map((p) => formatProblem(p)).join('\n') : '');
  return result.status === 'ok' ? result.config : {};
}

const LAYERS = `[layers.api]
paths = ["app/api/**"]

[layers.domain]
paths = ["app/{domain}/domain/**"]
`;

test('invalid TOML: the position of the syntax error', () => {
  assert.deepEqual(problems('source-roots = ["a",\nexclude = []\n'), ['strata.toml:2:1: invalid TOML: Unexpected character "e"']);
  assert.deepEqual(problems('[layers.api]\nlabel = "x"\nlabel = "y"\n'), ['strata.toml:3:1: invalid TOML: Defining a key multiple times is invalid']);
});

test('a key named __proto__ is refused at the key, and changes no object of the process', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const refused = "'__proto__' cannot be a key (JavaScript reserves the name)";
  assert.deepEqual(problems('[layers.__proto__]\npaths = ["app/**"]\n'), [`strata.toml:1:9: ${refused}`]);
  assert.deepEqual(problems('__proto__.paths = 1\n'), [`strata.toml:1:1: ${refused}`]);
  assert.deepEqual(problems('[layers.api]\npaths = ["app/**"]\nfix = { x = [{ "__proto__" = 1 }] }\n'), [`strata.toml:3:16: ${refused}`]);
  assert.deepEqual(problems('[tool.strata.layers.__proto__]\npaths = ["app/**"]\n', '/project/pyproject.toml'), [`pyproject.toml:1:21: ${refused}`]);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  // Other names of Object.prototype are keys like any other.
  assert.deepEqual(problems('[layers.constructor]\nlabl = "x"\n'), ["strata.toml:2:1: unknown key 'labl' in layers.constructor (did you mean 'label'?)"]);
});

test('unknown keys: at the key, with a "did you mean" when one is close, else the keys there are', () => {
  assert.deepEqual(problems('sorce-roots = ["backend"]\n'), ["strata.toml:1:1: unknown key 'sorce-roots' (did you mean 'source-roots'?)"]);
  assert.deepEqual(problems(`${LAYERS}lable = "Domain"\n`), ["strata.toml:6:1: unknown key 'lable' in layers.domain (did you mean 'label'?)"]);
  assert.deepEqual(problems(`${LAYERS}[rules.r]\nfrom = ["api"]\nforbid = [{ layers = ["domain"], domian = "other" }]\n`), [
    "strata.toml:8:34: unknown key 'domian' in rules.r.forbid[0] (did you mean 'domain'?)",
  ]);
  assert.deepEqual(problems('[audiences.cus]\nname = "C"\ncolour = "red"\n'), ["strata.toml:3:1: unknown key 'colour' in audiences.cus (keys: name)"]);
});

test('wrong types and values: at the value, saying what was expected and what was found', () => {
  assert.deepEqual(problems('exclude = "build"\n'), ['strata.toml:1:11: exclude must be an array, not a string']);
  assert.deepEqual(problems('[layers.api]\npaths = ["a/**", 3]\n'), ['strata.toml:2:18: layers.api.paths[1] must be a string, not an integer']);
  assert.deepEqual(problems(`${LAYERS}[rules.r]\nfrom = ["api"]\nforbid = [{ layers = ["domain"] }]\nseverity = "fatal"\nlazy = "no"\n`), [
    "strata.toml:9:12: rules.r.severity must be one of 'error', 'warning', 'info', not 'fatal'",
    'strata.toml:10:8: rules.r.lazy must be a boolean, not a string',
  ]);
  assert.deepEqual(problems('[[counterparts]]\nfrom = "api"\nto = "domain"\n'), ["strata.toml:1:3: counterparts[0] needs the key 'name'"]);
  assert.deepEqual(problems('layers = ["api"]\n'), ['strata.toml:1:10: layers must be a table, not an array']);
});

test('an unknown extends: at the value, with the built-in presets', () => {
  assert.deepEqual(problems('extends = "hoc-v3"\n'), ["strata.toml:1:11: unknown preset 'hoc-v3' in extends (did you mean 'hoc-v1'?) (built-in presets: hoc-v1, hoc-v2)"]);
  assert.deepEqual(problems('extends = "django"\n'), ["strata.toml:1:11: unknown preset 'django' in extends (built-in presets: hoc-v1, hoc-v2)"]);
});

test('a layer id that does not exist, in from, forbid, counterparts, gaps, map rows and templates', () => {
  const text = `${LAYERS}
[rules.r]
from = ["api", "domian"]
forbid = [{ layers = ["domain", "infra"] }]

[[counterparts]]
from = "api"
to = "drivers"
name = "{stem}.py"

[[gaps]]
type = "g"
missing = "infra"
description = "d"
action = "a"

[map]
rows = [{ layer = "api" }, { layer = "db" }]

[templates.infra]
layer-line = "x"
contract-title = "y"
contract = []
`;
  assert.deepEqual(problems(text), [
    "strata.toml:8:16: rules.r.from[1]: unknown layer 'domian' (did you mean 'domain'?)",
    "strata.toml:9:33: rules.r.forbid[0].layers[1]: unknown layer 'infra'",
    "strata.toml:13:6: counterparts[0].to: unknown layer 'drivers'",
    "strata.toml:18:11: gaps[0].missing: unknown layer 'infra'",
    "strata.toml:23:38: map.rows[1].layer: unknown layer 'db'",
    "strata.toml:25:2: templates.infra: unknown layer 'infra'",
  ]);
});

test('a layer whose glob an earlier layer takes entirely, and a layer without paths', () => {
  assert.deepEqual(problems(`${LAYERS}\n[layers.v1]\npaths = ["app/api/v1/**", "app/v1/**"]\n\n[layers.none]\nlabel = "None"\n`), [
    "strata.toml:8:10: layers.v1.paths[0]: 'app/api/v1/**' can never match: layer 'api' comes first and takes every path it matches ('app/api/**')",
    'strata.toml:10:2: layers.none.paths: a layer needs at least one path glob',
  ]);
});

test('invalid globs and a capture used twice, through the ruleset glob compiler', () => {
  assert.deepEqual(problems('[layers.a]\npaths = ["x/{domain}/{domain}.py", "/abs/**", "x/{team}/**"]\n[rules.r]\nfrom = ["a"]\nforbid = [{ modules = ["os"] }]\nignore-files = ["a//b"]\n'), [
    "strata.toml:2:10: layers.a.paths[0]: invalid glob 'x/{domain}/{domain}.py': {domain} is used twice",
    `strata.toml:2:36: layers.a.paths[1]: invalid glob '/abs/**': it must be relative to the source root (no leading "/")`,
    'strata.toml:2:47: layers.a.paths[2]: invalid glob \'x/{team}/**\': unknown capture "{team}": only {domain} and {audience} capture',
    `strata.toml:6:17: rules.r.ignore-files[0]: invalid glob 'a//b': it has an empty folder name ("//" or a trailing "/")`,
  ]);
  assert.deepEqual(problems('domain-paths = ["x/{domain}/{domain}/**"]\n'), ["strata.toml:1:17: domain-paths[0]: invalid glob 'x/{domain}/{domain}/**': {domain} is used twice"]);
});

test('a rule without forbid (or from); a switched-off rule needs neither', () => {
  assert.deepEqual(problems(`${LAYERS}\n[rules.r]\nfrom = ["api"]\n\n[rules.s]\nforbid = [{ modules = ["os"] }]\n\n[rules.off]\nenabled = false\n`), [
    'strata.toml:7:2: rules.r.forbid: a rule needs `forbid` (what it forbids)',
    'strata.toml:10:2: rules.s.from: a rule needs `from` (the layers it applies to)',
  ]);
});

test('schema problems come all at once; meaning is checked only on a config of the right shape', () => {
  // `infra` is unknown too, but the type errors are what the file must fix first.
  assert.deepEqual(problems('[rules.r]\nfrom = "infra"\nforbid = {}\n'), [
    'strata.toml:2:8: rules.r.from must be an array, not a string',
    'strata.toml:3:10: rules.r.forbid must be an array, not a table',
  ]);
});

test('extends: an entry with a preset id overrides only the fields it gives, in the preset place; new ids come after; arrays of tables replace', () => {
  const config = effective(`extends = "hoc-v1"
domains = ["c"]

[layers.core]
label = "Domain core"

[layers.ui]
paths = ["app/ui/**"]

[rules.api-core]
severity = "warning"

[[counterparts]]
from = "core"
to = "ui"
name = "{stem}_view.py"
`);
  assert.deepEqual(config, {
    reference: 'Small',
    domains: ['c'],
    layers: {
      api: { label: 'API', paths: ['app/api/{domain}/**'] },
      core: { label: 'Domain core', role: 'logic', paths: ['app/core/{domain}/**'] },
      ui: { paths: ['app/ui/**'] },
    },
    rules: { 'api-core': { from: ['api'], forbid: [{ layers: ['core'] }], message: 'no', fix: 'yes', severity: 'warning' } },
    counterparts: [{ from: 'core', to: 'ui', name: '{stem}_view.py' }],
  });
  assert.deepEqual(Object.keys(config.layers!), ['api', 'core', 'ui']);
});

test('enabled = false on a preset rule keeps the rule, switched off', () => {
  const config = effective('extends = "hoc-v1"\n[rules.api-core]\nenabled = false\n');
  assert.deepEqual(config.rules, { 'api-core': { from: ['api'], forbid: [{ layers: ['core'] }], message: 'no', fix: 'yes', enabled: false } });
});

test('a problem caused by the preset part is shown at the entry of the file that caused it', () => {
  // The file's `api` now takes everything, so the preset's `core` can never match.
  assert.deepEqual(problems('extends = "hoc-v1"\n\n[layers.api]\npaths = ["app/**"]\n'), [
    "strata.toml:1:11: layers.core.paths[0]: 'app/core/{domain}/**' can never match: layer 'api' comes first and takes every path it matches ('app/**')",
  ]);
});

test('the effective config names no preset, and loading leaves the preset untouched', () => {
  const before = JSON.stringify(PRESET);
  const config = effective('extends = "hoc-v1"\n[layers.api]\nlabel = "Edge"\n');
  assert.equal('extends' in config, false);
  assert.equal(config.layers!.api.label, 'Edge');
  assert.equal(JSON.stringify(PRESET), before);
});

test('pyproject.toml: [tool.strata] takes the same keys and gives the same config as strata.toml', () => {
  const body = `extends = "hoc-v1"\n\n[layers.ui]\nlabel = "UI"\npaths = ["app/ui/**"]\n\n[rules.api-core]\nseverity = "info"\n`;
  const fromStrata = effective(body);
  const pyproject = `[project]\nname = "shop"\n\n[tool.strata]\n${body.replace(/^\[/gm, '[tool.strata.')}`;
  assert.deepEqual(effective(pyproject, '/project/pyproject.toml'), fromStrata);
  // Positions are the pyproject's own.
  assert.deepEqual(problems('[project]\nname = "x"\n\n[tool.strata]\nsource-root = []\n', '/project/pyproject.toml'), [
    "pyproject.toml:5:1: unknown key 'source-root' (did you mean 'source-roots'?)",
  ]);
  assert.deepEqual(problems('[tool.strata.layers.api]\npaths = "app/**"\n', '/project/pyproject.toml'), ['pyproject.toml:2:9: layers.api.paths must be an array, not a string']);
  assert.deepEqual(parseConfigText('/project/pyproject.toml', '[tool.ruff]\nline-length = 100\n', PRESETS), { status: 'absent', file: '/project/pyproject.toml' });
});

test('lookup: nearest config wins, strata.toml before pyproject.toml, pyproject.toml without [tool.strata] passed over', () => {
  const root = tempTree({
    '.git/HEAD': '',
    'strata.toml': '',
    'services/shop/pyproject.toml': '[project]\nname = "shop"\n',
    'services/shop/src/app/x.py': '',
    'services/billing/pyproject.toml': '[tool.strata]\nextends = "hoc-v1"\n',
    'services/billing/strata.toml': '',
    'services/billing/src/app/x.py': '',
    'services/admin/pyproject.toml': '[tool.strata.layers.a]\npaths = ["a/**"]\n',
    'services/admin/src/app/x.py': '',
  });
  assert.equal(findConfigFile(path.join(root, 'services/shop/src/app')), path.join(root, 'strata.toml'));
  assert.equal(findConfigFile(path.join(root, 'services/billing/src/app')), path.join(root, 'services/billing/strata.toml'));
  assert.equal(findConfigFile(path.join(root, 'services/admin/src')), path.join(root, 'services/admin/pyproject.toml'));
  assert.equal(findConfigFile(root), path.join(root, 'strata.toml'));
});

test('lookup: never above the repository, never a config inside node_modules or a virtualenv', () => {
  const outer = tempTree({
    'strata.toml': '',
    'repo/.git/HEAD': '',
    'repo/app/x.py': '',
    'work/node_modules/pkg/strata.toml': '',
    'work/node_modules/pkg/src/x.py': '',
    'work/.venv/pyvenv.cfg': '',
    'work/.venv/lib/site/pkg/pyproject.toml': '[tool.strata]\n',
    'work/env/pyvenv.cfg': '',
    'work/env/lib/pkg/strata.toml': '',
    'work/.tox/py312/strata.toml': '',
    'work/.tox/py312/src/x.py': '',
  });
  assert.equal(findConfigFile(path.join(outer, 'repo/app')), undefined);
  assert.equal(findConfigFile(path.join(outer, 'work/node_modules/pkg/src')), path.join(outer, 'strata.toml'));
  assert.equal(findConfigFile(path.join(outer, 'work/.venv/lib/site/pkg')), path.join(outer, 'strata.toml'));
  assert.equal(findConfigFile(path.join(outer, 'work/env/lib/pkg')), path.join(outer, 'strata.toml'));
  assert.equal(findConfigFile(path.join(outer, 'work/.tox/py312/src')), path.join(outer, 'strata.toml'), 'nor in any folder discovery skips');
});

test('lookup: a pyproject.toml that is not valid TOML counts when it opens [tool.strata], so its error is shown', () => {
  const root = tempTree({ '.git/HEAD': '', 'pyproject.toml': '[tool.strata]\nextends = \n', 'app/x.py': '' });
  const file = findConfigFile(path.join(root, 'app'));
  assert.equal(file, path.join(root, 'pyproject.toml'));
  assert.deepEqual(problems(fs.readFileSync(file!, 'utf8'), file), ['pyproject.toml:2:10: invalid TOML: Unspecified values are invalid']);
  const other = tempTree({ '.git/HEAD': '', 'pyproject.toml': '[tool.black]\nx = \n', 'app/x.py': '' });
  assert.equal(findConfigFile(path.join(other, 'app')), undefined);
});

test('globCovers proves a covering only when it holds for every path (checked against the glob compiler)', () => {
  const cases: [string, string, boolean][] = [
    ['**/L5_engines/**', 'app/hoc/cus/{domain}/L5_engines/**', true],
    ['app/hoc/{audience}/**', 'app/hoc/cus/x.py', true],
    ['**', 'a/b/c.py', true],
    ['app/**', 'app', false], // a trailing `**` needs one segment or more
    ['app/x{domain}.py', 'app/x.py', false], // a capture is never empty
    ['app/x*.py', 'app/x.py', true],
    ['app/*.py', 'app/**', false],
    ['app/{domain}/**', 'app/**/L5/**', false], // `app/L5/x` has no domain segment before L5
    ['*/api/**', 'app/api/v1/**', true],
  ];
  for (const [covering, covered, expected] of cases) {
    assert.equal(globCovers(covering, covered), expected, `${covering} covers ${covered}`);
    // Soundness on samples: whatever the covered glob matches, the covering one matches too.
    if (expected) {
      const a = compilePathGlob(covering);
      const b = compilePathGlob(covered);
      assert.ok(a.ok && b.ok);
      for (const sample of ['app/hoc/cus/x.py', 'app/hoc/cus/d/L5_engines/e.py', 'a/b/c.py', 'app/x.py', 'app/xy.py', 'app/api/v1/r.py']) {
        if (b.glob.match(sample)) assert.ok(a.glob.match(sample), `${covering} must match ${sample}`);
      }
    }
  }
});

test('unknown rule and audience ids, and a gap that says neither when nor for what', () => {
  assert.deepEqual(
    problems(`${LAYERS}[audiences.cus]\nname = "C"\n\n[layers.api2]\npaths = ["app/api2/**"]\naudience = "csu"\n\n[[gaps]]\ntype = "g"\ndescription = "d"\naction = "a"\n\n[fixes]\nmove-to-counterpart = ["no-such-rule"]\n`),
    [
      "strata.toml:11:12: layers.api2.audience: unknown audience 'csu' (did you mean 'cus'?)",
      'strata.toml:13:3: gaps[0]: a gap needs `missing` or `per-missing-counterpart`',
      "strata.toml:19:24: fixes.move-to-counterpart[0]: unknown rule 'no-such-rule'",
    ],
  );
});
