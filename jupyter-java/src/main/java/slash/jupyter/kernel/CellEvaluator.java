package slash.jupyter.kernel;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Evaluates notebook cells with JShell, independently of Jupyter (the kernel wraps it; tests drive it
 * directly). A cell is split into JShell snippets (statements, expressions, imports, declarations of
 * classes, methods and variables, each possibly many lines long) that run in order; the value of the
 * last one, if it is an expression, is the cell's value. A failure stops the cell and comes out as a
 * {@link CellException} naming the cell and line ({@code In [3] line 2}) of every frame of notebook
 * code, compile errors with the offending code underlined.
 *
 * <p>Snippets run in this JVM on one thread (see {@link CellExecutionControl}); the kernel's class
 * path, the project's modules among them, is both JShell's compile class path and the parent of the
 * snippets' class loader, so a cell can {@code import slash.core...} with nothing else.
 */
public final class CellEvaluator implements AutoCloseable {
  /** Imported before the first cell: JShell's own default imports, and the display API. */
  static final List<String> STARTUP_IMPORTS = List.of(
      "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
      "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
      "import java.util.regex.*;", "import java.util.stream.*;", "import slash.jupyter.Display;");

  private static final String DO_IT = "do_it$";
  private static final String WRAPPER = "REPL.";

  /** What a cell evaluated to: a value when its last snippet is an expression. */
  public record Evaluation(boolean hasValue, Object value) {
    static final Evaluation NONE = new Evaluation(false, null);
  }

  /** Completion candidates that replace {@code code[start, end)}. */
  public record Completion(List<String> matches, int start, int end) {
  }

  /** Where a snippet came from: its cell's label, the cell line (0-based) it starts on, its text. */
  private record Origin(String cell, int firstLine, String[] lines) {
    String line(int snippetLine) {
      return snippetLine >= 1 && snippetLine <= lines.length ? lines[snippetLine - 1].strip() : "";
    }
  }

  private final CellExecutionControl control;
  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  private final Map<String, Origin> origins = new ConcurrentHashMap<>();

