// Preloaded into jsii-pacmak by scripts/go-bindings.sh (NODE_OPTIONS=--require).
//
// jsii-pacmak's code writer (codemaker's CodeMaker.save) opens every generated file of a module at once. For
// @cdktn/provider-aws that is about 76,000 Go files, beyond the open-file limit of the project's machines (20,000,
// which root cannot raise there): under load the writes fail with EMFILE once graceful-fs gives up retrying. This
// writes them in batches instead; the files and their contents are unchanged.
const path = require('path');

const BATCH = 512;
const pacmakDir = path.dirname(require.resolve('jsii-pacmak/package.json'));
const { CodeMaker } = require(require.resolve('codemaker', { paths: [pacmakDir] }));

CodeMaker.prototype.save = async function saveInBatches(rootDir) {
  const files = this.files.filter((file) => !this.excludes.includes(file.filePath));
  const saved = [];
  for (let i = 0; i < files.length; i += BATCH) {
    saved.push(...(await Promise.all(files.slice(i, i + BATCH).map((file) => file.save(rootDir)))));
  }
  return saved.sort();
};
