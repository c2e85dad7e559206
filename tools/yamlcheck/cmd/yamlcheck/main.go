// Command yamlcheck is a test oracle: it reads YAML the way Go programs that consume opskit's output read it,
// with every Go YAML reader they use, and prints what each reader decoded as JSON.
//
// Readers (versions pinned in ../../go.mod):
//
//	gopkg.in/yaml.v2     Prometheus 2.x, Alertmanager, promtool, many operators
//	go.yaml.in/yaml/v2   the maintained fork of yaml.v2 that sigs.k8s.io/yaml and Prometheus 3 use
//	gopkg.in/yaml.v3     controller-runtime, Helm, kustomize tooling
//	go.yaml.in/yaml/v3   the maintained fork of yaml.v3
//	sigs.k8s.io/yaml     kubectl and the API server: documents split by k8s.io/apimachinery's YAMLReader,
//	                     then converted to JSON by sigs.k8s.io/yaml
//
// Input: JSON lines on stdin, each {"yaml": "<a YAML stream>"}; with -raw, the whole of stdin is one YAML
// stream. Output: one JSON line per stream, {"<reader>": {"docs": [...]} or {"error": "..."}, ...}.
// Decoded values are written as JSON; a value JSON cannot hold (a non-string mapping key, a timestamp, an
// infinite number) is written as {"$unexpected": "<Go type>", "value": "<printed>"} so that it never equals
// a plain JSON value.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	goyamlv2 "go.yaml.in/yaml/v2"
	goyamlv3 "go.yaml.in/yaml/v3"
	yamlv2 "gopkg.in/yaml.v2"
	yamlv3 "gopkg.in/yaml.v3"
	k8syaml "k8s.io/apimachinery/pkg/util/yaml"
	sigsyaml "sigs.k8s.io/yaml"
)

type result struct {
	Docs  []json.RawMessage `json:"docs,omitempty"`
	Error string            `json:"error,omitempty"`
}

type decoder interface{ Decode(v interface{}) error }

var readers = []struct {
	name string
	read func([]byte) ([]json.RawMessage, error)
}{
	{"gopkg.in/yaml.v2", func(b []byte) ([]json.RawMessage, error) { return stream(yamlv2.NewDecoder(bytes.NewReader(b))) }},
	{"go.yaml.in/yaml/v2", func(b []byte) ([]json.RawMessage, error) { return stream(goyamlv2.NewDecoder(bytes.NewReader(b))) }},
	{"gopkg.in/yaml.v3", func(b []byte) ([]json.RawMessage, error) { return stream(yamlv3.NewDecoder(bytes.NewReader(b))) }},
	{"go.yaml.in/yaml/v3", func(b []byte) ([]json.RawMessage, error) { return stream(goyamlv3.NewDecoder(bytes.NewReader(b))) }},
	{"sigs.k8s.io/yaml", kubernetes},
}

// stream decodes every document of a stream into interface{} values.
func stream(d decoder) ([]json.RawMessage, error) {
	var docs []json.RawMessage
	for {
		var v interface{}
		err := d.Decode(&v)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		raw, err := json.Marshal(canonical(v))
		if err != nil {
			return docs, err
		}
		docs = append(docs, raw)
	}
}

// kubernetes reads a stream as kubectl does: apimachinery's document reader, then sigs.k8s.io/yaml to JSON.
func kubernetes(b []byte) ([]json.RawMessage, error) {
	r := k8syaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(b)))
	var docs []json.RawMessage
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		j, err := sigsyaml.YAMLToJSON(doc)
		if err != nil {
			return docs, err
		}
		docs = append(docs, json.RawMessage(j))
	}
}

func unexpected(v interface{}) map[string]interface{} {
	return map[string]interface{}{"$unexpected": fmt.Sprintf("%T", v), "value": fmt.Sprintf("%v", v)}
}

// canonical turns a decoded value into one encoding/json can write without losing what it was.
func canonical(v interface{}) interface{} {
	switch t := v.(type) {
	case nil, bool, string, int, int64, uint64:
		return t
	case float64:
		if math.IsInf(t, 0) || math.IsNaN(t) {
			return unexpected(t)
		}
		return t
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, e := range t {
			out[i] = canonical(e)
		}
		return out
	case map[string]interface{}:
		out := make(map[string]interface{}, len(t))
		for k, e := range t {
			out[k] = canonical(e)
		}
		return out
	case map[interface{}]interface{}:
		out := make(map[string]interface{}, len(t))
		for k, e := range t {
			s, ok := k.(string)
			if !ok {
				return unexpected(t)
			}
			out[s] = canonical(e)
		}
		return out
	default:
		return unexpected(t)
	}
}

func check(text []byte) map[string]result {
	out := make(map[string]result, len(readers))
	for _, r := range readers {
		docs, err := safeRead(r.read, text)
		if err != nil {
			out[r.name] = result{Docs: docs, Error: err.Error()}
		} else {
			out[r.name] = result{Docs: docs}
		}
	}
	return out
}

func safeRead(read func([]byte) ([]json.RawMessage, error), text []byte) (docs []json.RawMessage, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return read(text)
}

func main() {
	raw := flag.Bool("raw", false, "read one YAML stream from stdin instead of JSON lines")
	flag.Parse()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if *raw {
		text, err := io.ReadAll(os.Stdin)
		if err != nil {
			fmt.Fprintln(os.Stderr, "yamlcheck:", err)
			os.Exit(2)
		}
		_ = enc.Encode(check(text))
		return
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<30)
	for in.Scan() {
		var line struct {
			YAML *string `json:"yaml"`
		}
		if err := json.Unmarshal(in.Bytes(), &line); err != nil || line.YAML == nil {
			fmt.Fprintf(os.Stderr, "yamlcheck: each input line must be {\"yaml\": \"...\"}: %v\n", err)
			os.Exit(2)
		}
		_ = enc.Encode(check([]byte(*line.YAML)))
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "yamlcheck:", err)
		os.Exit(2)
	}
}
