package org.benchwright.engine.api.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Strings matching a regular expression of the small subset the document's {@code pattern}s use:
 * literals and escapes ({@code \d \w \s \.}), classes with ranges ({@code [a-z0-9._-]}, negated
 * ones drawn from printable ASCII), groups with alternatives, and the quantifiers {@code ? * + {n}
 * {n,} {n,m}}. Anchors are implied (a pattern is matched anywhere, so a match of the whole pattern
 * is a match). Lookaheads ({@code (?!...)}, {@code (?=...)}) emit nothing: the caller keeps only
 * strings the whole pattern matches, so they act as a filter.
 */
final class Patterns {

  /** Unbounded repetitions stop here: long enough to vary, short enough to stay in limits. */
  private static final int OPEN_REPEAT = 6;

  private final String re;
  private int at;

  private Patterns(String re) {
    this.re = re;
  }

  /** A string matching {@code regex}; throws IllegalArgumentException outside the subset. */
  static String generate(String regex, Random random) {
    Patterns p = new Patterns(regex);
    Node n = p.alternatives();
    if (p.at != regex.length()) {
      throw new IllegalArgumentException("Unsupported pattern " + regex + " at " + p.at);
    }
    StringBuilder out = new StringBuilder();
    n.emit(random, out);
    return out.toString();
  }

  private interface Node {
    void emit(Random r, StringBuilder out);
  }

  private record Chars(String set) implements Node {
    public void emit(Random r, StringBuilder out) {
      out.append(set.charAt(r.nextInt(set.length())));
    }
  }

  private record Seq(List<Node> items) implements Node {
    public void emit(Random r, StringBuilder out) {
      items.forEach(n -> n.emit(r, out));
    }
  }

  private record Alt(List<Node> options) implements Node {
    public void emit(Random r, StringBuilder out) {
      options.get(r.nextInt(options.size())).emit(r, out);
    }
  }

  private record Repeat(Node item, int min, int max) implements Node {
    public void emit(Random r, StringBuilder out) {
      int n = min + r.nextInt(max - min + 1);
      for (int i = 0; i < n; i++) {
        item.emit(r, out);
      }
    }
  }

  private static final Node EMPTY = new Seq(List.of());

  private Node alternatives() {
    List<Node> options = new ArrayList<>();
    options.add(sequence());
    while (at < re.length() && re.charAt(at) == '|') {
      at++;
      options.add(sequence());
    }
    return options.size() == 1 ? options.getFirst() : new Alt(options);
  }

  private Node sequence() {
    List<Node> items = new ArrayList<>();
    while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
      char c = re.charAt(at);
      if (c == '^' || c == '$') {
        at++;
        continue;
      }
      items.add(quantified(atom()));
    }
    return new Seq(items);
  }

  private Node atom() {
    char c = re.charAt(at++);
    return switch (c) {
      case '(' -> {
        boolean lookahead = re.startsWith("?!", at) || re.startsWith("?=", at);
        if (lookahead || re.startsWith("?:", at)) {
          at += 2;
        }
        Node inner = alternatives();
        expect(')');
        yield lookahead ? EMPTY : inner;
      }
      case '[' -> new Chars(charClass());
      case '.' -> new Chars(printable());
      case '\\' -> new Chars(escape());
      default -> new Chars(String.valueOf(c));
    };
  }

  private Node quantified(Node item) {
    if (at >= re.length()) {
      return item;
    }
    char c = re.charAt(at);
    int min;
    int max;
    switch (c) {
      case '?' -> {
        min = 0;
        max = 1;
      }
      case '*' -> {
        min = 0;
        max = OPEN_REPEAT;
      }
      case '+' -> {
        min = 1;
        max = OPEN_REPEAT;
      }
      case '{' -> {
        int close = re.indexOf('}', at);
        String[] bounds = re.substring(at + 1, close).split(",", -1);
        min = Integer.parseInt(bounds[0].trim());
        max =
            bounds.length == 1
                ? min
                : bounds[1].isBlank() ? min + OPEN_REPEAT : Integer.parseInt(bounds[1].trim());
        at = close;
      }
      default -> {
        return item;
      }
    }
    at++;
    return item == EMPTY ? item : new Repeat(item, min, max);
  }

  private String charClass() {
    boolean negated = at < re.length() && re.charAt(at) == '^';
    if (negated) {
      at++;
    }
    StringBuilder set = new StringBuilder();
    boolean first = true;
    while (at < re.length() && (re.charAt(at) != ']' || first)) {
      first = false;
      char c = re.charAt(at++);
      String one = c == '\\' ? escape() : String.valueOf(c);
      if (one.length() == 1
          && at + 1 < re.length()
          && re.charAt(at) == '-'
          && re.charAt(at + 1) != ']') {
        at++;
        char to = re.charAt(at++);
        if (to == '\\') {
          to = escape().charAt(0);
        }
        for (char x = one.charAt(0); x <= to; x++) {
          set.append(x);
        }
      } else {
        set.append(one);
      }
    }
    expect(']');
    if (!negated) {
      return set.toString();
    }
    StringBuilder rest = new StringBuilder();
    for (char x : printable().toCharArray()) {
      if (set.indexOf(String.valueOf(x)) < 0) {
        rest.append(x);
      }
    }
    return rest.toString();
  }

  private String escape() {
    char c = re.charAt(at++);
    return switch (c) {
      case 'd' -> "0123456789";
      case 'w' -> "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
      case 's' -> " ";
      case 'n' -> "\n";
      case 't' -> "\t";
      case 'x' -> {
        String hex = re.substring(at, Math.min(at + 2, re.length()));
        at += 2;
        yield String.valueOf((char) Integer.parseInt(hex, 16));
      }
      default -> {
        if (Character.isLetterOrDigit(c)) {
          throw new IllegalArgumentException("Unsupported escape \\" + c + " in " + re);
        }
        yield String.valueOf(c);
      }
    };
  }

  private void expect(char c) {
    if (at >= re.length() || re.charAt(at) != c) {
      throw new IllegalArgumentException("Expected " + c + " at " + at + " in " + re);
    }
    at++;
  }

  private static String printable() {
    StringBuilder s = new StringBuilder();
    for (char c = 0x21; c < 0x7f; c++) {
      s.append(c);
    }
    return s.toString();
  }
}
