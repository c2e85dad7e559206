import { LocalBackend, TerraformBackend, TerraformStack } from 'cdktn';
import { Construct } from 'constructs';
import { stackIdProblems, stackPropsProblems } from './app-props';
import { OpsError } from '../core/ops-error';
import { propTypeProblems } from '../core/prop-types';
import { keepStackTextLiteral } from '../core/terraform-safe-text';

/** AWS provider settings for a stack. */
export interface AwsProviderSettings {
  /** The AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** Tags applied to every taggable resource of the stack (`default_tags`). @default - no default tags */
  readonly defaultTags?: { [key: string]: string };
  /** A named profile from the shared AWS config. @default - the provider's credential chain */
  readonly profile?: string;
}

/** Options for `OpsApp.stack()`. */
export interface OpsStackProps {
  /**
   * Path of the local state file, relative to the stack's working directory (`<terraformOutdir>/stacks/<id>`).
   *
   * The default places the state beside the Terraform output folder — where cdktn's own default puts it —
   * but as a relative path, so the synthesized JSON is the same on every machine and the state survives
   * a new synth (which replaces the output folder). Ignored when the stack declares its own backend.
   *
   * @default `../../../terraform.<id>.tfstate`
   */
  readonly localStatePath?: string;
  /** Configures the AWS provider of the stack. @default - no AWS provider is configured by opskit */
  readonly aws?: AwsProviderSettings;
}

/**
 * A cdktn `TerraformStack` with opskit's defaults: a local backend with a relative state path (cdktn's
 * default is an absolute path, which breaks determinism) and, optionally, a configured AWS provider.
 *
 * @example
 * const stack = app.stack('observability', { aws: { region: 'eu-west-1', defaultTags: { team: 'platform' } } });
 */
export class OpsStack extends TerraformStack {
  /** The id, checked before cdktn sees it (its own error for a bad id would win over opskit's). */
  private static checkedId(scope: Construct, id: string): string {
    const problems = stackIdProblems(id, []);
    const path = [scope.node.path, String(id)].filter((s) => s !== '').join('/');
    if (problems.length > 0) throw new OpsError(problems.map((p) => ({ ...p, path })));
    return id;
  }

  /** The path of the local state file used when the stack declares no other backend. */
  public readonly localStatePath: string;

  /** @throws OpsError when the id is not a portable folder name, or a prop is invalid (e.g. `aws.region`) */
  public constructor(scope: Construct, id: string, props: OpsStackProps = {}) {
    // the id first: cdktn's own error for a bad id would win over opskit's
    super(scope, OpsStack.checkedId(scope, id));
    props = props ?? {};
    const siblings = scope.node.children.filter((c) => c !== this && TerraformStack.isStack(c)).map((c) => c.node.id);
    const typeProblems = propTypeProblems('OpsStackProps', props);
    const problems = [...stackIdProblems(id, siblings), ...(typeProblems.length > 0 ? typeProblems : stackPropsProblems(props))];
    if (problems.length > 0) {
      scope.node.tryRemoveChild(this.node.id);
      throw OpsError.at(this, problems);
    }
    this.localStatePath = props.localStatePath ?? `../../../terraform.${id}.tfstate`;
    if (props.aws) {
      // the provider submodule only: the package barrel costs seconds and hundreds of megabytes
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { AwsProvider } = require('@cdktn/provider-aws/lib/provider');
      const tags = props.aws.defaultTags;
      new AwsProvider(this, 'aws', {
        region: props.aws.region,
        profile: props.aws.profile,
        defaultTags: tags && Object.keys(tags).length > 0 ? [{ tags: sortKeys(tags) }] : undefined,
      });
    }
  }

  /**
   * The stack's Terraform JSON, with every literal `${` / `%{` of every element escaped (cdktn references
   * kept): the one escaping path, `keepTerraformTextLiteral`.
   */
  public toTerraform(): any {
    keepStackTextLiteral(this);
    return super.toTerraform();
  }

  /** cdktn calls this before synth; opskit's backend replaces cdktn's absolute-path default. */
  public ensureBackendExists(): TerraformBackend {
    const existing = this.node.findAll().find((c) => TerraformBackend.isBackend(c)) as TerraformBackend | undefined;
    return existing ?? new LocalBackend(this, { path: this.localStatePath });
  }
}

function sortKeys(map: { [key: string]: string }): { [key: string]: string } {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
