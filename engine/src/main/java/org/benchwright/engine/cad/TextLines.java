package org.benchwright.engine.cad;

import java.nio.charset.StandardCharsets;

/**
 * Walks a text mesh file line by line and splits each line at whitespace without building a String
 * per line: only the tokens a reader asks for become Strings or numbers.
 */
final class TextLines {

  private final String fileName;
  private final byte[] bytes;
  private final int end;
  private int next;
  private int lineNumber;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int count;

  TextLines(String fileName, byte[] bytes) {
    this.fileName = fileName;
    this.bytes = bytes;
    this.end = bytes.length;
  }

  /** Moves to the next line; false at the end of the file. */
  boolean next() {
    if (next >= end) {
      return false;
    }
    lineNumber++;
    count = 0;
    int i = next;
    while (i < end && bytes[i] != '\n') {
      while (i < end && bytes[i] != '\n' && isSpace(bytes[i])) {
        i++;
      }
      if (i >= end || bytes[i] == '\n') {
        break;
      }
      int start = i;
      while (i < end && bytes[i] != '\n' && !isSpace(bytes[i])) {
        i++;
      }
      if (count == starts.length) {
        starts = java.util.Arrays.copyOf(starts, count * 2);
        ends = java.util.Arrays.copyOf(ends, count * 2);
      }
      starts[count] = start;
      ends[count] = i;
      count++;
    }
    next = i + 1;
    return true;
  }

  int lineNumber() {
    return lineNumber;
  }

  int tokens() {
    return count;
  }

  /** Tokens before the first one that starts with {@code #} (an end-of-line comment). */
  int tokensBeforeComment() {
    for (int i = 0; i < count; i++) {
      if (bytes[starts[i]] == '#') {
        return i;
      }
    }
    return count;
  }

  String token(int index) {
    return new String(bytes, starts[index], ends[index] - starts[index], StandardCharsets.UTF_8);
  }

  /** Whether token {@code index} equals the ASCII keyword, ignoring case. */
  boolean is(int index, String keyword) {
    int length = ends[index] - starts[index];
    if (length != keyword.length()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (Character.toLowerCase((char) bytes[starts[index] + k]) != keyword.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Token {@code index} as a finite float, or a format error naming the line. */
  float number(int index) {
    float fast = plainDecimal(starts[index], ends[index]);
    if (!Float.isNaN(fast)) {
      return fast;
    }
    String text = token(index);
    float value;
    try {
      value = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw error("'" + text + "' is not a number");
    }
    if (!Float.isFinite(value)) {
      throw error("coordinate '" + text + "' is not finite");
    }
    return value;
  }

  private static final float[] FLOAT_POWERS = {
    1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
  };
  private static final double[] DOUBLE_POWERS = new double[23];

  static {
    for (int i = 0; i < DOUBLE_POWERS.length; i++) {
      DOUBLE_POWERS[i] = Double.parseDouble("1e" + i);
    }
  }

  /**
   * Parses {@code [+-]digits[.digits][e[+-]digits]} without building a String, giving exactly what
   * {@link Float#parseFloat} gives, or NaN to ask for Float.parseFloat (other forms, long
   * mantissas, large exponents, the rare exact float tie). Exact because: a mantissa up to 2^24 and
   * a power of ten up to 10^10 are exact floats, and one IEEE division or product rounds correctly;
   * up to 2^53 and 10^22 the same holds in double, and rounding that double to float is only wrong
   * when it falls exactly halfway between two floats, which is sent to the slow path.
   */
  float plainDecimal(int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
      negative = bytes[i] == '-';
      i++;
    }
    long mantissa = 0;
    int scale = 0;
    boolean digits = false;
    for (; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
      if (mantissa >= 1L << 53) {
        return Float.NaN;
      }
      mantissa = mantissa * 10 + (bytes[i] - '0');
      digits = true;
    }
    if (i < to && bytes[i] == '.') {
      for (i++; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
        if (mantissa >= 1L << 53) {
          return Float.NaN;
        }
        mantissa = mantissa * 10 + (bytes[i] - '0');
        scale--;
        digits = true;
      }
    }
    if (!digits) {
      return Float.NaN;
    }
    if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
        negativeExponent = bytes[i] == '-';
        i++;
      }
      int exponent = 0;
      boolean exponentDigits = false;
      for (; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
        if (exponent > 1000) {
          return Float.NaN;
        }
        exponent = exponent * 10 + (bytes[i] - '0');
        exponentDigits = true;
      }
      if (!exponentDigits) {
        return Float.NaN;
      }
      scale += negativeExponent ? -exponent : exponent;
    }
    if (i != to || mantissa >= 1L << 53) {
      return Float.NaN;
    }
    if (mantissa == 0) {
      return negative ? -0.0f : 0.0f;
    }
    float value;
    if (mantissa <= 1 << 24 && scale >= -10 && scale <= 10) {
      value =
          scale < 0
              ? (float) mantissa / FLOAT_POWERS[-scale]
              : (float) mantissa * FLOAT_POWERS[scale];
    } else if (scale >= -22 && scale <= 22) {
      double d = scale < 0 ? mantissa / DOUBLE_POWERS[-scale] : mantissa * DOUBLE_POWERS[scale];
      // Below float's normal range the dropped bits differ; exactly halfway is a tie to check.
      if (d < 1e-37 || d > 1e38 || (Double.doubleToRawLongBits(d) & 0x1FFFFFFFL) == 0x10000000L) {
        return Float.NaN;
      }
      value = (float) d;
    } else {
      return Float.NaN;
    }
    return negative ? -value : value;
  }

  MeshFormatException error(String problem) {
    return new MeshFormatException(fileName, "line " + lineNumber + ": " + problem);
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
  }
}