  /**
   * A fresh JShell.
   *
   * @param interruptGraceMillis how long an interrupted snippet may run on before it is stopped
   */
  public CellEvaluator(long interruptGraceMillis) {
    this.control = new CellExecutionControl(new CellExecutionControl.CellLoader(), interruptGraceMillis);
    this.shell = JShell.builder()
        .executionEngine(new CellExecutionControl.Provider(control), Map.of())
        .build();
    this.analysis = shell.sourceCodeAnalysis();
    for (String line : STARTUP_IMPORTS) {
      for (SnippetEvent e : shell.eval(line)) {
        if (e.causeSnippet() == null && !e.status().isDefined()) {
          throw new IllegalStateException("start-up import failed: " + line + " "
              + shell.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ROOT)).toList());
        }
      }
    }
  }

  /**
   * Evaluates a cell.
   *
   * @param cell the cell's label in messages, e.g. {@code In [3]}
   * @param code the cell's text
   * @return the value of the last snippet, if it is an expression
   * @throws CellException if a snippet does not compile, throws, or the cell was interrupted
   */
  public Evaluation eval(String cell, String code) throws CellException {
    control.beginCell();
    List<Snippet> declared = new ArrayList<>();
    Evaluation last = Evaluation.NONE;
    int offset = 0;
    try {
      while (true) {
        if (control.interruptRequested()) {
          throw interrupted(cell);
        }
        String rest = code.substring(offset);
        CompletionInfo info = analysis.analyzeCompletion(rest);
        Completeness completeness = info.completeness();
        if (completeness == Completeness.EMPTY) {
          break;
        }
        if (!completeness.isComplete()) {
          int line = lineOf(code, firstNonBlank(code, offset)) + 1;
          String text = rest.strip();
          throw new CellException("IncompleteInput",
              cell + " line " + line + ": the cell ends inside an unfinished statement",
              List.of(cell + " line " + line + ": the cell ends inside an unfinished statement:",
                  indent(text)), null);
        }
        // JShell numbers a snippet's lines from its first non-blank character
        String source = info.source().stripLeading();
        int start = firstNonBlank(code,
            offset + locate(rest, info.source(), completeness == Completeness.COMPLETE_WITH_SEMI));
        last = evalSnippet(cell, lineOf(code, start), source, declared);
        offset += rest.length() - info.remaining().length();
        if (info.remaining().isBlank()) {
          break;
        }
      }
    } finally {
      control.clearValues();
    }
    warnUnresolved(declared);
    return last;
  }

  private Evaluation evalSnippet(String cell, int firstLine, String source, List<Snippet> declared)
      throws CellException {
    List<SnippetEvent> events = shell.eval(source);
    Evaluation result = Evaluation.NONE;
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue; // a dependent snippet updated, or an old one overwritten
      }
      Snippet snippet = event.snippet();
      origins.put(snippet.id(), new Origin(cell, firstLine, snippet.source().split("\r?\n", -1)));
      if (snippet instanceof DeclarationSnippet) {
        declared.add(snippet);
      }
      JShellException failure = event.exception();
      if (failure != null) {
        throw runtimeFailure(cell, failure);
      }
      if (event.status() == Snippet.Status.REJECTED) {
        throw compileError(cell, firstLine, snippet);
      }
      String key = event.value();
      Object value = key != null && control.hasValue(key) ? control.takeValue(key) : key;
      switch (snippet.subKind()) {
        case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, ASSIGNMENT_SUBKIND ->
            result = new Evaluation(true, value);
        case OTHER_EXPRESSION_SUBKIND ->
            result = value == null ? Evaluation.NONE : new Evaluation(true, value);
        default -> result = Evaluation.NONE;
      }
    }
    if (control.interruptRequested()) {
      throw interrupted(cell);
    }
    return result;
  }

  /** Declarations of this cell that still cannot be used: a note on stderr, as jshell prints one. */
  private void warnUnresolved(List<Snippet> declared) {
    for (Snippet s : declared) {
      Snippet.Status status = shell.status(s);
      if (status == Snippet.Status.RECOVERABLE_DEFINED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        List<String> missing = shell.unresolvedDependencies((DeclarationSnippet) s).toList();
        Origin o = origins.get(s.id());
        System.err.printf(Locale.ROOT, "note: %s line %d: %s %s %s until %s %s declared%n",
            o.cell(), o.firstLine() + 1, kind(s), ((DeclarationSnippet) s).name(),
            status == Snippet.Status.RECOVERABLE_DEFINED ? "is defined, but cannot be used"
                : "cannot be referenced",
            String.join(", ", missing), missing.size() == 1 ? "is" : "are");
      }
    }
  }

  private CellException compileError(String cell, int firstLine, Snippet snippet) {
    List<String> lines = new ArrayList<>();
    String first = null;
    String source = snippet.source();
    for (Diag d : shell.diagnostics(snippet).toList()) {
      if (!d.isError()) {
        continue;
      }
      long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
      int at = (int) Math.max(0, Math.min(pos, source.length()));
      int lineInSnippet = lineOf(source, at);
      String message = Arrays.stream(d.getMessage(Locale.ROOT).split("\r?\n"))
          .filter(l -> !l.strip().startsWith("location:"))
          .collect(Collectors.joining("\n"));
      String[] messageLines = message.split("\n");
      String where = cell + " line " + (firstLine + lineInSnippet + 1);
      if (first == null) {
        first = where + ": " + messageLines[0];
      }
      lines.add(where + ": " + messageLines[0]);
      for (int i = 1; i < messageLines.length; i++) {
        lines.add("  " + messageLines[i].strip());
      }
      lines.addAll(underline(source, d));
    }
    if (first == null) {
      first = cell + " line " + (firstLine + 1) + ": the snippet was rejected";
      lines.add(first);
      lines.add(indent(source.strip()));
    }
    return new CellException("CompilationError", first, lines, null);
  }

  private CellException runtimeFailure(String cell, JShellException failure) {
    if (failure instanceof EvalException ee
        && CellExecutionControl.INTERRUPTED.equals(ee.getExceptionClassName())) {
      List<String> lines = new ArrayList<>();
      lines.add("Interrupted: " + cell + " was interrupted");
      lines.addAll(frames(ee.getStackTrace()));
      return new CellException(CellExecutionControl.INTERRUPTED, cell + " was interrupted", lines, ee);
    }
    if (failure instanceof UnresolvedReferenceException ure) {
      DeclarationSnippet s = ure.getSnippet();
      String missing = String.join(", ", shell.unresolvedDependencies(s).toList());
      String message = kind(s) + " " + s.name() + " cannot be used until " + missing
          + " is declared";
      List<String> lines = new ArrayList<>();
      lines.add("UnresolvedReference: " + message);
      lines.addAll(frames(ure.getStackTrace()));
      return new CellException("UnresolvedReference", message, lines, ure);
    }
    // JShell hands back the exception as text (class name, message) with its stack translated to
    // snippet ids and lines, and its causes likewise.
    List<String> lines = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    String prefix = "";
    for (Throwable c = failure; c != null && seen.add(c); c = c.getCause()) {
      lines.add(prefix + header(c));
      lines.addAll(frames(c.getStackTrace()));
      prefix = "Caused by: ";
    }
    String ename = failure instanceof EvalException ee ? ee.getExceptionClassName()
        : failure.getClass().getName();
    return new CellException(ename, Objects.toString(failure.getMessage(), ""), lines,
        control.lastFailure());
  }

  private CellException interrupted(String cell) {
    return new CellException(CellExecutionControl.INTERRUPTED, cell + " was interrupted",
        List.of("Interrupted: " + cell + " was interrupted"), null);
  }

  private static String header(Throwable t) {
    String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
    String message = t.getMessage();
    return message == null ? name : name + ": " + message;
  }

  /**
   * Frames as Java prints them, except those of notebook code (JShell has translated them to
   * snippet {@code #id} and line), which read {@code at f, In [3] line 2: <that line>}.
   */
  List<String> frames(StackTraceElement[] trace) {
    List<String> lines = new ArrayList<>();
    for (StackTraceElement f : trace) {
      Origin o = origin(f);
      if (o != null) {
        int line = f.getLineNumber();
        String where = o.cell() + " line " + (line > 0 ? o.firstLine() + line : o.firstLine() + 1);
        String member = memberName(f);
        lines.add("    at " + (member.isEmpty() ? "" : member + ", ") + where + ": " + o.line(line));
      } else if (f.getClassName().startsWith(WRAPPER)) {
        lines.add("    at " + expunge(f.getClassName()) + "." + f.getMethodName() + " (notebook code)");
      } else {
        lines.add("    at " + f);
      }
    }
    return lines;
  }

  private Origin origin(StackTraceElement f) {
    String file = f.getFileName();
    return file != null && file.startsWith("#") ? origins.get(file.substring(1)) : null;
  }

  /** {@code f} for a method declared in a cell, {@code Counter.inc} for one of a class declared there. */
  private static String memberName(StackTraceElement f) {
    String method = "<init>".equals(f.getMethodName()) ? "new" : f.getMethodName();
    String cls = f.getClassName();
    if (method.isEmpty() || DO_IT.equals(method)) {
      return "";
    }
    return cls.isEmpty() ? method : expunge(cls) + "." + method;
  }

  /** A class name without JShell's wrapper prefixes: {@code REPL.$JShell$12$Counter} is {@code Counter}. */
  private static String expunge(String className) {
    return className.replaceAll("(REPL\\.)?\\$JShell\\$\\d+[A-Z]*\\$?", "").replace('$', '.');
  }

  /** Whether {@code code} is a complete input: {@code complete}, {@code invalid}, or an indent. */
  public String isComplete(String code) {
    CompletionInfo info = analysis.analyzeCompletion(code);
    while (info.completeness().isComplete() && info.completeness() != Completeness.UNKNOWN
        && !info.remaining().isBlank()) {
      info = analysis.analyzeCompletion(info.remaining());
    }
    return switch (info.completeness()) {
      case UNKNOWN -> "invalid";
      case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> "complete";
      case CONSIDERED_INCOMPLETE, DEFINITELY_INCOMPLETE -> indentFor(info.remaining());
    };
  }

  /**
   * Completions at {@code cursor}: members, types, variables, keywords. JShell reads the whole
   * cell, so a variable declared earlier in it (not yet run) completes too.
   */
  public Completion complete(String code, int cursor) {
    int at = Math.max(0, Math.min(cursor, code.length()));
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, at, anchor);
    List<String> matches = suggestions.stream()
        .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
        .map(SourceCodeAnalysis.Suggestion::continuation)
        .distinct()
        .toList();
    return new Completion(matches, anchor[0], at);
  }

  /** Signatures (and Javadoc, where the JDK ships its sources) of what is at {@code cursor}. */
  public List<String> documentation(String code, int cursor) {
    int at = Math.max(0, Math.min(cursor, code.length()));
    while (at < code.length() && Character.isJavaIdentifierPart(code.charAt(at))) {
      at++;
    }
    int paren = at;
    while (paren < code.length() && Character.isWhitespace(code.charAt(paren))) {
      paren++;
    }
    if (paren < code.length() && code.charAt(paren) == '(') {
      at = paren + 1;
    }
    return analysis.documentation(code, at, true).stream()
        .map(d -> d.javadoc() == null || d.javadoc().isBlank() ? d.signature()
            : d.signature() + "\n" + d.javadoc())
        .toList();
  }

  /** Interrupts the running cell (from another thread). */
  public void interrupt() {
    control.interrupt();
  }

  /** The class loader of cell code (the kernel's class path is its parent). */
  public ClassLoader classLoader() {
    return control.classLoader();
  }

  @Override
  public void close() {
    shell.close();
  }

  /** Text for a value: arrays element by element, everything else {@link String#valueOf}. */
  public static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (!value.getClass().isArray()) {
      return String.valueOf(value);
    }
    if (value instanceof Object[] objects) {
      return value.getClass().getComponentType().getSimpleName() + "[" + objects.length + "] "
          + Arrays.deepToString(objects);
    }
    int n = Array.getLength(value);
    StringBuilder sb = new StringBuilder(value.getClass().getComponentType().getName())
        .append('[').append(n).append("] [");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(Array.get(value, i));
    }
    return sb.append(']').toString();
  }

  // ---- text positions ----

  /** Where JShell's {@code source} (maybe with a ';' added) starts within {@code rest}. */
  private static int locate(String rest, String source, boolean semicolonAdded) {
    String s = semicolonAdded && source.endsWith(";") ? source.substring(0, source.length() - 1) : source;
    int at = rest.indexOf(s);
    if (at >= 0) {
      return at;
    }
    String firstLine = s.strip().lines().findFirst().orElse("");
    int lineAt = firstLine.isEmpty() ? -1 : rest.indexOf(firstLine);
    int within = s.indexOf(firstLine);
    if (lineAt >= 0 && within >= 0 && lineAt >= within) {
      return lineAt - within;
    }
    return 0;
  }

  private static int firstNonBlank(String code, int from) {
    int i = from;
    while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
      i++;
    }
    return Math.min(i, code.length());
  }

  /** 0-based line of character {@code pos}. */
  private static int lineOf(String text, int pos) {
    int line = 0;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The source line of a diagnostic with carets under its span. */
  private static List<String> underline(String source, Diag d) {
    long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
    if (pos < 0) {
      return List.of(indent(source.strip()));
    }
    int p = (int) Math.min(pos, source.length());
    int lineStart = source.lastIndexOf('\n', p - 1) + 1;
    int lineEnd = source.indexOf('\n', p);
    if (lineEnd < 0) {
      lineEnd = source.length();
    }
    int from = (int) Math.max(lineStart, Math.min(d.getStartPosition() < 0 ? p : d.getStartPosition(), p));
    int to = (int) Math.min(lineEnd, Math.max(d.getEndPosition(), p + 1));
    String line = source.substring(lineStart, lineEnd);
    String marks = " ".repeat(from - lineStart) + "^".repeat(Math.max(1, to - from));
    return List.of("    " + line, "    " + marks);
  }

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
  }

  private static String kind(Snippet s) {
    return switch (s.kind()) {
      case METHOD -> "method";
      case TYPE_DECL -> "class";
      case VAR -> "variable";
      default -> s.kind().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String indentFor(String partial) {
    String last = partial.lines().reduce((a, b) -> b).orElse("");
    String current = last.substring(0, last.length() - last.stripLeading().length());
    long open = last.chars().filter(c -> c == '{' || c == '(').count();
    long close = last.chars().filter(c -> c == '}' || c == ')').count();
    return open > close ? current + "    " : current;
  }
}
