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

  MeshFormatException error(String problem) {
    return new MeshFormatException(fileName, "line " + lineNumber + ": " + problem);
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
  }
}
