import { IConstruct } from 'constructs';
import { artifactsAmong, isMarkedArtifact, markArtifact } from './artifact-marks';

/** One file an artifact contributes to the output. */
export interface ArtifactFile {
  /**
   * Path of the file relative to the app's `outdir`, with `/` separators (e.g. `prometheus/api.rules.yaml`).
   *
   * Absolute paths and `..` segments are rejected at synth.
   */
  readonly path: string;
  /** The file's text. Written as UTF-8 with LF line endings exactly as given. */
  readonly content: string;
}

/**
 * A construct that contributes extra files at synth: Helm charts, OLM bundles, promtool tests,
 * dashboards, Alertmanager configs.
 *
 * `OpsApp.synth()` finds every construct implementing this interface in both the cdk8s and the
 * cdktn tree (see `Artifacts.isArtifact`) and writes the files it renders under `outdir`.
 */
export interface IArtifact extends IConstruct {
  /**
   * Renders the files of this artifact. Called once per synth, after construct validations passed.
   */
  renderFiles(): ArtifactFile[];
}

/** Registration and discovery of artifacts. */
export class Artifacts {
  /**
   * Marks a construct as an artifact; call it in the constructor of every `IArtifact` implementation.
   */
  public static mark(artifact: IArtifact): void {
    markArtifact(artifact);
  }

  /** Whether a construct was marked as an artifact. */
  public static isArtifact(x: unknown): x is IArtifact {
    return isMarkedArtifact(x);
  }

  /** Every artifact under a construct, in construct-tree order. */
  public static findAll(root: IConstruct): IArtifact[] {
    // a whole tree in which no artifact was marked is not walked
    if (root.node.scope === undefined) return artifactsAmong<IArtifact>(root, () => root.node.findAll());
    return root.node.findAll().filter((c): c is IArtifact => Artifacts.isArtifact(c));
  }

  private constructor() {}
}
