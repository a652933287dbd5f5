/**
 * AWS App Mesh (appmesh.k8s.aws/v1beta2) after its end of support on 2026-09-30: a notice on every App Mesh
 * object naming its VPC Lattice equivalent, served versions, the sidecar-injection traps of an in-place
 * migration (the switch in the wrong place or turned off, Pods left without a VirtualNode, the webhook that
 * fails closed), and "Preview VPC Lattice Migration" (migration.ts), offered as a code action on a Mesh,
 * VirtualService or VirtualRouter and as a command.
 */
import type { LanguageModule } from '../module';
import { APPMESH_CODES } from './codes';
import { APPMESH_LOCAL_CHECKS } from './checks';
import { APPMESH_WORKSPACE_CHECKS } from './workspaceChecks';
import { latticeMigration, latticeMigrationActions } from './migration';
import { Requests } from '@shared/protocol';

export const appmeshModule: LanguageModule = {
  id: 'appmesh',
  codes: APPMESH_CODES,
  checks: [...APPMESH_LOCAL_CHECKS, ...APPMESH_WORKSPACE_CHECKS],
  codeActions: latticeMigrationActions,
  requests: {
    [Requests.previewLatticeMigration]: ({ uri, position }, ctx) => {
      const obj = ctx.cursor(uri, position)?.obj;
      return (obj && latticeMigration(obj, ctx.index)) ?? null;
    },
  },
};
