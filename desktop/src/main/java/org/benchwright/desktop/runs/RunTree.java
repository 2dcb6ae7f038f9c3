package org.benchwright.desktop.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.benchwright.engine.project.RunInfo;

/**
 * The runs list as a tree (issue 17): each run that is not a fork, newest first, followed by its
 * forks, each fork followed by its own forks. Forks of one run come in the order they were made
 * (oldest first), as branches of one point read best in the order they were tried.
 */
final class RunTree {

  private RunTree() {}

  /**
   * @param newestFirst the project's runs as {@code runs().list()} gives them
   * @return the rows in tree order, each with its depth; a fork whose parent is not in the list is
   *     shown as a root
   */
  static List<RunRow> rows(List<RunInfo> newestFirst) {
    Set<Long> listed = new HashSet<>();
    newestFirst.forEach(r -> listed.add(r.id()));
    Map<Long, List<RunInfo>> forks = new HashMap<>();
    List<RunInfo> roots = new ArrayList<>();
    for (RunInfo r : newestFirst) {
      if (r.parentRunId() != null && listed.contains(r.parentRunId())) {
        forks.computeIfAbsent(r.parentRunId(), k -> new ArrayList<>()).add(r);
      } else {
        roots.add(r);
      }
    }
    // Listed newest first: reversed, a run's forks are oldest first.
    forks.values().forEach(java.util.Collections::reverse);
    List<RunRow> rows = new ArrayList<>(newestFirst.size());
    Set<Long> placed = new HashSet<>();
    for (RunInfo root : roots) {
      add(root, 0, forks, rows, placed);
    }
    // Runs no root leads to (parent links in a cycle, which only a damaged file has) still show.
    for (RunInfo r : newestFirst) {
      if (!placed.contains(r.id())) {
        add(r, 0, forks, rows, placed);
      }
    }
    return rows;
  }

  private static void add(
      RunInfo run, int depth, Map<Long, List<RunInfo>> forks, List<RunRow> rows, Set<Long> placed) {
    if (!placed.add(run.id())) {
      return; // a cycle in damaged parent links must not loop forever
    }
    rows.add(RunRow.of(run, depth));
    for (RunInfo fork : forks.getOrDefault(run.id(), List.of())) {
      add(fork, depth + 1, forks, rows, placed);
    }
  }
}
