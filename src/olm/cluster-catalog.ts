import { ApiObject, ApiObjectMetadata, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { catalogImageRefProblems, INT32_MAX, INT32_MIN, isDigestRef, OLM_V1_API_VERSION } from './model/olm-v1-objects';
import { registerClusterCatalogKind } from './olm-v1-kinds';
import { checkProps } from '../core/check-props';
import { durationPropMs } from '../core/duration';
import { objectName } from '../core/object-name';
import { Engine, placedIn } from '../core/placement';
import { Problem, problem } from '../core/problem';
import { reportPropsProblems } from '../core/props-problems';
import { Warnings } from '../core/warnings';

/** Props of `ClusterCatalog`. */
export interface ClusterCatalogProps {
  /**
   * The catalog image: a File-Based Catalog built into an OCI image (`spec.source.image.ref`), pinned to a digest
   * (`quay.io/acme/catalog@sha256:…`) or a tag. A tag is warning `opskit:olm/catalog-tag`: what it names can change.
   */
  readonly image: string;
  /**
   * How often operator-controller polls a tag for new content (`pollIntervalMinutes`): whole minutes, at least one.
   * Only for a tag: a digest never changes, and the CRD refuses a poll interval with one.
   *
   * @default - the image is not polled
   */
  readonly pollInterval?: Duration;
  /**
   * Tie-breaker between catalogs that offer the same package (`spec.priority`, a 32-bit integer): higher wins.
   *
   * @default 0
   */
  readonly priority?: number;
  /**
   * Whether the catalog's content is served (`spec.availabilityMode`).
   *
   * @default AvailabilityMode.AVAILABLE
   */
  readonly availabilityMode?: AvailabilityMode;
  /** The ClusterCatalog's metadata (cluster-scoped: no namespace). @default - named after the construct id */
  readonly metadata?: ApiObjectMetadata;
}

/** Whether a ClusterCatalog's content is served (`spec.availabilityMode`). */
export enum AvailabilityMode {
  /** Unpacked and served: clients may use it. */
  AVAILABLE = 'Available',
  /** Not served: as if the catalog did not exist. */
  UNAVAILABLE = 'Unavailable',
}

/**
 * An OLM v1 ClusterCatalog (`olm.operatorframework.io/v1`): makes a File-Based Catalog image, such as the one
 * `OlmCatalog` writes, available to operator-controller. Checked at synth with the CRD's validation rules
 * (operator-controller v1.10.0).
 *
 * @see https://operator-framework.github.io/operator-controller/tutorials/add-catalog/
 * @example
 * new ClusterCatalog(chart, 'acme-operators', { image: 'ghcr.io/acme/catalog@sha256:0123…' });
 */
export class ClusterCatalog extends Construct {
  /** The ClusterCatalog object (escape hatch). */
  public readonly apiObject!: ApiObject;
  /** The ClusterCatalog's name (what a `ClusterExtension` selects it by). */
  public readonly name!: string;

  public constructor(scope: Construct, id: string, props: ClusterCatalogProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'ClusterCatalog'), id);
    if (!checkProps(this, 'ClusterCatalogProps', props)) return;
    const problems: Problem[] = [];
    const { name, problems: nameProblems } = objectName(this, props.metadata?.name);
    problems.push(...nameProblems);
    if (props.metadata?.namespace !== undefined) {
      problems.push(problem('metadata.namespace', 'must be left out: a ClusterCatalog is cluster-scoped', props.metadata.namespace, 'remove metadata.namespace'));
    }
    problems.push(...catalogImageRefProblems('image', props.image));
    const digest = typeof props.image === 'string' && isDigestRef(props.image);
    let pollIntervalMinutes: number | undefined;
    if (props.pollInterval !== undefined) {
      const { ms, problems: durationProblems } = durationPropMs('pollInterval', props.pollInterval, { example: 'Duration.minutes(10)' });
      problems.push(...durationProblems);
      if (ms !== undefined) {
        if (ms % 60000 !== 0 || ms < 60000) problems.push(problem('pollInterval', 'must be whole minutes, at least 1', `${ms / 60000} min`, 'use e.g. Duration.minutes(10)'));
        else pollIntervalMinutes = ms / 60000;
      }
      if (digest) problems.push(problem('pollInterval', 'cannot be set with a digest-pinned image (a digest never changes)', props.pollInterval.toHumanString?.() ?? props.pollInterval, 'leave it out, or pin a tag'));
    }
    if (props.priority !== undefined && (!Number.isInteger(props.priority) || props.priority < INT32_MIN || props.priority > INT32_MAX)) {
      problems.push(problem('priority', `must be an integer from ${INT32_MIN} to ${INT32_MAX}`, props.priority, 'use e.g. 10 (higher wins)'));
    }
    if (!reportPropsProblems(this, problems)) return;

    if (!digest) {
      Warnings.add(this, 'opskit:olm/catalog-tag', `image "${props.image}" is a tag, not a digest: what the catalog serves can change under it — pin "@sha256:…"${pollIntervalMinutes === undefined ? ', or set pollInterval to follow the tag on purpose' : ''}`);
    }
    registerClusterCatalogKind(this);
    this.name = name;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: OLM_V1_API_VERSION,
      kind: 'ClusterCatalog',
      metadata: { ...props.metadata, name },
      spec: {
        source: { type: 'Image', image: { ref: props.image, ...(pollIntervalMinutes === undefined ? {} : { pollIntervalMinutes }) } },
        ...(props.priority === undefined ? {} : { priority: props.priority }),
        ...(props.availabilityMode === undefined ? {} : { availabilityMode: props.availabilityMode }),
      },
    });
  }
}
