// `npm run example`: runs the built CLI on the example HOC tree shipped in test/fixtures:
// the integrations wiring map, then the check summary. Violations are the point of the
// example, so check's exit code 1 is expected here; anything else is a failure.
import { spawnSync } from 'node:child_process';

const tree = 'test/fixtures/hoc-backend';
const run = (args) => {
  console.log(`\n$ strata ${args.join(' ')}\n`);
  return spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' }).status;
};
const mapStatus = run(['map', tree, '--domain', 'integrations']);
const checkStatus = run(['check', tree]);
process.exit(mapStatus === 0 && (checkStatus === 0 || checkStatus === 1) ? 0 : 1);
