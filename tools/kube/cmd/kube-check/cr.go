package main

import (
	"context"
	"fmt"

	apiextensionshelpers "k8s.io/apiextensions-apiserver/pkg/apihelpers"
	apiextensionsinternal "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apiserver"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apiextensions-apiserver/pkg/crdserverscheme"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	kjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/storage/names"
	"k8s.io/apiserver/pkg/warning"
)

// servedCRD is an accepted CRD and, built on first use per version, what the apiextensions handler builds to
// serve it (getOrCreateServingInfoFor): structural schemas with pruned defaults, and the registry strategy.
type servedCRD struct {
	crd        *apiextensionsv1.CustomResourceDefinition
	structural map[string]*structuralschema.Structural
	versions   map[string]*servedVersion
	err        error
}

type servedVersion struct {
	strategy rest.RESTCreateStrategy
	decoder  runtime.Decoder
}

type unstructuredCreator struct{}

func (unstructuredCreator) New(kind schema.GroupVersionKind) (runtime.Object, error) {
	ret := &unstructured.Unstructured{}
	ret.SetGroupVersionKind(kind)
	return ret, nil
}

// prepare builds the structural schemas of every version, as the handler does.
func (s *servedCRD) prepare() error {
	if s.structural != nil || s.err != nil {
		return s.err
	}
	s.structural = map[string]*structuralschema.Structural{}
	s.versions = map[string]*servedVersion{}
	for _, v := range s.crd.Spec.Versions {
		val, err := apiextensionshelpers.GetSchemaForVersion(s.crd, v.Name)
		if err != nil {
			s.err = err
			return err
		}
		if val == nil {
			continue
		}
		internal := &apiextensionsinternal.CustomResourceValidation{}
		if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(val, internal, nil); err != nil {
			s.err = err
			return err
		}
		st, err := structuralschema.NewStructural(internal.OpenAPIV3Schema)
		if !s.crd.Spec.PreserveUnknownFields && err != nil {
			s.err = fmt.Errorf("the server could not properly serve the CR schema: %v", err)
			return s.err
		}
		if !s.crd.Spec.PreserveUnknownFields {
			st = st.DeepCopy()
			if err := structuraldefaulting.PruneDefaults(st); err != nil {
				s.err = fmt.Errorf("the server could not properly serve the CR schema: %v", err)
				return s.err
			}
		}
		s.structural[v.Name] = st
	}
	return nil
}

