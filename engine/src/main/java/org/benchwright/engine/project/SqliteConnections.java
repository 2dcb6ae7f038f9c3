package org.benchwright.engine.project;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/** Opens SQLite connections with the settings every project connection needs. */
final class SqliteConnections {

  private SqliteConnections() {}

  /**
   * The single writer connection. WAL lets readers run beside it; synchronous=NORMAL keeps every
   * committed transaction across a killed process (the WAL is written before commit returns) and
   * only risks the last transactions on a power cut, which SQLite documents as the WAL trade-off.
   */
  static Connection writer(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-32_000); // KiB: 32 MB page cache
    Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    c.setAutoCommit(false);
    return c;
  }

  /**
   * A reader: never writes, never blocks the writer (WAL snapshot isolation). It is opened
   * read-write but query-only where the file allows, because only such a connection may remove the
   * -wal/-shm files when it is the last one to close; a read-only open would leave them beside the
   * project.
   */
  static Connection reader(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(!java.nio.file.Files.isWritable(file));
    config.setBusyTimeout(10_000);
    config.setCacheSize(-16_000);
    Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (var s = c.createStatement()) {
      s.execute("PRAGMA query_only = 1");
    }
    c.setAutoCommit(true);
    return c;
  }

  /**
   * A connection that cannot change the file in any way, not even by creating WAL or lock files:
   * used to inspect a file before deciding whether to open it at all.
   */
  static Connection inspector(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    return config.createConnection("jdbc:sqlite:" + file.toUri().toString() + "?immutable=1");
  }
}
