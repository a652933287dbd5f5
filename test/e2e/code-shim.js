#!/usr/bin/env node
// Stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }): accepts the
// desktop command line runTests builds and runs the same extension tests in code-server (see codeShim.ts).
require('tsx/cjs');
require('./codeShim.ts');