// version builds the strategy and decoder of one served version, as the handler does.
func (s *servedCRD) version(name string) (*servedVersion, error) {
	if sv, ok := s.versions[name]; ok {
		return sv, nil
	}
	var v *apiextensionsv1.CustomResourceDefinitionVersion
	for i := range s.crd.Spec.Versions {
		if s.crd.Spec.Versions[i].Name == name {
			v = &s.crd.Spec.Versions[i]
		}
	}
	if v == nil {
		return nil, fmt.Errorf("no version %q", name)
	}
	gvk := schema.GroupVersionKind{Group: s.crd.Spec.Group, Version: name, Kind: s.crd.Status.AcceptedNames.Kind}
	parameterScheme := runtime.NewScheme()
	parameterScheme.AddUnversionedTypes(gvk.GroupVersion(), &metav1.ListOptions{}, &metav1.GetOptions{}, &metav1.DeleteOptions{})
	typer := apiserver.UnstructuredObjectTyper{Delegate: parameterScheme, UnstructuredTyper: crdserverscheme.NewUnstructuredObjectTyper()}

	validationSchema, err := apiextensionshelpers.GetSchemaForVersion(s.crd, name)
	if err != nil {
		return nil, err
	}
	var internalSchemaProps *apiextensionsinternal.JSONSchemaProps
	var internalValidationSchema *apiextensionsinternal.CustomResourceValidation
	if validationSchema != nil {
		internalValidationSchema = &apiextensionsinternal.CustomResourceValidation{}
		if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(validationSchema, internalValidationSchema, nil); err != nil {
			return nil, err
		}
		internalSchemaProps = internalValidationSchema.OpenAPIV3Schema
	}
	validator, _, err := apiservervalidation.NewSchemaValidator(internalSchemaProps)
	if err != nil {
		return nil, err
	}
	subresources, err := apiextensionshelpers.GetSubresourcesForVersion(s.crd, name)
	if err != nil {
		return nil, err
	}
	var statusSpec *apiextensionsinternal.CustomResourceSubresourceStatus
	var statusValidator apiservervalidation.SchemaValidator
	if subresources != nil && subresources.Status != nil {
		statusSpec = &apiextensionsinternal.CustomResourceSubresourceStatus{}
		if err := apiextensionsv1.Convert_v1_CustomResourceSubresourceStatus_To_apiextensions_CustomResourceSubresourceStatus(subresources.Status, statusSpec, nil); err != nil {
			return nil, err
		}
		if internalValidationSchema != nil && internalValidationSchema.OpenAPIV3Schema != nil && internalValidationSchema.OpenAPIV3Schema.Properties != nil {
			if statusSchema, ok := internalValidationSchema.OpenAPIV3Schema.Properties["status"]; ok {
				statusValidator, _, err = apiservervalidation.NewSchemaValidator(&statusSchema)
				if err != nil {
					return nil, err
				}
			}
		}
	}
	var scaleSpec *apiextensionsinternal.CustomResourceSubresourceScale
	if subresources != nil && subresources.Scale != nil {
		scaleSpec = &apiextensionsinternal.CustomResourceSubresourceScale{}
		if err := apiextensionsv1.Convert_v1_CustomResourceSubresourceScale_To_apiextensions_CustomResourceSubresourceScale(subresources.Scale, scaleSpec, nil); err != nil {
			return nil, err
		}
	}
	strategy := customresource.NewStrategy(typer, s.crd.Spec.Scope == apiextensionsv1.NamespaceScoped, gvk, validator, statusValidator,
		s.structural[name], statusSpec, scaleSpec, v.SelectableFields)
	decoder := kjson.NewSerializerWithOptions(kjson.DefaultMetaFactory, unstructuredCreator{}, typer, kjson.SerializerOptions{Strict: true})
	sv := &servedVersion{strategy: strategy, decoder: decoder}
	s.versions[name] = sv
	return sv, nil
}

// findCRD returns the accepted CRD serving this group and kind.
func (c *checker) findCRD(gvk schema.GroupVersionKind) *servedCRD {
	for _, s := range c.crds {
		if s.crd.Spec.Group == gvk.Group && s.crd.Status.AcceptedNames.Kind == gvk.Kind {
			return s
		}
	}
	return nil
}

