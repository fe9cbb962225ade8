/**
 * What notebook code calls in the "Java (slash-repro)" kernel: {@link slash.jupyter.Display}
 * (Markdown, HTML, SVG, PNG, outputs replaced in place through a {@link slash.jupyter.DisplayHandle})
 * and {@link slash.jupyter.Progress} bars drawn through a {@link slash.jupyter.ProgressView}, the
 * JDK-typed seam through which the CLI's text bar can later be routed to a notebook. Everything
 * here also works outside a kernel, printing text.
 */
package slash.jupyter;
