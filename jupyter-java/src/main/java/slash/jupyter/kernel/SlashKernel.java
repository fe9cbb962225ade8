package slash.jupyter.kernel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import slash.core.train.ProgressBar;
import slash.jupyter.Display;
import slash.jupyter.DisplayHandle;

/**
 * The "Java (slash-repro)" Jupyter kernel: JJava's protocol layer ({@code jjava-jupyter}: ZeroMQ
 * channels, message signing, the shell/control/IOPub handlers) with a JShell evaluator of ours
 * ({@link CellEvaluator}). Started by Jupyter as {@code java <options> -cp <class path>
 * slash.jupyter.kernel.SlashKernel <connection file>}, from the kernelspec {@link KernelSpec} writes.
 *
 * <p>Per execute request: stdout and stderr of the cell are streamed (a message per line, and what
 * is left when the cell ends); {@link Display} calls become {@code display_data} /
 * {@code update_display_data}; the value of a last expression becomes the {@code execute_result}
 * ({@code text/plain}, or an image for a {@code java.awt.image.RenderedImage}); a failure becomes
 * an {@code error} output and an error reply whose traceback names the cell line. Interrupts come
 * as messages ({@code interrupt_mode: message} in the kernelspec): SIGINT would end the JVM.
 */
public final class SlashKernel extends BaseKernel {
  /** How long an interrupted cell may run on before its thread is stopped. */
  static final long INTERRUPT_GRACE_MILLIS = Long.getLong("slash.jupyter.interruptGraceMillis", 3000);

  private final KernelIO kernelIO;
  private final CellEvaluator evaluator;

  private SlashKernel(KernelIO io, CellEvaluator evaluator) {
    super("slash-repro", version(), languageInfo(), List.of(), null, io, new CommManager(),
        new Renderer(), null, new MagicsRegistry(), false, new StringStyler.Builder().build());
    this.kernelIO = io;
    this.evaluator = evaluator;
  }

  /** Runs the kernel on the connection file Jupyter names, until Jupyter shuts it down. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: SlashKernel CONNECTION_FILE (Jupyter starts the kernel itself;"
          + " install it with jupyter-java/install.sh)");
      System.exit(2);
    }
    // As the CLI does: library logging (DJL, ND4J, the protocol layer) only when it is an error,
    // unless -Dorg.slf4j.simpleLogger.defaultLogLevel=... says otherwise (e.g. in JDK_JAVA_OPTIONS).
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "error");
    // As the CLI does (slash.djl.DjlRuntime): DJL unpacks its natives from the Maven artifact into
    // the project's cache, so the kernel and ./slash share one copy.
    Path cache = Path.of(System.getProperty("slash.cache",
        System.getProperty("user.home") + "/.cache/slash-repro"));
    setIfAbsent("DJL_CACHE_DIR", cache.resolve("djl").toString());
    setIfAbsent("ENGINE_CACHE_DIR", cache.resolve("djl").toString());
    KernelConnectionProperties properties =
        KernelConnectionProperties.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
    JupyterConnection connection = new JupyterConnection(properties);
    SlashKernel kernel = new SlashKernel(new KernelIO(), new CellEvaluator(INTERRUPT_GRACE_MILLIS));
    kernel.onStartup();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
    System.exit(0); // threads the notebook started (DJL, ND4J pools) must not keep the JVM up
  }

  @Override
  public void onStartup() {
    super.onStartup();
    Display.install(this::show);
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    evaluator.interrupt();
    Display.install(null);
    super.onShutdown(isRestarting);
    evaluator.close();
  }

  @Override
  public void interrupt() {
    evaluator.interrupt();
  }

  @Override
  protected synchronized void handleExecuteRequest(ShellReplyEnvironment env,
      Message<ExecuteRequest> message) {
    commManager.setMessageContext(message);
    ExecuteRequest request = message.getContent();
    int count = request.isSilent() ? executionCount.get() : executionCount.getAndIncrement();
    env.setBusyDeferIdle();
    env.publish(new PublishExecuteInput(request.getCode(), count));
    replaceOutputStreams(env);
    kernelIO.attach(env);
    env.defer(() -> kernelIO.detach(env));
    kernelIO.enableStdin(request.isStdinEnabled());
    try {
      CellEvaluator.Evaluation result = evaluator.eval("In [" + count + "]", request.getCode());
      flush();
      if (result.hasValue() && !request.isSilent() && !shownAlready(result.value())) {
        env.publish(new PublishExecuteResult(count, render(result.value())));
      }
      env.defer().reply(new ExecuteReply(count, Map.of()));
    } catch (CellException e) {
      flush();
      replyError(env, count, e.ename(), e.evalue(), e.traceback());
    } catch (RuntimeException | Error e) {
      flush();
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      List<String> lines = new ArrayList<>(List.of("the kernel failed on this cell:"));
      lines.addAll(trace.toString().lines().toList());
      replyError(env, count, e.getClass().getName(), String.valueOf(e.getMessage()), lines);
    }
  }

  private void replyError(ShellReplyEnvironment env, int count, String ename, String evalue,
      List<String> traceback) {
    env.publish(new PublishError(ename, evalue, traceback));
    ErrorReply error = new ErrorReply(ename, evalue, traceback);
    error.setExecutionCount(count);
    env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
  }

  private static boolean shownAlready(Object value) {
    return value instanceof DisplayHandle || value instanceof ProgressBar;
  }

  private DisplayData render(Object value) {
    if (value instanceof DisplayData data) {
      return data;
    }
    if (value == null || value.getClass().isArray()) {
      return new DisplayData(CellEvaluator.text(value));
    }
    return getRenderer().render(value);
  }

  /** {@link Display}'s sink: a display_data or update_display_data of the running cell. */
  private void show(Map<String, Object> data, Map<String, Object> metadata, String id, boolean update) {
    flush(); // what the cell printed before comes first
    DisplayData display = new DisplayData();
    data.forEach(display::putData);
    metadata.forEach(display::putMetaData);
    display.setDisplayId(id);
    if (update) {
      io.display.updateDisplay(display);
    } else {
      io.display.display(display);
    }
  }

