/** The cluster module: everything the VS Code commands need, with no `vscode` import (tested directly). */
export * from './errors';
export * from './identity';
export * from './redact';
export * from './kubeconfig';
export * from './connection';
export * from './discovery';
export * from './manifests';
export * from './apply';
export * from './services';
export * from './guard';
export * from './workspaceFind';
export * from './deprecatedApis';
export * from './version';
export * from './fieldErrors';
export * from './gitops';
