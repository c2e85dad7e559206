/**
 * Checks of the props of `OpsApp`, `OpsStack`, charts and artifact paths (pure: they return problems and never
 * throw; the callers turn them into an `OpsError` with the construct path).
 */
import * as path from 'path';
import { INDEX_FILE } from './output-index';
import { formatValue, Problem, problem } from '../core/problem';

/** The output folders of an app, as given and where they came from (a prop or an environment variable). */
export interface OutputFolders {
  readonly outdir: unknown;
  /** The name of the source of `outdir` for messages, e.g. `outdir` or `outdir (from CDK8S_OUTDIR)`. */
  readonly outdirField: string;
  readonly terraformOutdir: unknown;
  readonly terraformOutdirField: string;
  /** The working directory the folders are relative to. */
  readonly cwd: string;
}

/** Whether `inner` is `outer` or inside it (both absolute). */
function isSameOrInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Checks the output folders: non-empty strings, not the working directory or one of its parents (the folder is
 * replaced as a whole at synth), not the same folder and not inside one another (each is replaced on its own).
 */
export function outputFolderProblems(f: OutputFolders): Problem[] {
  const out: Problem[] = [];
  const resolved: Array<string | undefined> = [];
  const folders: Array<[string, unknown, string]> = [
    [f.outdirField, f.outdir, '"dist"'],
    [f.terraformOutdirField, f.terraformOutdir, '"cdktf.out"'],
  ];
  for (const [field, value, example] of folders) {
    if (typeof value !== 'string' || value.trim() === '') {
      out.push(problem(field, 'must be a non-empty folder path', value, `use a dedicated folder such as ${example}`));
      resolved.push(undefined);
      continue;
    }
    if (value.includes('\0')) {
      out.push(problem(field, 'must not contain NUL characters', value, `use a dedicated folder such as ${example}`));
      resolved.push(undefined);
      continue;
    }
    const abs = path.resolve(f.cwd, value);
    if (isSameOrInside(f.cwd, abs)) {
      out.push(problem(field, 'must not be the working directory or one of its parents (synth replaces the whole folder)', value,
        `use a dedicated folder such as ${example}`));
      resolved.push(undefined);
      continue;
    }
    resolved.push(abs);
  }
  const [k8s, tf] = resolved;
  if (k8s !== undefined && tf !== undefined) {
    if (k8s === tf) {
      out.push(problem(f.terraformOutdirField, `must differ from ${f.outdirField} (each folder is replaced on its own at synth)`, f.terraformOutdir,
        'use separate folders such as "dist" and "cdktf.out"'));
    } else if (isSameOrInside(tf, k8s)) {
      out.push(problem(f.terraformOutdirField, `must not be inside ${f.outdirField} ${formatValue(f.outdir)} (each folder is replaced on its own at synth)`,
        f.terraformOutdir, 'use sibling folders such as "dist" and "cdktf.out"'));
    } else if (isSameOrInside(k8s, tf)) {
      out.push(problem(f.outdirField, `must not be inside ${f.terraformOutdirField} ${formatValue(f.terraformOutdir)} (each folder is replaced on its own at synth)`,
        f.outdir, 'use sibling folders such as "dist" and "cdktf.out"'));
    }
  }
  return out;
}

/** The stack ids cdktn and Terraform handle portably: they name `stacks/<id>/` and the state file. */
const STACK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Checks a stack id: it names the folder `stacks/<id>` and the state file, so it must be a portable file name
 * and differ from its sibling stacks' ids in more than letter case (case-insensitive file systems).
 */
export function stackIdProblems(id: string, siblingIds: readonly string[]): Problem[] {
  if (typeof id !== 'string' || !STACK_ID.test(id)) {
    return [problem('id', 'must start with a letter or digit and contain only letters, digits, ".", "_" and "-" (it names the folder stacks/<id>)',
      id, 'use an id such as "aws" or "observability-prod"')];
  }
  const clash = siblingIds.find((s) => s !== id && s.toLowerCase() === id.toLowerCase());
  if (clash !== undefined) {
    return [problem('id', `must differ from the stack "${clash}" in more than letter case (their folders collide on case-insensitive file systems)`,
      id, 'rename one of the stacks')];
  }
  return [];
}

/** AWS region names: `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`, `cn-northwest-1`. */
const AWS_REGION = /^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$/;

