/**
 * What notebook code calls in the "Java (slash-repro)" kernel: {@link slash.jupyter.Display}
 * (Markdown, HTML, SVG, PNG, outputs replaced in place through a {@link slash.jupyter.DisplayHandle})
 * and the CLI's own progress bar ({@link slash.core.train.ProgressBar}) drawn as one output
 * updated in place ({@link slash.jupyter.NotebookProgressView}). Everything here also works
 * outside a kernel, printing text.
 */
package slash.jupyter;
