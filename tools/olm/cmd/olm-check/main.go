// olm-check: operator-framework/api's own bundle validators as a test oracle for opskit's OLM bundles.
//
//	olm-check [-k8s-version 1.33] <bundle-dir>...
//	olm-check ranges < cases.jsonl      (see ranges.go)
//
// For each bundle folder (manifests/ + metadata/), prints one JSON line:
//
//	{"dir": "...", "loadError": "...", "findings": [{"validator", "level", "type", "field", "value", "detail", "message"}]}
//
// Each validator runs alone on the loaded bundle so every finding names the suite that reported it: the default
// suite operator-sdk always runs (ClusterServiceVersion, CustomResourceDefinition, Bundle), and the optional
// operatorhub / good-practices / deprecated-API validators (operator-sdk's `--select-optional`).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/operator-framework/api/pkg/manifests"
	"github.com/operator-framework/api/pkg/validation"
	"github.com/operator-framework/api/pkg/validation/errors"
	interfaces "github.com/operator-framework/api/pkg/validation/interfaces"
)

type finding struct {
	Validator string `json:"validator"`
	Level     string `json:"level"`
	Type      string `json:"type"`
	Field     string `json:"field,omitempty"`
	Value     string `json:"value,omitempty"`
	Detail    string `json:"detail"`
	Message   string `json:"message"`
}

type verdict struct {
	Dir       string    `json:"dir"`
	LoadError string    `json:"loadError,omitempty"`
	Findings  []finding `json:"findings"`
}

var validators = []struct {
	name string
	v    interfaces.Validator
}{
	{"csv", validation.ClusterServiceVersionValidator},
	{"crd", validation.CustomResourceDefinitionValidator},
	{"bundle", validation.BundleValidator},
	{"operatorhub", validation.OperatorHubV2Validator},
	{"capabilities", validation.StandardCapabilitiesValidator},
	{"categories", validation.StandardCategoriesValidator},
	{"good-practices", validation.GoodPracticesValidator},
	{"deprecated-apis", validation.AlphaDeprecatedAPIsValidator},
	{"objects", validation.ObjectValidator},
}

func main() {
	k8sVersion := flag.String("k8s-version", "", "Kubernetes version for the deprecated-API validator (default: the CSV's minKubeVersion)")
	flag.Parse()
	if flag.NArg() == 1 && flag.Arg(0) == "ranges" {
		runRanges()
		return
	}
	out := json.NewEncoder(os.Stdout)
	for _, dir := range flag.Args() {
		if err := out.Encode(check(dir, *k8sVersion)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}

func check(dir, k8sVersion string) verdict {
	v := verdict{Dir: dir, Findings: []finding{}}
	bundle, err := manifests.GetBundleFromDir(dir)
	if err != nil {
		v.LoadError = err.Error()
		return v
	}
	objs := bundle.ObjectsToValidate()
	if k8sVersion != "" {
		objs = append(objs, map[string]string{"k8s-version": k8sVersion})
	}
	for _, val := range validators {
		for _, result := range val.v.Validate(objs...) {
			for _, e := range append(append([]errors.Error{}, result.Errors...), result.Warnings...) {
				v.Findings = append(v.Findings, toFinding(val.name, e))
			}
		}
	}
	return v
}

func toFinding(validator string, e errors.Error) finding {
	f := finding{Validator: validator, Level: string(e.Level), Type: string(e.Type), Field: e.Field, Detail: e.Detail, Message: e.Error()}
	f.Value = plainValue(e.BadValue)
	return f
}

// plainValue renders a finding's value when it is a plain value; pointers to Go structs would print addresses,
// which differ between runs.
func plainValue(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	case bool, int, int32, int64, uint, uint32, uint64, float32, float64:
		return fmt.Sprint(x)
	default:
		return ""
	}
}
