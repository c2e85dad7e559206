/** Names of the objects OLM v1 constructs derive (one place, as every domain keeps its names). */

/** The installer ServiceAccount, ClusterRole, ClusterRoleBinding, Role and RoleBinding of a ClusterExtension. */
export function installerName(extensionName: string): string {
  return `${extensionName}-installer`;
}

/** The install namespace a ClusterExtension chooses when neither `metadata.namespace` nor the chart sets one. */
export function defaultInstallNamespace(extensionName: string): string {
  return `${extensionName}-system`;
}
