// Command kube-check gives the Kubernetes API server's own verdict on CustomResourceDefinitions and custom
// resources, by running the server's create path (the real apiextensions-apiserver code, v0.37.2) on each
// object of a stream, without a server or etcd.
//
// Input: JSON objects, one per line, on stdin (or a YAML multi-document stream with --yaml). Output: one JSON
// line per input object, in order:
//
//	{"index":0,"apiVersion":"...","kind":"...","name":"...","allowed":true,"errors":[],"warnings":[],"object":{...}}
//
// errors are {field, type, detail, message}: field is the server's field path, type the field.ErrorType
// without its "FieldValue" prefix (Invalid, Required, Forbidden, NotSupported, Duplicate, TooLong, TooMany,
// TypeInvalid, InternalError), or UnknownField / DuplicateField / StrictDecoding for what strict field
// validation reports, BadRequest for a body the server cannot decode, NotFound for a kind no CRD serves.
// object is, for a custom resource the server accepts, the object as it would be stored (pruned, defaulted,
// status dropped when the status subresource is on), without the system fields uid, creationTimestamp and
// generation. Objects of built-in kinds are not checked: they get "skipped" with the reason.
//
// CRDs are created as with `kubectl create` (fieldValidation=Strict) on a cluster without them; a CRD the
// server accepts serves the custom resources that follow it in the stream (or in the --crds file). A CRD first
// removes every earlier CRD of the same name or the same group and kind (accepted or not, it is checked as a
// create on a cluster without them), so independent cases can share one stream.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// Verdict is one output line.
type Verdict struct {
	Index      int                    `json:"index"`
	APIVersion string                 `json:"apiVersion"`
	Kind       string                 `json:"kind"`
	Name       string                 `json:"name"`
	Allowed    bool                   `json:"allowed"`
	Errors     []Problem              `json:"errors"`
	Warnings   []string               `json:"warnings"`
	Skipped    string                 `json:"skipped,omitempty"`
	Object     map[string]interface{} `json:"object,omitempty"`
}

// Problem is one error of a verdict.
type Problem struct {
	Field   string `json:"field"`
	Type    string `json:"type"`
	Detail  string `json:"detail"`
	Message string `json:"message"`
}

func main() {
	yamlInput := flag.Bool("yaml", false, "read a YAML multi-document stream instead of JSON lines")
	crdsFile := flag.String("crds", "", "a file of CRDs (YAML or JSON stream) to create before the input; their verdicts are not printed unless rejected (on stderr)")
	namespace := flag.String("namespace", "default", "the namespace of namespaced objects that do not set one (kubectl's default)")
	flag.Parse()

	c := newChecker(*namespace)
	if *crdsFile != "" {
		data, err := os.ReadFile(*crdsFile)
		if err != nil {
			fail(err)
		}
		docs, err := yamlDocuments(bytes.NewReader(data))
		if err != nil {
			fail(err)
		}
		for i, doc := range docs {
			v := c.check(i, doc)
			if !v.Allowed && v.Skipped == "" {
				line, _ := json.Marshal(v)
				fmt.Fprintf(os.Stderr, "kube-check: --crds document %d rejected: %s\n", i, line)
			}
		}
	}

	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(v Verdict) {
		if err := enc.Encode(v); err != nil {
			fail(err)
		}
	}
	if *yamlInput {
		docs, err := yamlDocuments(os.Stdin)
		if err != nil {
			fail(err)
		}
		for i, doc := range docs {
			emit(c.check(i, doc))
		}
		return
	}
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	index := 0
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			emit(c.check(index, bytes.TrimSpace(line)))
			index++
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(err)
		}
		out.Flush()
	}
}

// yamlDocuments splits a YAML (or JSON) stream into documents, each converted to JSON as kubectl does.
func yamlDocuments(r io.Reader) ([][]byte, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(r))
	var docs [][]byte
	for {
		doc, err := reader.Read()
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		j, err := yaml.YAMLToJSON(doc)
		if err != nil {
			// keep the document: the checker reports it as a body the server cannot decode
			j = doc
		}
		if string(bytes.TrimSpace(j)) == "null" {
			continue
		}
		docs = append(docs, j)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "kube-check: %v\n", err)
	os.Exit(2)
}
