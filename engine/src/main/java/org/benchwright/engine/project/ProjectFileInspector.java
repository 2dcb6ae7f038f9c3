package org.benchwright.engine.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Looks at a file before it is opened for real, without changing a byte of it, and says whether it
 * is a Benchwright project, which schema version it has, or what is wrong with it.
 */
final class ProjectFileInspector {

  static final String MARKER_KEY = "format";
  static final String MARKER_VALUE = "\"benchwright-project\"";

  private static final byte[] SQLITE_MAGIC =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_SIZE = 100;

  private ProjectFileInspector() {}

  /** Returns the schema version (PRAGMA user_version) of a valid project, or throws. */
  static int inspect(Path file) {
    byte[] header = readHeader(file);
    checkMagic(file, header);
    boolean walPresent = Files.exists(walOf(file));
    // With a WAL beside it, the main file may legitimately lag behind (not yet checkpointed), so
    // only a file without one can be measured against its header.
    if (!walPresent) {
      checkLength(file, header);
    }
    if (walPresent) {
      // The newest schema version may sit in the WAL; an immutable read would miss it.
      return Integer.MIN_VALUE;
    }
    try (Connection c = SqliteConnections.inspector(file);
        Statement s = c.createStatement()) {
      if (!hasMarker(s)) {
        throw new ProjectException.NotAProject(
            file + " is an SQLite database but not a Benchwright project (no project marker).");
      }
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw classify(file, e);
    }
  }

  static Path walOf(Path file) {
    return file.resolveSibling(file.getFileName() + "-wal");
  }

  private static boolean hasMarker(Statement s) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='project_settings'")) {
      if (!rs.next() || rs.getInt(1) == 0) {
        return false;
      }
    }
    try (ResultSet rs =
        s.executeQuery("SELECT value FROM project_settings WHERE key='" + MARKER_KEY + "'")) {
      return rs.next() && MARKER_VALUE.equals(rs.getString(1));
    }
  }

  static ProjectException classify(Path file, SQLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("SQLITE_NOTADB") || msg.contains("not a database")) {
      return new ProjectException.NotAProject(file + " is not an SQLite database.", e);
    }
    if (msg.contains("SQLITE_CORRUPT") || msg.contains("malformed")) {
      return new ProjectException.Corrupt(
          file + " is damaged (" + msg + "). Restore it from a backup.", e);
    }
    return new ProjectException("Cannot read " + file + ": " + msg, e);
  }

  private static byte[] readHeader(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(HEADER_SIZE);
    } catch (NoSuchFileException e) {
      throw new ProjectException("No project at " + file + ".", e);
    } catch (IOException e) {
      throw new ProjectException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void checkMagic(Path file, byte[] header) {
    if (header.length == 0) {
      throw new ProjectException.NotAProject(file + " is empty, not a Benchwright project.");
    }
    if (header.length < SQLITE_MAGIC.length
        || !java.util.Arrays.equals(
            header, 0, SQLITE_MAGIC.length, SQLITE_MAGIC, 0, SQLITE_MAGIC.length)) {
      throw new ProjectException.NotAProject(
          file + " is not a Benchwright project: it is not an SQLite database.");
    }
    if (header.length < HEADER_SIZE) {
      throw new ProjectException.Corrupt(
          file
              + " is truncated: it ends inside the database header ("
              + header.length
              + " bytes).");
    }
  }

  private static void checkLength(Path file, byte[] header) {
    ByteBuffer b = ByteBuffer.wrap(header);
    int rawPageSize = Short.toUnsignedInt(b.getShort(16));
    long pageSize = rawPageSize == 1 ? 65_536 : rawPageSize;
    long changeCounter = Integer.toUnsignedLong(b.getInt(24));
    long pageCount = Integer.toUnsignedLong(b.getInt(28));
    long validFor = Integer.toUnsignedLong(b.getInt(92));
    if (validFor != changeCounter || pageCount == 0) {
      return; // header size not maintained (very old writer): SQLite itself will judge
    }
    long expected = pageCount * pageSize;
    long actual;
    try {
      actual = Files.size(file);
    } catch (IOException e) {
      throw new ProjectException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    if (actual < expected) {
      throw new ProjectException.Corrupt(
          String.format(
              "%s is truncated: its header describes %d pages (%d bytes) but the file has %d bytes."
                  + " Restore it from a backup.",
              file, pageCount, expected, actual));
    }
  }
}
