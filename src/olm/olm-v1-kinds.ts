import { IConstruct } from 'constructs';
import { checkClusterCatalogObject, checkClusterExtensionObject, OLM_V1_API_VERSION } from './model/olm-v1-objects';
import { IObjectValidator, KindRegistry, KindScope } from '../core/kind-registry';

// One validator object per kind: registering the same object again is a no-op.
const CLUSTER_CATALOG_VALIDATOR: IObjectValidator = { validateObject: (obj: any) => checkClusterCatalogObject(obj) };
const CLUSTER_EXTENSION_VALIDATOR: IObjectValidator = { validateObject: (obj: any) => checkClusterExtensionObject(obj) };

/** Registers ClusterCatalog (internal; called by `ClusterCatalog`), cluster-scoped, checked with its CRD's rules. */
export function registerClusterCatalogKind(scope: IConstruct): void {
  KindRegistry.of(scope).register({ apiVersion: OLM_V1_API_VERSION, kind: 'ClusterCatalog', scope: KindScope.CLUSTER, validator: CLUSTER_CATALOG_VALIDATOR }, scope);
}

/** Registers ClusterExtension (internal; called by `ClusterExtension`), cluster-scoped, checked with its CRD's rules. */
export function registerClusterExtensionKind(scope: IConstruct): void {
  KindRegistry.of(scope).register({ apiVersion: OLM_V1_API_VERSION, kind: 'ClusterExtension', scope: KindScope.CLUSTER, validator: CLUSTER_EXTENSION_VALIDATOR }, scope);
}
