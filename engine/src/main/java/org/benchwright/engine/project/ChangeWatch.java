package org.benchwright.engine.project;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells cheaply whether anything was committed to a project file since the last look, by any
 * connection of any process: SQLite's {@code PRAGMA data_version} on a connection of its own. A
 * follower polls this instead of re-reading the event log.
 */
public final class ChangeWatch implements AutoCloseable {

  private final Connection connection;
  private final Statement statement;

  ChangeWatch(Path file) {
    try {
      this.connection = SqliteConnections.reader(file);
      this.statement = connection.createStatement();
    } catch (SQLException e) {
      throw new ProjectException("Cannot watch " + file + ": " + e.getMessage(), e);
    }
  }

  /** A number that changes whenever another connection commits. */
  public synchronized long version() {
    try (ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new ProjectException("Cannot read the project's change counter: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      statement.close();
      connection.close();
    } catch (SQLException e) {
      // Closing a read connection loses nothing.
    }
  }
}
