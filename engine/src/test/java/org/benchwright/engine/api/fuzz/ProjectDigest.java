package org.benchwright.engine.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the project file holds, read through a query-only connection of its own: a cheap counter
 * that moves on every commit by anyone else (SQLite's {@code data_version}), and a hash of every
 * table's rows to tell whether a commit changed anything.
 */
final class ProjectDigest implements AutoCloseable {

  private final Connection db;
  private long cachedVersion = Long.MIN_VALUE;
  private Map<String, String> cachedTables;

  ProjectDigest(Path file) {
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (var s = db.createStatement()) {
        s.execute("PRAGMA query_only = 1");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }

  /** Moves whenever another connection commits (stays put while nothing is written). */
  long version() {
    try (var s = db.createStatement();
        var r = s.executeQuery("PRAGMA data_version")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each table's rows hashed, by table name; consistent with one {@link #version()}. */
  Map<String, String> tables() {
    for (int attempt = 0; ; attempt++) {
      long before = version();
      if (before == cachedVersion) {
        return cachedTables;
      }
      Map<String, String> hashes = hashAll();
      if (version() == before || attempt >= 5) {
        cachedVersion = before;
        cachedTables = hashes;
        return hashes;
      }
    }
  }

  /** Waits until nothing has been committed for {@code window}; false if that took too long. */
  boolean quiet(Duration window, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    long version = version();
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      sleep(25);
      long now = version();
      if (now != version) {
        version = now;
        since = System.nanoTime();
      } else if (System.nanoTime() - since >= window.toNanos()) {
        return true;
      }
    }
    return false;
  }

  /** The tables whose rows differ between two digests. */
  static List<String> changed(Map<String, String> a, Map<String, String> b) {
    List<String> out = new ArrayList<>();
    var names = new java.util.TreeSet<>(a.keySet());
    names.addAll(b.keySet());
    for (String n : names) {
      if (!java.util.Objects.equals(a.get(n), b.get(n))) {
        out.add(n);
      }
    }
    return out;
  }

  private Map<String, String> hashAll() {
    Map<String, String> out = new TreeMap<>();
    try {
      List<String> names = new ArrayList<>();
      try (var s = db.createStatement();
          var r =
              s.executeQuery(
                  "SELECT name FROM sqlite_master WHERE type = 'table'"
                      + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
        while (r.next()) {
          names.add(r.getString(1));
        }
      }
      for (String name : names) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long rows = 0;
        try (var s = db.createStatement();
            var r = s.executeQuery("SELECT * FROM \"" + name.replace("\"", "\"\"") + "\"")) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            rows++;
            for (int i = 1; i <= columns; i++) {
              Object value = r.getObject(i);
              md.update(
                  value instanceof byte[] bytes
                      ? bytes
                      : String.valueOf(value).getBytes(StandardCharsets.UTF_8));
              md.update((byte) 0x1f);
            }
            md.update((byte) 0x1e);
          }
        }
        out.put(name, rows + ":" + HexFormat.of().formatHex(md.digest(), 0, 8));
      }
    } catch (SQLException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // Nothing was written through it.
    }
  }
}
