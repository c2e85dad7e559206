package main

import (
	"context"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/install"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	crdregistry "k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	kjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/storage/names"
)

var (
	crdScheme = runtime.NewScheme()
	crdCodecs serializer.CodecFactory
	// the decoder of a create with fieldValidation=Strict: strict JSON, v1 defaulting, conversion to internal
	crdDecoder runtime.Decoder
)

func init() {
	install.Install(crdScheme)
	crdCodecs = serializer.NewCodecFactory(crdScheme)
	strictJSON := kjson.NewSerializerWithOptions(kjson.DefaultMetaFactory, crdScheme, crdScheme, kjson.SerializerOptions{Strict: true})
	crdDecoder = crdCodecs.DecoderToVersion(strictJSON, schema.GroupVersion{Group: apiextensions.GroupName, Version: runtime.APIVersionInternal})
}

// createCRD runs a CRD through the server's create path: strict decoding, v1 defaulting, conversion to the
// internal type, then the registry's BeforeCreate (PrepareForCreate, ValidateCustomResourceDefinition with the
// create options, ObjectMeta validation, warnings). An accepted CRD serves the custom resources that follow.
func (c *checker) createCRD(ctx context.Context, raw []byte) []Problem {
	obj, _, err := crdDecoder.Decode(raw, nil, nil)
	if err != nil {
		// the create handler answers 400 BadRequest at once, strict field errors included
		return errorProblems(err)
	}
	crd, ok := obj.(*apiextensions.CustomResourceDefinition)
	if !ok {
		return []Problem{{Type: "BadRequest", Detail: "not a CustomResourceDefinition", Message: "not a CustomResourceDefinition"}}
	}
	rest.FillObjectMetaSystemFields(crd)
	if len(crd.GenerateName) > 0 && len(crd.Name) == 0 {
		crd.Name = names.SimpleNameGenerator.GenerateName(crd.GenerateName)
	}
	strategy := crdregistry.NewStrategy(crdScheme)
	if err := rest.BeforeCreate(strategy, c.withNamespace(ctx, false, crd.Namespace), crd); err != nil {
		return errorProblems(err)
	}
	// what the naming controller then does: accept the names (conflicts with other CRDs are not modelled)
	v1 := &apiextensionsv1.CustomResourceDefinition{}
	if err := crdScheme.Convert(crd, v1, nil); err != nil {
		return errorProblems(err)
	}
	v1.Status.AcceptedNames = v1.Spec.Names
	c.crds[v1.Name] = &servedCRD{crd: v1}
	return nil
}
