package org.benchwright.desktop.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What an error dialog says: a short message a person can act on, then on demand the cause chain
 * and the stack trace. Wrappers that say nothing (ExecutionException and the like) are looked
 * through.
 */
public final class ErrorDetails {

  private ErrorDetails() {}

  /** The error the user should hear about: wrappers without their own message unwrapped. */
  public static Throwable meaningful(Throwable error) {
    Throwable t = error;
    while ((t instanceof ExecutionException
            || t instanceof CompletionException
            || t instanceof InvocationTargetException)
        && t.getCause() != null
        && !t.getCause().equals(t)) {
      t = t.getCause();
    }
    return t;
  }

  /** One or two sentences: the meaningful error's message, or its kind when it has none. */
  public static String message(Throwable error) {
    Throwable t = meaningful(error);
    String m = t.getMessage();
    if (m == null || m.isBlank() || m.equals(String.valueOf(t.getCause()))) {
      return "Unexpected " + t.getClass().getSimpleName() + " (see the details).";
    }
    return m;
  }

  /** Each cause on a line, outermost first: "Kind: message". */
  public static List<String> causeChain(Throwable error) {
    List<String> lines = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      lines.add(t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }
    return lines;
  }

  /** The cause chain, then the full stack trace, for the expandable part and bug reports. */
  public static String detail(Throwable error) {
    StringBuilder b = new StringBuilder("Caused by, outermost first:\n");
    List<String> chain = causeChain(error);
    for (int i = 0; i < chain.size(); i++) {
      b.append("  ".repeat(i + 1)).append(chain.get(i)).append('\n');
    }
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return b.append("\nStack trace:\n").append(trace).toString();
  }
}
