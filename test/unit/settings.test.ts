import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/protocol/settings';
import { repoRoot } from '../support/paths';

test('the one settings type: every setting of package.json (but the trace) is a key of DEFAULT_SETTINGS, with the same default', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default: unknown }> } };
  };
  const contributed = Object.entries(manifest.contributes.configuration.properties)
    .filter(([key]) => key !== 'strata.trace.server')
    .map(([key, p]) => [key.slice('strata.'.length), p.default]);
  assert.deepEqual(Object.fromEntries(contributed), { moduleLevelOnly: false, followActiveEditor: true, baselineSeverity: 'information' });
  assert.deepEqual({ ...DEFAULT_SETTINGS }, { moduleLevelOnly: false, followActiveEditor: true, baselineSeverity: 'information' });
});

test('settings are read from every shape a client sends; ill-typed values keep the current value', () => {
  const current = { moduleLevelOnly: false, followActiveEditor: true, baselineSeverity: 'information' as const };
  assert.deepEqual(parseSettings({ moduleLevelOnly: true }, current), { moduleLevelOnly: true, followActiveEditor: true, baselineSeverity: 'information' });
  assert.deepEqual(parseSettings({ strata: { moduleLevelOnly: true, followActiveEditor: false } }, current), { moduleLevelOnly: true, followActiveEditor: false, baselineSeverity: 'information' });
  assert.deepEqual(parseSettings({ settings: { strata: { moduleLevelOnly: true } } }, current), { moduleLevelOnly: true, followActiveEditor: true, baselineSeverity: 'information' });
  assert.deepEqual(parseSettings({ 'strata.moduleLevelOnly': true }, current), { moduleLevelOnly: true, followActiveEditor: true, baselineSeverity: 'information' });
  assert.deepEqual(parseSettings({ moduleLevelOnly: 'yes' }, current), current);
  assert.deepEqual(parseSettings(null, current), current);
  assert.deepEqual(parseSettings({ baselineSeverity: 'hint' }, current), { ...current, baselineSeverity: 'hint' });
  assert.deepEqual(parseSettings({ baselineSeverity: 'loud' }, current), current);
});
