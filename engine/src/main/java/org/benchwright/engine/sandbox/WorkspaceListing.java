package org.benchwright.engine.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /workspace as listed inside the container by one {@code find}, parsed as it streams in. Only so
 * many entries are kept: those the caller already tracks, and up to {@code room} others; the rest
 * are only counted (by top-level folder), so a workspace of a million files costs counters, not a
 * million objects.
 *
 * @param kept the entries kept, in find's order
 * @param overflow entries beyond the room, counted
 * @param overflowBytes their total apparent size
 * @param overflowByFolder their count by top-level folder ("" for the workspace root), at most 20
 *     folders, the rest under "…"
 * @param overflowExamples up to 10 of their paths
 * @param unreadableNames entries whose name is not valid UTF-8 or holds a backslash (never copied),
 *     up to 10
 * @param errors what find could not list (a folder without read permission), or empty
 */
public record WorkspaceListing(
    List<WorkspaceEntry> kept,
    long overflow,
    long overflowBytes,
    Map<String, Long> overflowByFolder,
    List<String> overflowExamples,
    List<String> unreadableNames,
    String errors) {

  /**
   * The command that lists the workspace: every entry but folders, three NUL-terminated fields each
   * (stamp line, path, link target), so any file name is read back exactly.
   */
  static final List<String> COMMAND =
      List.of(
          "find",
          "/workspace",
          "-mindepth",
          "1",
          "!",
          "-type",
          "d",
          "-printf",
          "%y %s %b %T@ %C@ %i\\0%P\\0%l\\0");

  private static final int FOLDERS = 20;
  private static final int EXAMPLES = 10;

  /** Parses find's output as it streams in. */
  static WorkspaceListing read(InputStream in, Set<String> tracked, int room, String errors)
      throws IOException {
    Parser p = new Parser(tracked, room);
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) > 0; ) {
      p.feed(buf, n);
    }
    return p.finish(errors);
  }

  /** Builds a listing from find's records, applying the room; shared with {@link SyncTrailer}. */
  static final class Parser {
    private final Set<String> tracked;
    private final int room;
    private final ByteArrayOutputStream token = new ByteArrayOutputStream();
    private final String[] fields = new String[3];
    private final byte[][] raw = new byte[3][];
    private int field;
    private final List<WorkspaceEntry> kept = new ArrayList<>();
    private int untrackedKept;
    private long overflow;
    private long overflowBytes;
    private final Map<String, Long> byFolder = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();

    Parser(Set<String> tracked, int room) {
      this.tracked = tracked;
      this.room = room;
    }

    void feed(byte[] buf, int n) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] == 0) {
          token.write(buf, start, i - start);
          raw[field] = token.toByteArray();
          token.reset();
          start = i + 1;
          if (++field == 3) {
            field = 0;
            entry();
          }
        }
      }
      token.write(buf, start, n - start);
    }

    private void entry() {
      entry(raw[0], raw[1], raw[2]);
    }

    /** One find record: stamp line, path, link target. Folders are not entries. */
    void entry(byte[] line, byte[] rawPath, byte[] link) {
      if (line.length > 0 && line[0] == 'd') {
        return;
      }
      raw[0] = line;
      raw[1] = rawPath;
      raw[2] = link;
      String path = utf8(raw[1]);
      // A backslash would read as a folder separator in the project's paths: not representable.
      if (path == null || path.indexOf('\\') >= 0) {
        if (unreadable.size() < EXAMPLES) {
          unreadable.add(new String(raw[1], StandardCharsets.UTF_8));
        }
        return;
      }
      String[] s = new String(raw[0], StandardCharsets.US_ASCII).split(" ");
      if (s.length != 6 || s[0].length() != 1) {
        return; // not find's line: ignored rather than trusted
      }
      long size = parseLong(s[1]);
      long allocated = parseLong(s[2]) * 512;
      String target = raw[2].length == 0 ? "" : new String(raw[2], StandardCharsets.UTF_8);
      WorkspaceEntry e =
          new WorkspaceEntry(
              path,
              s[0].charAt(0),
              size,
              allocated,
              s[1] + " " + s[3] + " " + s[4] + " " + s[5],
              target);
      if (tracked.contains(path)) {
        kept.add(e);
      } else if (untrackedKept < room) {
        kept.add(e);
        untrackedKept++;
      } else {
        overflow++;
        overflowBytes += Math.max(0, size);
        int slash = path.indexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash);
        if (byFolder.containsKey(folder) || byFolder.size() < FOLDERS) {
          byFolder.merge(folder, 1L, Long::sum);
        } else {
          byFolder.merge("…", 1L, Long::sum);
        }
        if (examples.size() < EXAMPLES) {
          examples.add(path);
        }
      }
    }

    WorkspaceListing finish(String errors) {
      return new WorkspaceListing(
          List.copyOf(kept),
          overflow,
          overflowBytes,
          java.util.Collections.unmodifiableMap(byFolder),
          List.copyOf(examples),
          List.copyOf(unreadable),
          errors == null ? "" : errors);
    }

    static String utf8(byte[] b) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b))
            .toString();
      } catch (CharacterCodingException e) {
        return null;
      }
    }

    private static long parseLong(String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