  private void flush() {
    io.out.flush();
    io.err.flush();
  }

  @Override
  public Object evalRaw(String source) {
    try {
      CellEvaluator.Evaluation result = evaluator.eval("In [ ]", source);
      return result.hasValue() ? result.value() : null;
    } catch (CellException e) {
      throw new IllegalStateException(e.text(), e);
    }
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    List<String> docs = evaluator.documentation(code, at);
    return docs.isEmpty() ? null : new DisplayData(String.join("\n\n", docs));
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    CellEvaluator.Completion c = evaluator.complete(code, at);
    return c.matches().isEmpty() ? null : new ReplacementOptions(c.matches(), c.start(), c.end());
  }

  @Override
  public String isComplete(String code) {
    String answer = evaluator.isComplete(code);
    return switch (answer) {
      case "complete" -> IS_COMPLETE_YES;
      case "invalid" -> IS_COMPLETE_BAD;
      default -> answer; // the indent of the next line
    };
  }

  @Override
  protected ClassLoader getClassLoader() {
    return evaluator.classLoader();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null && System.getenv(key) == null) {
      System.setProperty(key, value);
    }
  }

  private static String version() {
    String v = SlashKernel.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  private static LanguageInfo languageInfo() {
    return new LanguageInfo.Builder("java")
        .version(Integer.toString(Runtime.version().feature()))
        .mimetype("text/x-java-source")
        .fileExtension(".jshell")
        .pygments("java")
        .codemirror("java")
        .build();
  }

  /** JJava's IO with its package-private wiring opened to this kernel. */
  static final class KernelIO extends JupyterIO {
    KernelIO() {
      super(StandardCharsets.UTF_8);
    }

    void attach(ShellReplyEnvironment env) {
      setEnv(env);
    }

    void detach(ShellReplyEnvironment env) {
      retractEnv(env);
    }

    void enableStdin(boolean enabled) {
      setJupyterInEnabled(enabled);
    }
  }
}
