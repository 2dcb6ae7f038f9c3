package org.benchwright.engine.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides, from a listing of /workspace made inside the container, what changed since the last
 * command and what of it may be copied out: no byte is read before the caps have been applied to
 * the listing, so a 20 GB sparse file or 200,000 small files cost a listing, not a copy.
 *
 * <p>Remembers the stamp of every entry it has seen, so an unchanged entry is neither copied nor
 * reported again; and what it was told is recorded, so deletions are found.
 */
final class WorkspaceSync {

  /** A recorded file (or link) that is in the sandbox. */
  record Tracked(String sha, long size) {}

  /** An entry that changed but is not copied out, and why. */
  record Skip(String path, long size, String reason) {}

  /**
   * What to do after one command.
   *
   * @param copy regular files to copy out and record
   * @param links symbolic links to record (target only)
   * @param deleted recorded paths no longer in the workspace
   * @param skipped changed entries not copied, with the reason
   * @param overflow files beyond the file-count cap (counted, not listed one by one), or null
   */
  record Plan(
      List<WorkspaceEntry> copy,
      List<WorkspaceEntry> links,
      List<String> deleted,
      List<Skip> skipped,
      String overflow) {

    boolean nothing() {
      return copy.isEmpty()
          && links.isEmpty()
          && deleted.isEmpty()
          && skipped.isEmpty()
          && overflow == null;
    }
  }

  private final Map<String, String> stamps = new HashMap<>();
  private long lastOverflow;

  /** Forgets every stamp: after a fresh container, everything is looked at again. */
  void reset() {
    stamps.clear();
    lastOverflow = 0;
  }

  /** The workspace is known to hold these entries as listed (e.g. right after copying in). */
  void settle(WorkspaceListing listing) {
    stamps.clear();
    listing.kept().forEach(e -> stamps.put(e.path(), e.stamp()));
  }

  /** An entry that could not be copied after all is looked at again next time. */
  void forget(String path) {
    stamps.remove(path);
  }

  /** Room for new entries in a listing, given what is tracked already. */
  static int room(SyncLimits limits, int tracked) {
    return Math.max(0, limits.maxFiles() - tracked);
  }

  /** A plan from a listing of everything: what is not listed is gone. */
  Plan plan(WorkspaceListing listing, Map<String, Tracked> tracked, SyncLimits limits) {
    return plan(listing, tracked, limits, null);
  }

  /**
   * A plan from an incremental listing (only what changed), with the deletions it found; entries
   * not listed keep their stamps.
   */
  Plan planChanges(
      WorkspaceListing listing,
      Map<String, Tracked> tracked,
      SyncLimits limits,
      List<String> gone) {
    return plan(listing, tracked, limits, gone);
  }

  private Plan plan(
      WorkspaceListing listing,
      Map<String, Tracked> tracked,
      SyncLimits limits,
      List<String> incrementalGone) {
    List<WorkspaceEntry> copy = new ArrayList<>();
    List<WorkspaceEntry> links = new ArrayList<>();
    List<Skip> skipped = new ArrayList<>();
    Set<String> present = new HashSet<>();
    long total = 0;
    for (Tracked t : tracked.values()) {
      total += t.size();
    }
    Map<String, String> next = new HashMap<>();
    for (WorkspaceEntry e : listing.kept()) {
      present.add(e.path());
      next.put(e.path(), e.stamp());
      if (e.stamp().equals(stamps.get(e.path()))) {
        continue; // unchanged since it was last seen
      }
      Tracked before = tracked.get(e.path());
      if (e.symlink()) {
        links.add(e);
        continue;
      }
      if (!e.regular()) {
        skipped.add(new Skip(e.path(), e.size(), "not a regular file or link (" + kind(e) + ")"));
        continue;
      }
      if (e.size() > limits.maxFileBytes()) {
        skipped.add(
            new Skip(
                e.path(),
                e.size(),
                (e.sparse()
                        ? "a sparse file of "
                            + bytes(e.size())
                            + " with "
                            + bytes(e.allocated())
                            + " on disk; "
                        : "")
                    + "larger than the "
                    + bytes(limits.maxFileBytes())
                    + " per-file cap ("
                    + SyncLimits.MAX_FILE_MB
                    + ")"));
        continue;
      }
      long grown = total - (before == null ? 0 : before.size()) + e.size();
      if (grown > limits.maxTotalBytes()) {
        skipped.add(
            new Skip(
                e.path(),
                e.size(),
                "the run's files would exceed the "
                    + bytes(limits.maxTotalBytes())
                    + " total cap ("
                    + SyncLimits.MAX_TOTAL_MB
                    + ")"));
        continue;
      }
      total = grown;
      copy.add(e);
    }
    for (String bad : listing.unreadableNames()) {
      skipped.add(new Skip(bad, -1, "its name is not valid UTF-8 or holds a backslash"));
    }
    List<String> deleted;
    String overflow = null;
    if (incrementalGone == null) {
      deleted = tracked.keySet().stream().filter(p -> !present.contains(p)).sorted().toList();
      stamps.clear();
      stamps.putAll(next);
      // A full listing counts the same overflow every time: say it when it changes.
      if (listing.overflow() > 0 && listing.overflow() != lastOverflow) {
        overflow = overflowNote(listing, limits);
      }
      lastOverflow = listing.overflow();
    } else {
      deleted = incrementalGone;
      deleted.forEach(stamps::remove);
      stamps.putAll(next);
      // An incremental listing counts only entries that changed now: each is news.
      if (listing.overflow() > 0) {
        overflow = overflowNote(listing, limits);
      }
    }
    return new Plan(copy, links, deleted, skipped, overflow);
  }

  private static String overflowNote(WorkspaceListing l, SyncLimits limits) {
    StringBuilder sb =
        new StringBuilder()
            .append(String.format(Locale.ROOT, "%,d", l.overflow()))
            .append(" file(s) (")
            .append(bytes(l.overflowBytes()))
            .append(") beyond the ")
            .append(String.format(Locale.ROOT, "%,d", limits.maxFiles()))
            .append("-file cap (")
            .append(SyncLimits.MAX_FILES)
            .append(") were not copied: ");
    List<String> parts = new ArrayList<>();
    l.overflowByFolder()
        .forEach(
            (folder, n) ->
                parts.add(
                    String.format(Locale.ROOT, "%,d", n)
                        + (folder.isEmpty() ? " at the top level" : " under " + folder + "/")));
    sb.append(String.join(", ", parts));
    sb.append("; e.g. ").append(String.join(", ", l.overflowExamples()));
    return sb.toString();
  }

  private static String kind(WorkspaceEntry e) {
    return switch (e.type()) {
      case 'p' -> "a named pipe";
      case 's' -> "a socket";
      case 'b', 'c' -> "a device";
      default -> "type " + e.type();
    };
  }

  /** 1.5 KiB, 20.0 GiB: sizes as a person reads them. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(
        Locale.ROOT, v >= 100 || v == Math.rint(v) ? "%.0f %s" : "%.1f %s", v, units[u]);
  }
}
