// Argo CD's CustomResourceDefinitions, as a test input (not a binary): the Application CRD that
// ArgoCdApplication's output is checked against with kube-check. build.sh downloads the module (its zip is
// verified against go.sum); test/support/argocd-crds.ts reads manifests/crds/application-crd.yaml from the
// module cache. Nothing of it is committed or built.
module opskit.dev/tools/argocd

go 1.26.0

require github.com/argoproj/argo-cd/v3 v3.5.8