// createCustomResource runs a custom resource through the server's create path with fieldValidation=Strict:
// strict decoding, the handler's schema coercion (ObjectMeta, pruning, non-nullable nulls, embedded
// ObjectMeta) with unknown fields reported, structural defaulting, then the registry's BeforeCreate with the
// custom resource strategy (ObjectMeta, schema, scale, embedded resources, list topology, CEL).
func (c *checker) createCustomResource(ctx context.Context, gvk schema.GroupVersionKind, h header, raw []byte) (map[string]interface{}, []Problem) {
	s := c.findCRD(gvk)
	notFound := []Problem{{Field: "apiVersion", Type: "NotFound",
		Detail:  fmt.Sprintf("no matches for kind %q in version %q", gvk.Kind, gvk.GroupVersion().String()),
		Message: fmt.Sprintf("no matches for kind %q in version %q: the server could not find the requested resource", gvk.Kind, gvk.GroupVersion().String())}}
	if s == nil || !apiextensionshelpers.HasServedCRDVersion(s.crd, gvk.Version) {
		return nil, notFound
	}
	if err := s.prepare(); err != nil {
		return nil, errorProblems(err)
	}
	sv, err := s.version(gvk.Version)
	if err != nil {
		return nil, errorProblems(err)
	}
	// the request: to the version's resource, in the object's namespace
	obj, _, err := sv.decoder.Decode(raw, nil, nil)
	var strictErrs []Problem
	if err != nil {
		strictErrs = strictProblems(err)
		if strictErrs == nil || obj == nil {
			return nil, errorProblems(err)
		}
	}
	u, ok := obj.(*unstructured.Unstructured)
	if !ok {
		return nil, []Problem{{Type: "BadRequest", Detail: "not an object", Message: "not an object"}}
	}
	unknown, err := coerce(u, s, gvk)
	if err != nil {
		return nil, errorProblems(err)
	}
	for _, path := range unknown {
		strictErrs = append(strictErrs, Problem{Field: path, Type: "UnknownField", Detail: fmt.Sprintf("unknown field %q", path), Message: fmt.Sprintf("strict decoding error: unknown field %q", path)})
	}
	if len(strictErrs) > 0 {
		return nil, strictErrs
	}
	// the versioning codec's defaulter
	structuraldefaulting.Default(u.UnstructuredContent(), s.structural[gvk.Version])

	for _, v := range s.crd.Spec.Versions {
		if v.Name == gvk.Version && v.Deprecated {
			msg := fmt.Sprintf("%s %s is deprecated", gvk.GroupVersion().String(), gvk.Kind)
			if v.DeprecationWarning != nil {
				msg = *v.DeprecationWarning
			}
			warning.AddWarning(ctx, "", msg)
		}
	}
	rest.FillObjectMetaSystemFields(u)
	if len(u.GetGenerateName()) > 0 && len(u.GetName()) == 0 {
		u.SetName(names.SimpleNameGenerator.GenerateName(u.GetGenerateName()))
	}
	namespaced := s.crd.Spec.Scope == apiextensionsv1.NamespaceScoped
	if err := rest.BeforeCreate(sv.strategy, c.withNamespace(ctx, namespaced, h.Metadata.Namespace), u); err != nil {
		return nil, errorProblems(err)
	}
	stored := u.DeepCopy().Object
	if meta, ok := stored["metadata"].(map[string]interface{}); ok {
		delete(meta, "uid")
		delete(meta, "creationTimestamp")
		delete(meta, "generation")
	}
	return stored, nil
}

// coerce is what the handler's schemaCoercingDecoder does to a decoded custom resource (unstructuredSchemaCoercer
// with returnUnknownFieldPaths, as for fieldValidation=Strict): ObjectMeta read back through metav1.ObjectMeta,
// pruning, removal of non-nullable nulls, embedded ObjectMeta coercion; it returns the unknown field paths.
func coerce(u *unstructured.Unstructured, s *servedCRD, gvk schema.GroupVersionKind) ([]string, error) {
	kind, foundKind, err := unstructured.NestedString(u.UnstructuredContent(), "kind")
	if err != nil {
		return nil, err
	}
	apiVersion, foundAPIVersion, err := unstructured.NestedString(u.UnstructuredContent(), "apiVersion")
	if err != nil {
		return nil, err
	}
	objectMeta, foundObjectMeta, unknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u.Object, schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		return nil, err
	}
	st := s.structural[gvk.Version]
	if !s.crd.Spec.PreserveUnknownFields {
		unknown = append(unknown, structuralpruning.PruneWithOptions(u.Object, st, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
		structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u.Object, st)
	}
	err2, paths := schemaobjectmeta.CoerceWithOptions(nil, u.Object, st, false, schemaobjectmeta.CoerceOptions{ReturnUnknownFieldPaths: true})
	if err2 != nil {
		return nil, err2
	}
	unknown = append(unknown, paths...)
	if foundKind {
		u.SetKind(kind)
	}
	if foundAPIVersion {
		u.SetAPIVersion(apiVersion)
	}
	if foundObjectMeta {
		if err := schemaobjectmeta.SetObjectMeta(u.Object, objectMeta); err != nil {
			return nil, err
		}
	}
	return unknown, nil
}