/** The AWS settings of a stack, as given. */
export interface AwsSettingsInput {
  readonly region?: unknown;
  readonly profile?: unknown;
  readonly defaultTags?: unknown;
}

/** Checks a stack's AWS provider settings and local state path. */
export function stackPropsProblems(props: { readonly localStatePath?: unknown; readonly aws?: AwsSettingsInput }): Problem[] {
  const out: Problem[] = [];
  const state = props.localStatePath;
  if (state !== undefined) {
    if (typeof state !== 'string' || state.trim() === '') {
      out.push(problem('localStatePath', 'must be a non-empty relative path', state, 'omit it for "../../../terraform.<id>.tfstate", or use e.g. "state/net.tfstate"'));
    } else if (path.posix.isAbsolute(state) || /^[A-Za-z]:/.test(state) || state.includes('\\')) {
      out.push(problem('localStatePath', 'must be a relative path with "/" separators (an absolute path makes the output differ between machines)',
        state, 'give the path relative to the stack folder, e.g. "../../../terraform.net.tfstate"'));
    }
  }
  const aws = props.aws;
  if (aws === undefined) return out;
  if (typeof aws.region !== 'string' || !AWS_REGION.test(aws.region)) {
    out.push(problem('aws.region', 'must be an AWS region name (lowercase, e.g. "eu-west-1"; not an availability zone)', aws.region,
      'use a region code such as "eu-west-1" or "us-gov-west-1"'));
  }
  if (aws.profile !== undefined && (typeof aws.profile !== 'string' || aws.profile.trim() === '')) {
    out.push(problem('aws.profile', 'must be a non-empty profile name', aws.profile, 'omit it to use the credential chain, or name a profile of ~/.aws/config'));
  }
  const tags = aws.defaultTags;
  if (tags !== undefined) {
    if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) {
      out.push(problem('aws.defaultTags', 'must be a map of tag names to values', tags, 'e.g. { team: "platform" }'));
    } else {
      for (const [key, value] of Object.entries(tags)) {
        const field = `aws.defaultTags[${JSON.stringify(key)}]`;
        if (key.length === 0 || key.length > 128) {
          out.push(problem(field, 'tag key must be 1-128 characters', key, 'shorten the tag key'));
        } else if (key.toLowerCase().startsWith('aws:')) {
          out.push(problem(field, 'tag key must not start with "aws:" (reserved by AWS)', key, 'use another prefix, e.g. "platform:"'));
        }
        if (typeof value !== 'string' || value.length > 256) {
          out.push(problem(field, 'tag value must be a string of at most 256 characters', value, 'use a shorter string value'));
        }
      }
    }
  }
  return out;
}

/** Characters Windows does not allow in file names, and control characters. */
// eslint-disable-next-line no-control-regex
const NOT_PORTABLE = /[<>:"|?*\u0000-\u001f]/;

/**
 * Checks the syntax of an artifact path: relative, `/` separators, no `.`/`..` or empty segments, characters
 * every file system accepts, and not the index.
 */
export function artifactPathProblems(filePath: unknown): Problem[] {
  if (typeof filePath !== 'string') {
    return [problem('path', 'must be a string', filePath, 'use a path such as "prometheus/api.rules.yaml"')];
  }
  const segments = filePath.split('/');
  const bad = filePath.length === 0 || filePath.startsWith('/') || /^[A-Za-z]:/.test(filePath) || filePath.includes('\\')
    || segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) {
    return [problem('path', 'must be a relative path with "/" separators and no "." or ".." segments', filePath, 'use a path such as "prometheus/api.rules.yaml"')];
  }
  if (NOT_PORTABLE.test(filePath) || segments.some((s) => s.endsWith('.') || s.endsWith(' '))) {
    return [problem('path', 'must use characters every file system accepts (no <>:"|?*, control characters, or names ending in "." or " ")',
      filePath, 'rename the file, e.g. "prometheus/api.rules.yaml"')];
  }
  const long = segments.find((s) => Buffer.byteLength(s) > 255);
  if (long !== undefined) {
    return [problem('path', `must have file and folder names of at most 255 bytes (most file systems refuse longer ones), got ${Buffer.byteLength(long)} bytes in`,
      filePath, 'shorten the name')];
  }
  if (filePath.toLowerCase() === INDEX_FILE) {
    return [problem('path', `must not be ${INDEX_FILE}, which opskit writes itself`, filePath, 'choose another file name')];
  }
  return [];
}
