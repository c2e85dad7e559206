// Command sloth-batch runs many SLO specs through Sloth's own generator in one process, for differential
// tests: `sloth generate` stops at the first spec it rejects, so it cannot give one verdict per spec.
//
// It calls exactly what `sloth generate` calls (github.com/slok/sloth/pkg/lib: NewPrometheusSLOGenerator with
// the CLI caller agent, GenerateFromRaw, WriteResultAsPrometheusStd), one generator per default SLO period
// and windows folder.
//
// Input: one JSON object per line on stdin:
//
//	{"spec": "<one Sloth spec, YAML>", "defaultPeriod": "30d", "windowsDir": "", "extraLabels": {"k": "v"}}
//
// Output: one JSON object per input line on stdout, in order:
//
//	{"ok": true, "output": "<the rule file sloth generate writes>"}  or  {"ok": false, "error": "<Sloth's error>"}
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	prometheusmodel "github.com/prometheus/common/model"
	slothlib "github.com/slok/sloth/pkg/lib"
)

type request struct {
	Spec          string            `json:"spec"`
	DefaultPeriod string            `json:"defaultPeriod"`
	WindowsDir    string            `json:"windowsDir"`
	ExtraLabels   map[string]string `json:"extraLabels"`
}

type response struct {
	OK     bool   `json:"ok"`
	Output string `json:"output,omitempty"`
	Error  string `json:"error,omitempty"`
}

func generatorKey(r request) string {
	keys := make([]string, 0, len(r.ExtraLabels))
	for k := range r.ExtraLabels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s", r.DefaultPeriod, r.WindowsDir)
	for _, k := range keys {
		fmt.Fprintf(&b, "\x00%s=%s", k, r.ExtraLabels[k])
	}
	return b.String()
}

func newGenerator(r request) (*slothlib.PrometheusSLOGenerator, error) {
	period := r.DefaultPeriod
	if period == "" {
		period = "30d"
	}
	sp, err := prometheusmodel.ParseDuration(period)
	if err != nil {
		return nil, fmt.Errorf("invalid SLO period duration: %w", err)
	}
	var wfs fs.FS
	if r.WindowsDir != "" {
		wfs = os.DirFS(r.WindowsDir)
	}
	labels := r.ExtraLabels
	if labels == nil {
		labels = map[string]string{}
	}
	return slothlib.NewPrometheusSLOGenerator(slothlib.PrometheusSLOGeneratorConfig{
		WindowsFS:        wfs,
		DefaultSLOPeriod: time.Duration(sp),
		ExtraLabels:      labels,
		CallerAgent:      slothlib.CallerAgentCLI,
	})
}

func generate(gens map[string]*slothlib.PrometheusSLOGenerator, r request) response {
	key := generatorKey(r)
	gen, ok := gens[key]
	if !ok {
		g, err := newGenerator(r)
		if err != nil {
			return response{Error: fmt.Sprintf("could not create Prometheus SLO generator: %v", err)}
		}
		gens[key] = g
		gen = g
	}
	ctx := context.Background()
	res, err := gen.GenerateFromRaw(ctx, []byte(r.Spec))
	if err != nil {
		return response{Error: fmt.Sprintf("could not generate SLOs: %v", err)}
	}
	var out bytes.Buffer
	if err := gen.WriteResultAsPrometheusStd(ctx, *res, &out); err != nil {
		return response{Error: fmt.Sprintf("could not store SLOs: %v", err)}
	}
	return response{OK: true, Output: out.String()}
}

func main() {
	gens := map[string]*slothlib.PrometheusSLOGenerator{}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1024*1024), 64*1024*1024)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		line := bytes.TrimSpace(in.Bytes())
		if len(line) == 0 {
			continue
		}
		var r request
		var resp response
		if err := json.Unmarshal(line, &r); err != nil {
			resp = response{Error: fmt.Sprintf("sloth-batch: bad request line: %v", err)}
		} else {
			resp = generate(gens, r)
		}
		if err := enc.Encode(resp); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
