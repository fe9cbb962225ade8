package slash.jupyter.kernel;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets inside the kernel's own JVM ("local" execution), on one long-lived thread.
 *
 * <p>Why local and not JShell's default remote (JDI) execution:
 * <ul>
 *   <li>the project's classes and their native libraries (libtorch through DJL, libnd4j through
 *       JavaCPP) are loaded once, by the application class loader, in the JVM that the kernelspec
 *       starts with the project's options ({@code -Dorg.bytedeco.javacpp.maxphysicalbytes=8G},
 *       {@code -Dai.djl.offline=true}, {@code OMP_WAIT_POLICY=PASSIVE}); a remote VM would need
 *       them all repeated, and a JNI library can be bound to one class loader only, so natives
 *       must not live in the snippet class loader that JShell redefines;</li>
 *   <li>{@link slash.jupyter.Display} and progress bars called from a cell reach the kernel's
 *       IOPub socket directly, with no second channel between two JVMs;</li>
 *   <li>values come back as objects, not strings, so a cell's last expression can render richly.</li>
 * </ul>
 * The price: a cell that calls {@code System.exit} or crashes natively takes the kernel down
 * (Jupyter offers a restart), and interrupting needs care, below.
 *
 * <p>All snippets run on the same thread ("notebook"), as statements in a REPL's main thread do:
 * thread-local state (PyTorch's grad mode, ND4J workspaces, a {@code ThreadLocal} in the user's
 * code) survives from one statement and one cell to the next.
 *
 * <p>Interrupt ({@link #interrupt}): the notebook thread is interrupted (so {@code sleep},
 * {@code wait}, blocking I/O and loops that check {@link Thread#interrupted} stop), and if it is
 * still in the same snippet after a grace period, stopped with {@link Thread#stop} (Java 17-19;
 * from Java 20 that throws and the cell runs on). Stopping acts only between bytecodes, never
 * inside a native call, but may leave the user's objects half-updated.
 */
final class CellExecutionControl extends DirectExecutionControl {
  /** The exception class name reported for an interrupted snippet (not a Java class name). */
  static final String INTERRUPTED = "Interrupted";

  private final CellLoader loader;
  private final long graceMillis;
  private final Map<String, Object> values = new HashMap<>();
  private final ExecutorService notebookThread;
  private final ScheduledExecutorService stopper;
  private volatile Thread thread;
  private volatile Future<?> running;
  private volatile boolean interrupted;
  private volatile Throwable lastFailure;
  private long keys;

  CellExecutionControl(CellLoader loader, long graceMillis) {
    super(loader);
    this.loader = loader;
    this.graceMillis = graceMillis;
    this.notebookThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(null, r, "notebook", 64L << 20);
      t.setDaemon(true);
      t.setContextClassLoader(loader.classLoader());
      thread = t;
      return t;
    });
    this.stopper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "notebook-interrupt");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs the snippet's {@code do_it$} on the notebook thread; the value is kept under a key. */
  @Override
  protected String invoke(Method doit) throws Exception {
    lastFailure = null;
    if (interrupted) {
      throw interruptedException();
    }
    Future<Object> task = notebookThread.submit(() -> {
      Thread.interrupted(); // an interrupt that came after the previous snippet ended
      if (interrupted) { // ... unless it is this cell's, sent before this snippet started running
        Thread.currentThread().interrupt();
      }
      return doit.invoke(null);
    });
    running = task;
    Object value;
    try {
      value = awaitUninterruptibly(task);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      lastFailure = cause instanceof InvocationTargetException ? cause.getCause() : cause;
      if (interrupted) {
        throw interruptedException(); // lastFailure says where the snippet was stopped
      }
      if (cause instanceof InvocationTargetException) {
        throw (InvocationTargetException) cause; // DirectExecutionControl makes it a UserException
      }
      throw new InvocationTargetException(cause);
    } finally {
      running = null;
    }
    if (interrupted) {
      throw interruptedException();
    }
    String key = "value#" + (++keys);
    synchronized (values) {
      values.put(key, value);
    }
    return key;
  }

  /** The value a snippet returned under {@code key} (JShell's {@code SnippetEvent.value()}). */
  Object takeValue(String key) {
    synchronized (values) {
      return values.remove(key);
    }
  }

  /** Whether {@code key} names a value of ours (rather than a string of JShell's). */
  boolean hasValue(String key) {
    synchronized (values) {
      return values.containsKey(key);
    }
  }

  /** Drops values nobody took (values of snippets re-run by JShell to update dependents). */
  void clearValues() {
    synchronized (values) {
      values.clear();
    }
  }

  /** The exception the last snippet threw, as the object itself (JShell only keeps its text). */
  Throwable lastFailure() {
    return lastFailure;
  }

  /** A new cell starts: forget an interrupt aimed at the previous one. */
  void beginCell() {
    interrupted = false;
    lastFailure = null;
  }

  /** Whether an interrupt came during the current cell. */
  boolean interruptRequested() {
    return interrupted;
  }

  /** Interrupts the running snippet: {@link Thread#interrupt}, then {@link Thread#stop}. */
  void interrupt() {
    interrupted = true;
    Future<?> task = running;
    Thread t = thread;
    if (task == null || t == null) {
      return;
    }
    t.interrupt();
    stopper.schedule(() -> {
      if (running == task && !task.isDone()) {
        forceStop(t);
      }
    }, graceMillis, TimeUnit.MILLISECONDS);
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void forceStop(Thread t) {
    try {
      t.stop();
    } catch (UnsupportedOperationException e) {
      System.err.println("the cell ignores the interrupt, and this Java (" + Runtime.version()
          + ") cannot stop a thread; restart the kernel to stop it");
    }
  }

  @Override
  public void stop() {
    interrupt();
  }

  @Override
  public void close() {
    interrupt();
    notebookThread.shutdownNow();
    stopper.shutdownNow();
    super.close();
  }

  ClassLoader classLoader() {
    return loader.classLoader();
  }

  private static Object awaitUninterruptibly(Future<Object> task) throws ExecutionException {
    boolean wasInterrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          wasInterrupted = true;
        }
      }
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The interrupt as JShell reports it, with the stack of where the snippet was stopped. */
  private UserException interruptedException() {
    Throwable where = lastFailure;
    return new UserException("the cell was interrupted", INTERRUPTED,
        where != null ? where.getStackTrace() : new StackTraceElement[0]);
  }

  /** The JShell provider that hands out this control (one per JShell instance). */
  static final class Provider implements ExecutionControlProvider {
    private final CellExecutionControl control;

    Provider(CellExecutionControl control) {
      this.control = control;
    }

    @Override
    public String name() {
      return "slash-notebook";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return control;
    }
  }

  /**
   * Loads snippet classes (JShell's wrappers {@code REPL.$JShell$N}) in a class loader whose parent
   * is the application class loader: the kernel's class path, which holds the project's modules.
   */
  static final class CellLoader implements LoaderDelegate {
    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();
    private final Loader loader = new Loader(ClassLoader.getSystemClassLoader());

    ClassLoader classLoader() {
      return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
      boolean[] installed = new boolean[cbcs.length];
      for (ClassBytecodes cbc : cbcs) {
        declared.put(cbc.name(), cbc.bytecodes());
      }
      for (int i = 0; i < cbcs.length; i++) {
        try {
          Class<?> klass = loader.loadClass(cbcs[i].name());
          loaded.put(cbcs[i].name(), klass);
          installed[i] = true;
        } catch (ClassNotFoundException | LinkageError e) {
          throw new ClassInstallException("cannot load " + cbcs[i].name() + ": " + e, installed);
        }
      }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
      for (ClassBytecodes cbc : cbcs) {
        declared.put(cbc.name(), cbc.bytecodes());
      }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
      for (String entry : path.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        try {
          loader.addURL(new File(entry).toURI().toURL());
        } catch (MalformedURLException e) {
          throw new InternalException("bad class path entry " + entry + ": " + e.getMessage());
        }
      }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
      Class<?> klass = loaded.get(name);
      if (klass == null) {
        throw new ClassNotFoundException(name + " not found");
      }
      return klass;
    }

    private final class Loader extends URLClassLoader {
      static {
        registerAsParallelCapable();
      }

      Loader(ClassLoader parent) {
        super("notebook-cells", new URL[0], parent);
      }

      @Override
      protected void addURL(URL url) {
        super.addURL(url);
      }

      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = declared.get(name);
        if (bytes == null) {
          return super.findClass(name);
        }
        return defineClass(name, bytes, 0, bytes.length, (CodeSource) null);
      }
    }
  }
}
