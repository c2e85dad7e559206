package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/warning"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
)

// checker holds the CRDs the stream has created so far.
type checker struct {
	namespace string
	crds      map[string]*servedCRD // by CRD name
}

func newChecker(namespace string) *checker {
	return &checker{namespace: namespace, crds: map[string]*servedCRD{}}
}

// header is what every object says about itself.
type header struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name         string `json:"name"`
		GenerateName string `json:"generateName"`
		Namespace    string `json:"namespace"`
	} `json:"metadata"`
}

// warnings collects what the server would send back as Warning headers.
type warnings struct{ list []string }

func (w *warnings) AddWarning(_, text string) { w.list = append(w.list, text) }

func (c *checker) check(index int, raw []byte) (v Verdict) {
	v = Verdict{Index: index, Errors: []Problem{}, Warnings: []string{}}
	var h header
	if err := json.Unmarshal(raw, &h); err != nil {
		v.Errors = append(v.Errors, Problem{Field: "", Type: "BadRequest", Detail: err.Error(), Message: err.Error()})
		return v
	}
	v.APIVersion, v.Kind, v.Name = h.APIVersion, h.Kind, h.Metadata.Name
	if v.Name == "" {
		v.Name = h.Metadata.GenerateName
	}
	defer func() {
		if r := recover(); r != nil {
			v.Allowed = false
			v.Object = nil
			v.Errors = append(v.Errors, Problem{Type: "InternalError", Detail: fmt.Sprint(r), Message: fmt.Sprintf("panic: %v", r)})
		}
	}()
	gv, err := schema.ParseGroupVersion(h.APIVersion)
	if err != nil || h.Kind == "" {
		msg := "Object 'Kind' is missing or apiVersion is invalid"
		if err != nil {
			msg = err.Error()
		}
		v.Errors = append(v.Errors, Problem{Type: "BadRequest", Detail: msg, Message: msg})
		return v
	}
	gvk := gv.WithKind(h.Kind)
	w := &warnings{}
	ctx := warning.WithWarningRecorder(context.Background(), w)
	var errs []Problem
	switch {
	case gvk == apiextensionsv1.SchemeGroupVersion.WithKind("CustomResourceDefinition"):
		c.forget(raw, h.Metadata.Name)
		errs = c.createCRD(ctx, raw)
	case gvk.Group == apiextensionsv1.GroupName:
		// apiextensions.k8s.io/v1beta1 is no longer served (removed in Kubernetes 1.22)
		errs = []Problem{{Field: "apiVersion", Type: "NotFound",
			Detail:  fmt.Sprintf("no matches for kind %q in version %q", gvk.Kind, gvk.GroupVersion().String()),
			Message: fmt.Sprintf("no matches for kind %q in version %q: the server could not find the requested resource", gvk.Kind, gvk.GroupVersion().String())}}
	case clientgoscheme.Scheme.Recognizes(gvk):
		v.Allowed = true
		v.Skipped = "built-in kind " + gvk.String() + " is not checked"
		return v
	default:
		var obj map[string]interface{}
		obj, errs = c.createCustomResource(ctx, gvk, h, raw)
		v.Object = obj
	}
	v.Errors = append(v.Errors, errs...)
	v.Warnings = append(v.Warnings, w.list...)
	v.Allowed = len(v.Errors) == 0
	if !v.Allowed {
		v.Object = nil
	}
	return v
}

// forget removes the CRDs an incoming CRD would collide with (same name, or same group and kind): each CRD is
// checked as a create on a cluster without it, so independent cases can share one stream.
func (c *checker) forget(raw []byte, name string) {
	var crd struct {
		Spec struct {
			Group string `json:"group"`
			Names struct {
				Kind string `json:"kind"`
			} `json:"names"`
		} `json:"spec"`
	}
	_ = json.Unmarshal(raw, &crd)
	for key, s := range c.crds {
		if key == name || (s.crd.Spec.Group == crd.Spec.Group && s.crd.Status.AcceptedNames.Kind == crd.Spec.Names.Kind) {
			delete(c.crds, key)
		}
	}
}

// withNamespace is the request context kubectl's request would have: the object's namespace (or the default
// one) for namespaced kinds, none for cluster-scoped ones.
func (c *checker) withNamespace(ctx context.Context, namespaced bool, objNamespace string) context.Context {
	if !namespaced {
		return genericapirequest.WithNamespace(ctx, "")
	}
	if objNamespace == "" {
		objNamespace = c.namespace
	}
	return genericapirequest.WithNamespace(ctx, objNamespace)
}

// fieldProblems turns a field.ErrorList into problems.
func fieldProblems(list field.ErrorList) []Problem {
	out := []Problem{}
	for _, e := range list {
		out = append(out, Problem{Field: e.Field, Type: strings.TrimPrefix(string(e.Type), "FieldValue"), Detail: e.Detail, Message: e.Error()})
	}
	return out
}

var strictField = regexp.MustCompile(`^(unknown|duplicate) field "(.*)"$`)

// strictProblems turns a strict decoding error (fieldValidation=Strict) into one problem per field.
func strictProblems(err error) []Problem {
	strict, ok := runtime.AsStrictDecodingError(err)
	if !ok {
		return nil
	}
	out := []Problem{}
	for _, e := range strict.Errors() {
		msg := e.Error()
		p := Problem{Type: "StrictDecoding", Detail: msg, Message: "strict decoding error: " + msg}
		if m := strictField.FindStringSubmatch(msg); m != nil {
			p.Field = m[2]
			if m[1] == "unknown" {
				p.Type = "UnknownField"
			} else {
				p.Type = "DuplicateField"
			}
		}
		out = append(out, p)
	}
	return out
}

// errorProblems turns an error the server would answer with into problems (its causes when it has them).
func errorProblems(err error) []Problem {
	if err == nil {
		return nil
	}
	if p := strictProblems(err); p != nil {
		return p
	}
	var status apierrors.APIStatus
	if errors.As(err, &status) {
		s := status.Status()
		if s.Details != nil && len(s.Details.Causes) > 0 {
			out := []Problem{}
			for _, cause := range s.Details.Causes {
				out = append(out, Problem{Field: cause.Field, Type: strings.TrimPrefix(string(cause.Type), "FieldValue"), Detail: cause.Message, Message: cause.Message})
			}
			return out
		}
		return []Problem{{Type: string(s.Reason), Detail: s.Message, Message: s.Message}}
	}
	return []Problem{{Type: "BadRequest", Detail: err.Error(), Message: err.Error()}}
}
