/**
 * Storage on EKS: StorageClasses, VolumeAttributesClasses and VolumeSnapshotClasses of the Amazon EBS CSI
 * driver and of EKS Auto Mode's block storage (every parameter the way the driver parses it), the provisioner
 * against the cluster the workspace describes, the binding mode and topology keys, and claims naming classes
 * the workspace does not declare. Completion, hover and definition read the same catalog.
 */
import type { LanguageModule } from '../module';
import { STORAGE_CODES } from './codes';
import { STORAGE_LOCAL_CHECKS } from './checks';
import { STORAGE_WORKSPACE_CHECKS } from './workspaceChecks';
import { completeStorage, hoverStorage, storageDefinition } from './features';

export const storageModule: LanguageModule = {
  id: 'storage',
  codes: STORAGE_CODES,
  checks: [...STORAGE_LOCAL_CHECKS, ...STORAGE_WORKSPACE_CHECKS],
  complete: completeStorage,
  hover: hoverStorage,
  definition: storageDefinition,
};
