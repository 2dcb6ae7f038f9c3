package org.benchwright.engine.project;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds runs and forks with every kind of per-step row (events, files, plans, gates, sandbox
 * execs) and reads back everything a run shows at every step, so tests can compare a run before and
 * after its history moved (a deleted parent, a bundle).
 */
public final class ForkHistory {

  private ForkHistory() {}

  /** What a reader sees of a run: its events and, after every step, its files and plan. */
  public record Seen(List<String> events, List<String> filesAtEachStep, List<String> plans) {}

  public static NewRun newRun(String task) {
    return new NewRun("wf", task, "{\"provider\":\"scripted\",\"model\":\"demo\"}");
  }

  /** A plain run with {@code steps} rounds of note, file write, plan revision, gate and exec. */
  public static long run(Project p, String task, int steps) {
    long id = p.runs().create(newRun(task)).id();
    p.runs().setStatus(id, RunStatus.RUNNING);
    activity(p, id, task, steps);
    return id;
  }

  /** Appends rounds of every kind of row to a run (or a fork). */
  public static void activity(Project p, long id, String tag, int rounds) {
    for (int i = 1; i <= rounds; i++) {
      String t = tag + "-" + i;
      p.events().append(id, Event.of(EventType.NOTE, "node", "{\"text\":\"" + t + "\"}"));
      p.files().write(id, "node", "a.txt", t.getBytes(StandardCharsets.UTF_8));
      p.files().write(id, "node", "dir/" + t + ".txt", t.getBytes(StandardCharsets.UTF_8));
      if (i % 2 == 0) {
        p.files().delete(id, "node", "dir/" + tag + "-" + (i - 1) + ".txt");
      }
      p.plans()
          .revise(
              id,
              "planner",
              "plan " + t,
              List.of(new TodoItem("do " + t, "todo", null), new TodoItem("check", "done", "ok")));
      Approvals.Gate g =
          p.approvals()
              .open(id, "planner", "plan", JsonNodeFactory.instance.objectNode().put("plan", t));
      p.approvals().decide(g, "planner", "approved", "fine " + t, "tester", null);
      p.execs()
          .record(
              id,
              new ExecRecord(
                  "node",
                  List.of("echo", t),
                  0,
                  5,
                  t.getBytes(StandardCharsets.UTF_8),
                  new byte[0],
                  false,
                  "{\"cpus\":1}",
                  "EXIT",
                  false,
                  null,
                  1000L + i));
    }
  }

  /** Forks a run at a step with a FORK event as its first own event. */
  public static long fork(Project p, long parent, long atSeq, String task) {
    String parentUid = p.runs().find(parent).orElseThrow().uid();
    return p.runs()
        .fork(
            parent,
            atSeq,
            newRun(task),
            Event.of(
                null,
                new EventPayload.Fork(
                    parentUid, atSeq, null, "note", "tester", "why", false, null)))
        .id();
  }

  /** Everything a reader sees of a run, step by step (payloads, node, time, blob, files, plans). */
  public static Seen seen(Project p, long runId) {
    List<String> events = new ArrayList<>();
    try (var s = p.events().stream(runId)) {
      s.forEach(
          e ->
              events.add(
                  e.seq()
                      + " "
                      + e.type()
                      + " "
                      + e.node()
                      + " "
                      + e.timestamp().toEpochMilli()
                      + " "
                      + e.payloadJson()
                      + " "
                      + e.blobSha()));
    }
    long last = p.events().lastSeq(runId);
    List<String> files = new ArrayList<>();
    List<String> plans = new ArrayList<>();
    for (long seq = 1; seq <= last; seq++) {
      files.add(seq + " " + p.files().filesAt(runId, seq));
      // Not the PlanRevision itself: it names the run asked about, which differs across projects.
      plans.add(
          seq
              + " "
              + p.plans()
                  .at(runId, seq)
                  .map(r -> r.revision() + "@" + r.seq() + " " + r.planText() + " " + r.items())
                  .orElse("-"));
      for (String path : p.files().filesAt(runId, seq).keySet()) {
        var v = p.files().versionAt(runId, path, seq).orElseThrow();
        files.add(seq + " " + path + " @" + v.seq() + " " + v.blobSha());
        files.add(
            seq
                + " "
                + new String(
                    p.files().fileAt(runId, path, seq).orElseThrow(), StandardCharsets.UTF_8));
      }
    }
    return new Seen(events, files, plans);
  }

  /**
   * Every row of every table, by table, as text (ordered), leaving out the rows of the runs {@code
   * left}: what must not change when only those runs change.
   */
  public static Map<String, List<String>> dumpExcept(java.nio.file.Path file, List<Long> left)
      throws SQLException {
    String ids =
        left.isEmpty() ? "-1" : String.join(",", left.stream().map(String::valueOf).toList());
    Map<String, String> where =
        Map.of(
            "runs", "id NOT IN (" + ids + ")",
            "events", "run_id NOT IN (" + ids + ")",
            "run_files", "run_id NOT IN (" + ids + ")",
            "plan_revisions", "run_id NOT IN (" + ids + ")",
            "approvals", "run_id NOT IN (" + ids + ")",
            "sandbox_execs", "run_id NOT IN (" + ids + ")",
            "todo_items",
                "plan_revision_id IN (SELECT id FROM plan_revisions WHERE run_id NOT IN ("
                    + ids
                    + "))");
    return dump(file, where);
  }

  /** Every row of every table, by table, as text (ordered): a whole-file comparison. */
  public static Map<String, List<String>> dump(java.nio.file.Path file) throws SQLException {
    return dump(file, Map.of());
  }

  private static Map<String, List<String>> dump(java.nio.file.Path file, Map<String, String> where)
      throws SQLException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                  + " AND name NOT LIKE 'DATABASECHANGELOG%'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String t : names) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT * FROM " + t + (where.containsKey(t) ? " WHERE " + where.get(t) : ""))) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object v = rs.getObject(i);
              row.put(
                  md.getColumnLabel(i), v instanceof byte[] b ? java.util.Arrays.hashCode(b) : v);
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        tables.put(t, rows);
      }
    }
    return tables;
  }
}
