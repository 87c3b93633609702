/** How reports name the tool (SARIF's driver, `--version`). The version is package.json's, checked by a test. */
export const TOOL = {
  name: 'Strata',
  version: '0.1.0',
  informationUri: 'https://www.npmjs.com/package/strata-layers',
};
