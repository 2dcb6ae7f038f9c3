package org.benchwright.engine.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine's wrapper prints after a command, in the same exec: a listing of /workspace and
 * the content of small changed files, so a command that changed nothing, or one small file, costs
 * no further round trip to the engine.
 *
 * <p>The wrapper keeps a stamp file in /tmp. With a stamp, the listing is incremental: only entries
 * whose ctime is newer than the stamp (ctime cannot be set by the sandboxed code), and for every
 * changed folder the names it holds, which is how deletions and renames show. Without one (a fresh
 * container) it lists everything. The stamp's mtime and inode are printed before and after, so an
 * engine that did not see the previous trailer, or a stamp the command touched, is noticed and the
 * caller lists the workspace by itself.
 *
 * @param full the listing is of everything (no stamp yet)
 * @param oldStamp the stamp the incremental listing was made against, or null
 * @param newStamp the stamp the next listing will be made against
 * @param listing the entries listed (with the room applied)
 * @param folders for each changed folder ("" is the workspace itself), the names it holds
 * @param errors find could not list everything
 * @param inlineTar a tar of changed regular files up to 64 KiB (at most 64), possibly empty
 */
record SyncTrailer(
    boolean full,
    String oldStamp,
    String newStamp,
    WorkspaceListing listing,
    Map<String, Set<String>> folders,
    boolean errors,
    byte[] inlineTar) {

  /**
   * The wrapper: $1 is the command, $2 the boundary, $3 the stamp the last trailer left (absent in
   * a fresh container), $4 the stamp to leave for the next one. Run as {@code sh -c WRAPPER sh CMD
   * BOUNDARY OLD NEW}; exits with the command's exit code. One traversal of the workspace by one
   * find (which also prints both stamps, deletes the old one and writes the names of small changed
   * files for the inline tar), then head and tar: every tool is in Debian's essential set.
   */
  static final String WRAPPER =
      String.join(
          "\n",
          "sh -c \"$1\"",
          "rc=$?",
          "S=$3; N=$4; L=/tmp/.benchwright-inline",
          "F='%y %s %b %T@ %C@ %i\\0%P\\0%l\\0'",
          "printf '\\n%s\\n' \"$2\"",
          ": > \"$N\"",
          "if [ -f \"$S\" ]; then",
          "  find \"$N\" \"$S\" /workspace \\( -path \"$N\" -printf 'N %T@ %i\\0' \\)"
              + " -o \\( -path \"$S\" -printf 'S %T@ %i\\0' -delete \\)"
              + " -o \\( -cnewer \"$S\" -printf \"$F\" \\( -type f -size -65k -fprintf \"$L\" '%P\\0'"
              + " -o -type d -exec find {} -mindepth 1 -maxdepth 1 -printf 'C\\0%P\\0' ';' \\) \\)"
              + " 2>/dev/null || printf 'E\\0'",
          "else",
          "  printf 'F\\0'",
          "  find \"$N\" /workspace \\( -path \"$N\" -printf 'N %T@ %i\\0' \\)"
              + " -o \\( -printf \"$F\" -type f -size -65k -fprintf \"$L\" '%P\\0' \\)"
              + " 2>/dev/null || printf 'E\\0'",
          "fi",
          "printf '%s' \"$2\"",
          "head -z -n 64 \"$L\" 2>/dev/null"
              + " | tar -C /workspace -c -f - --null --no-recursion -T - 2>/dev/null",
          "exit $rc");

  /**
   * Reads a trailer; null when it is not one the wrapper wrote (cut short, or the boundary
   * missing).
   */
  static SyncTrailer parse(byte[] t, byte[] boundary, Set<String> tracked, int room) {
    WorkspaceListing.Parser entries = new WorkspaceListing.Parser(tracked, room);
    Map<String, Set<String>> folders = new HashMap<>();
    boolean full = false;
    boolean errors = false;
    String oldStamp = null;
    String newStamp = null;
    String lastFolder = null;
    int pos = 0;
    while (true) {
      // The listing ends with the boundary (not NUL-terminated); the inline tar follows it.
      if (t.length >= pos + boundary.length
          && Arrays.equals(t, pos, pos + boundary.length, boundary, 0, boundary.length)) {
        if (newStamp == null) {
          return null;
        }
        byte[] tar = Arrays.copyOfRange(t, pos + boundary.length, t.length);
        return new SyncTrailer(
            full,
            oldStamp,
            newStamp,
            entries.finish(errors ? "find could not list everything" : ""),
            folders,
            errors,
            tar);
      }
      int end = next(t, pos);
      if (end < 0) {
        return null;
      }
      byte[] token = Arrays.copyOfRange(t, pos, end);
      pos = end + 1;
      String head = new String(token, 0, Math.min(token.length, 2), StandardCharsets.US_ASCII);
      if (token.length == 1 && token[0] == 'F') {
        full = true;
      } else if (token.length == 1 && token[0] == 'E') {
        errors = true;
      } else if (token.length == 1 && token[0] == 'C') {
        int e = next(t, pos);
        if (e < 0 || lastFolder == null) {
          return null;
        }
        String child = WorkspaceListing.Parser.utf8(Arrays.copyOfRange(t, pos, e));
        pos = e + 1;
        folders
            .computeIfAbsent(lastFolder, k -> new HashSet<>())
            .add(child == null ? "\uFFFD" : child);
      } else if (head.equals("S ")) {
        oldStamp = new String(token, 2, token.length - 2, StandardCharsets.US_ASCII);
      } else if (head.equals("N ")) {
        newStamp = new String(token, 2, token.length - 2, StandardCharsets.US_ASCII);
      } else {
        int e1 = next(t, pos);
        int e2 = e1 < 0 ? -1 : next(t, e1 + 1);
        if (e2 < 0) {
          return null;
        }
        byte[] path = Arrays.copyOfRange(t, pos, e1);
        byte[] link = Arrays.copyOfRange(t, e1 + 1, e2);
        pos = e2 + 1;
        entries.entry(token, path, link);
        if (token.length > 0 && token[0] == 'd') {
          String folder = WorkspaceListing.Parser.utf8(path);
          lastFolder = folder;
          if (folder != null) {
            folders.computeIfAbsent(folder, k -> new HashSet<>());
          }
        }
      }
    }
  }

  private static int next(byte[] t, int from) {
    for (int i = from; i < t.length; i++) {
      if (t[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether a recorded path is still there, as far as this incremental listing tells: its folder
   * changed and no longer holds it, or the folder itself went. Null when the listing cannot tell (a
   * folder holding it vanished or was renamed: its contents may be elsewhere now), which asks for a
   * full listing.
   */
  Boolean stillThere(String path) {
    String[] parts = path.split("/");
    String folder = "";
    for (int i = 0; i < parts.length; i++) {
      Set<String> names = folders.get(folder);
      if (names != null && !names.contains(parts[i])) {
        return i == parts.length - 1 ? Boolean.FALSE : null;
      }
      folder = folder.isEmpty() ? parts[i] : folder + "/" + parts[i];
    }
    return Boolean.TRUE;
  }

  /** The recorded paths this listing says are gone; null when a full listing is needed to tell. */
  List<String> deleted(Set<String> tracked) {
    List<String> gone = new java.util.ArrayList<>();
    for (String p : tracked) {
      Boolean there = stillThere(p);
      if (there == null) {
        return null;
      }
      if (!there) {
        gone.add(p);
      }
    }
    gone.sort(null);
    return gone;
  }
}
