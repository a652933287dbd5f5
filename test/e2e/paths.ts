/** Where the end-to-end stage writes what it produces (screenshots, bundles, scratch workspaces). */
import * as path from 'path';
import { REPO } from '../../tools/vscode-host/codeServer';

export const OUT = path.join(REPO, 'test-output', 'e2e');
