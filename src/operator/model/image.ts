import { Problem, problem } from '../../core/problem';

/** The parts of a container image reference. */
export interface ImageReference {
  /** Registry and repository, e.g. `ghcr.io/acme/backup-operator`. */
  readonly repository: string;
  /** The tag, if any. */
  readonly tag?: string;
  /** The digest (`sha256:…`), if any. */
  readonly digest?: string;
}

export const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;
export const TAG = /^[\w][\w.-]{0,127}$/;
export const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** Splits an image reference into repository, tag and digest (the Docker reference grammar). */
export function parseImage(image: string): ImageReference {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, tag, digest };
}

/**
 * The problems of the manager's image: it must be a valid reference pinned to a version — a tag other
 * than `latest`, or a digest. An unpinned image changes under a running operator when a node pulls again.
 */
export function imageProblems(field: string, image: string): Problem[] {
  if (typeof image !== 'string' || image.trim() === '') {
    return [problem(field, 'must be a container image reference', image, 'set the manager image, e.g. "ghcr.io/acme/backup-operator:v1.2.3"')];
  }
  const ref = parseImage(image);
  const problems: Problem[] = [];
  if (!REPOSITORY.test(ref.repository)) {
    problems.push(problem(field, 'must be a valid image reference (lowercase repository, optional registry host and port)', image, 'use e.g. "ghcr.io/acme/backup-operator:v1.2.3"'));
  }
  if (ref.digest !== undefined) {
    if (!DIGEST.test(ref.digest) || (ref.digest.startsWith('sha256:') && !SHA256.test(ref.digest))) {
      problems.push(problem(field, 'must have a valid digest (sha256: followed by 64 lowercase hex digits)', image, 'copy the digest from your registry, e.g. "@sha256:…"'));
    }
    return problems;
  }
  if (ref.tag === undefined) {
    problems.push(problem(field, 'must be pinned to a version tag or a digest', image, `add a version tag, e.g. "${image}:v1.2.3", or a digest "@sha256:…"`));
  } else if (ref.tag === 'latest') {
    problems.push(problem(field, 'must not use the tag "latest" (it changes under a running operator)', image, `use a version tag, e.g. "${ref.repository}:v1.2.3", or a digest "@sha256:…"`));
  } else if (!TAG.test(ref.tag)) {
    problems.push(problem(field, 'must have a valid tag (at most 128 letters, digits, "_", "." or "-", not starting with "." or "-")', image, 'use a tag such as "v1.2.3"'));
  }
  return problems;
}
