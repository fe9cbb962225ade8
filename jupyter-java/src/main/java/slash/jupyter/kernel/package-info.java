/**
 * The Jupyter kernel: {@link slash.jupyter.kernel.SlashKernel} (JJava's protocol layer,
 * {@code org.dflib.jjava:jjava-jupyter}), {@link slash.jupyter.kernel.CellEvaluator} (cells as
 * JShell snippets, errors with cell lines), {@link slash.jupyter.kernel.CellExecutionControl}
 * (local execution on one notebook thread, interrupts) and {@link slash.jupyter.kernel.KernelSpec}
 * (kernel.json).
 */
package slash.jupyter.kernel;
