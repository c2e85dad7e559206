// k8s-primitives answers, for each JSON line on stdin, whether the real validation functions accept a value:
// Kubernetes names, labels, ports and quantities (k8s.io/apimachinery) and Go/Prometheus durations
// (time.ParseDuration, github.com/prometheus/common/model.ParseDuration). Test oracle for src/core.
//
// input:  {"op":"dns1123Label","value":"a..b"}        (portNumber takes "number")
// output: {"ok":false,"errors":["..."],"value":0}     (value: milliseconds of durations, float of quantities)
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/prometheus/common/model"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
)

type request struct {
	Op     string  `json:"op"`
	Value  string  `json:"value"`
	Number float64 `json:"number"`
}

type response struct {
	Ok     bool     `json:"ok"`
	Errors []string `json:"errors,omitempty"`
	Value  float64  `json:"value"`
}

func answer(r request) response {
	var errs []string
	value := 0.0
	switch r.Op {
	case "dns1123Label":
		errs = validation.IsDNS1123Label(r.Value)
	case "dns1123Subdomain":
		errs = validation.IsDNS1123Subdomain(r.Value)
	case "dns1035Label":
		errs = validation.IsDNS1035Label(r.Value)
	case "qualifiedName":
		errs = validation.IsQualifiedName(r.Value)
	case "labelValue":
		errs = validation.IsValidLabelValue(r.Value)
	case "portName":
		errs = validation.IsValidPortName(r.Value)
	case "portNumber":
		if r.Number != float64(int64(r.Number)) {
			errs = []string{"not an integer"}
		} else {
			errs = validation.IsValidPortNum(int(r.Number))
		}
	case "quantity":
		q, err := resource.ParseQuantity(r.Value)
		if err != nil {
			errs = []string{err.Error()}
		} else {
			value = q.AsApproximateFloat64()
		}
	case "goDuration":
		d, err := time.ParseDuration(r.Value)
		if err != nil {
			errs = []string{err.Error()}
		} else {
			value = float64(d) / 1e6
		}
	case "promDuration":
		d, err := model.ParseDuration(r.Value)
		if err != nil {
			errs = []string{err.Error()}
		} else {
			value = float64(time.Duration(d)) / 1e6
		}
	default:
		errs = []string{fmt.Sprintf("unknown op %q", r.Op)}
	}
	return response{Ok: len(errs) == 0, Errors: errs, Value: value}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			fmt.Fprintln(os.Stderr, "k8s-primitives: bad input:", err)
			os.Exit(2)
		}
		if err := enc.Encode(answer(r)); err != nil {
			fmt.Fprintln(os.Stderr, "k8s-primitives:", err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "k8s-primitives:", err)
		os.Exit(2)
	}
}
