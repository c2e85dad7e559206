import { Construct } from 'constructs';
import { artifactPathProblems } from './app-props';
import { ArtifactFile, Artifacts, IArtifact } from '../core/artifact';
import { checkProps } from '../core/check-props';
import { problem, Problem } from '../core/problem';
import { reportPropsProblems } from '../core/props-problems';

/** Props of `FileArtifact`. */
export interface FileArtifactProps {
  /** Path relative to the app's `outdir`, with `/` separators, e.g. `docs/runbook.md`. */
  readonly path: string;
  /** The file's text. A trailing newline is added when missing, so every file ends with exactly one. */
  readonly content: string;
}

/**
 * A file with the given content, written into the app's `outdir` at synth.
 *
 * Works in either tree (a chart or a stack). Use it for small companion files such as runbooks or
 * configuration snippets; domain constructs contribute their own artifacts the same way.
 *
 * @example
 * new FileArtifact(chart, 'runbook', { path: 'docs/runbook.md', content: '# On call\n' });
 */
export class FileArtifact extends Construct implements IArtifact {
  /** The path of the file relative to `outdir`. */
  public readonly path!: string;
  /** The file's text as written. */
  public readonly content!: string;

  public constructor(scope: Construct, id: string, props: FileArtifactProps) {
    super(scope, id);
    if (!checkProps(this, 'FileArtifactProps', props)) return;
    const problems: Problem[] = [];
    props = props ?? ({} as FileArtifactProps);
    if (typeof props.path !== 'string' || props.path.trim() === '') {
      problems.push(problem('path', 'must be a non-empty relative path', props.path, 'use a path such as "docs/runbook.md"'));
    } else {
      problems.push(...artifactPathProblems(props.path));
    }
    if (typeof props.content !== 'string') {
      problems.push(problem('content', 'must be a string', props.content, 'pass the file\'s text'));
    }
    if (!reportPropsProblems(this, problems)) return;
    this.path = props.path;
    const lf = props.content.replace(/\r\n/g, '\n');
    this.content = lf.endsWith('\n') ? lf : `${lf}\n`;
    Artifacts.mark(this);
  }

  public renderFiles(): ArtifactFile[] {
    return [{ path: this.path, content: this.content }];
  }
}
