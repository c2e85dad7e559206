// Command coredns is CoreDNS (github.com/coredns/coredns, version pinned in tools/coredns/go.mod) with only the
// plugins NodeLocal DNSCache's Corefile uses, as the node-cache image compiles it in: the ones opskit's Corefile
// renderer emits (log, errors, cache, reload, loop, bind, forward, template, prometheus, health).
//
// A test oracle: tests load every Corefile opskit generates with it and query it on loopback.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/forward"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/loop"
	_ "github.com/coredns/coredns/plugin/metrics"
	_ "github.com/coredns/coredns/plugin/reload"
	_ "github.com/coredns/coredns/plugin/template"
)

// plugins is the set registered above, by directive name ("prometheus" is the metrics plugin's directive).
var plugins = map[string]bool{
	"bind": true, "cache": true, "errors": true, "forward": true, "health": true,
	"log": true, "loop": true, "prometheus": true, "reload": true, "template": true,
}

func init() {
	// keep CoreDNS's own execution order, restricted to the plugins compiled in: any other directive in a
	// Corefile is then an unknown directive, as in a node-cache build without it
	var directives []string
	for _, d := range dnsserver.Directives {
		if plugins[d] {
			directives = append(directives, d)
		}
	}
	dnsserver.Directives = directives
}

func main() {
	coremain.Run()
}
