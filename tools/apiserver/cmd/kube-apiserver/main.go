// Command kube-apiserver is the real Kubernetes API server, built from k8s.io/kubernetes at the version pinned
// in go.mod, for opskit's end-to-end tests (server-side dry-run on loopback). Test oracle only.
package main

import (
	"os"
	_ "time/tzdata"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(app.NewAPIServerCommand()))
}
