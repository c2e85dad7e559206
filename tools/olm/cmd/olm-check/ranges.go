package main

// olm-check ranges: blang/semver/v4 (the parser OLM and opm use for olm.skipRange) as a test oracle for opskit's
// range parser. Reads JSON lines {"range": "...", "versions": ["..."]} from stdin and prints, for each, one JSON
// line {"range": "...", "error": "...", "versions": [{"version": "...", "error": "...", "satisfies": bool}]}:
// the range's parse error (then no versions are evaluated), else each version's parse error (semver.Parse, the
// strict form a CSV's spec.version is read with) or whether the range holds for it. A range ParseRange accepts
// may still panic when evaluated (an empty alternative, `1.0.0 || || 2.0.0`, is a nil function called once the
// alternatives before it fail): that version's verdict is "panics": true.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/blang/semver/v4"
)

type rangeCase struct {
	Range    string   `json:"range"`
	Versions []string `json:"versions"`
}

type versionVerdict struct {
	Version   string `json:"version"`
	Error     string `json:"error,omitempty"`
	Satisfies bool   `json:"satisfies"`
	Panics    bool   `json:"panics,omitempty"`
}

type rangeVerdict struct {
	Range    string           `json:"range"`
	Error    string           `json:"error,omitempty"`
	Versions []versionVerdict `json:"versions"`
}

func runRanges() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var c rangeCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if err := out.Encode(evalRange(c)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func evalRange(c rangeCase) rangeVerdict {
	v := rangeVerdict{Range: c.Range, Versions: []versionVerdict{}}
	r, err := parseRange(c.Range)
	if err != nil {
		v.Error = err.Error()
		return v
	}
	for _, s := range c.Versions {
		ver, err := semver.Parse(s)
		if err != nil {
			v.Versions = append(v.Versions, versionVerdict{Version: s, Error: err.Error()})
			continue
		}
		v.Versions = append(v.Versions, evalVersion(r, s, ver))
	}
	return v
}

// parseRange is semver.ParseRange, with a panic (blang indexes past the end of some malformed input) reported as
// an error: OLM would fail on such a range too.
func parseRange(s string) (r semver.Range, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("panic: %v", p)
		}
	}()
	return semver.ParseRange(s)
}

func evalVersion(r semver.Range, s string, ver semver.Version) (v versionVerdict) {
	v.Version = s
	defer func() {
		if p := recover(); p != nil {
			v.Satisfies, v.Panics = false, true
		}
	}()
	v.Satisfies = r(ver)
	return v
}
