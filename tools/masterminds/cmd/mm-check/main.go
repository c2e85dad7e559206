// mm-check: Masterminds/semver/v3's constraint verdicts, the library operator-controller v1.10.0 resolves
// ClusterExtension.spec.source.catalog.version with (catalogmetadata/compare: NewConstraint, then Check of the
// bundle's version). Input: JSON lines {"range": "...", "version": "..."}; output: one JSON line each,
// {"error": "..."} when the range does not parse, else {"matches": bool}. The version is a strict semver.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	mmsemver "github.com/Masterminds/semver/v3"
)

type input struct {
	Range   string `json:"range"`
	Version string `json:"version"`
}

type output struct {
	Error   string `json:"error,omitempty"`
	Matches *bool  `json:"matches,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var c input
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		constraint, err := mmsemver.NewConstraint(c.Range)
		if err != nil {
			_ = enc.Encode(output{Error: err.Error()})
			continue
		}
		v, err := mmsemver.StrictNewVersion(c.Version)
		if err != nil {
			_ = enc.Encode(output{Error: "version: " + err.Error()})
			continue
		}
		m := constraint.Check(v)
		_ = enc.Encode(output{Matches: &m})
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
