package org.benchwright.engine.project;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.service.ServiceRegistry;

/**
 * The connections of one open project: one writer (guarded by a lock, so every write in this
 * process is serialised and SQLITE_BUSY cannot arise between our own writers) and a small pool of
 * readers that WAL lets run beside it. Hibernate shares these connections.
 */
final class Store implements AutoCloseable {

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  interface SessionWork<T> {
    T run(Session s);
  }

  private static final int MAX_READERS = 4;

  private final Path file;
  private final Connection writer; // null when read-only
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(MAX_READERS);
  private final List<Connection> allReaders = new ArrayList<>();
  private final SessionFactory sessions;
  private volatile boolean closed;

  Store(Path file, Connection writer) {
    this.file = file;
    this.writer = writer;
    this.sessions = buildSessionFactory();
  }

  /** A short name for thread names and messages. */
  String name() {
    return file.getFileName().toString();
  }

  /** The writer connection, for callers that cache statements on it (under the write lock). */
  Connection writerConnection() {
    return writer;
  }

  boolean readOnly() {
    return writer == null;
  }

  /** Runs work in one write transaction: committed if it returns, rolled back if it throws. */
  <T> T write(SqlWork<T> work) {
    Connection c = requireWriter();
    writeLock.lock();
    try {
      checkOpen();
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e instanceof RuntimeException re ? re : translate((SQLException) e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs entity work in one write transaction on the writer connection. */
  <T> T writeEntities(SessionWork<T> work) {
    Connection c = requireWriter();
    writeLock.lock();
    try {
      checkOpen();
      try (Session s = sessions.withOptions().connection(c).openSession()) {
        Transaction tx = s.beginTransaction();
        try {
          T result = work.run(s);
          tx.commit();
          return result;
        } catch (RuntimeException e) {
          if (tx.isActive()) {
            tx.rollback();
          }
          throw e;
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  <T> T read(SqlWork<T> work) {
    Connection c = borrowReader();
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      idleReaders.offer(c);
    }
  }

  <T> T readEntities(SessionWork<T> work) {
    Connection c = borrowReader();
    try (Session s = sessions.withOptions().connection(c).openSession()) {
      s.setDefaultReadOnly(true);
      return work.run(s);
    } finally {
      idleReaders.offer(c);
    }
  }

  private Connection requireWriter() {
    if (writer == null) {
      throw new ProjectException(file + " is open read-only; writing needs Project.open.");
    }
    return writer;
  }

  private Connection borrowReader() {
    checkOpen();
    Connection c = idleReaders.poll();
    if (c != null) {
      return c;
    }
    synchronized (allReaders) {
      if (allReaders.size() < MAX_READERS) {
        try {
          Connection fresh = SqliteConnections.reader(file);
          allReaders.add(fresh);
          return fresh;
        } catch (SQLException e) {
          throw translate(e);
        }
      }
    }
    try {
      return idleReaders.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProjectException("Interrupted while waiting to read " + file, e);
    }
  }

  ProjectException translate(SQLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("SQLITE_FULL") || msg.contains("disk is full")) {
      return new ProjectException(
          "The disk holding " + file + " is full; nothing after the last save was written.", e);
    }
    return ProjectFileInspector.classify(file, e);
  }

  private void checkOpen() {
    if (closed) {
      throw new ProjectException(file + " is closed.");
    }
  }

  private SessionFactory buildSessionFactory() {
    Configuration cfg = new Configuration();
    Properties p = new Properties();
    p.put(AvailableSettings.DIALECT, SQLiteDialect.class.getName());
    p.put(AvailableSettings.HBM2DDL_AUTO, "validate");
    p.put(AvailableSettings.CONNECTION_PROVIDER, new ReaderConnectionProvider());
    p.put(AvailableSettings.SHOW_SQL, "false");
    p.put(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
    // sqlite-jdbc's getGeneratedKeys does not return what Hibernate expects; the dialect's
    // "select last_insert_rowid()" on the same connection is exact.
    p.put(AvailableSettings.USE_GET_GENERATED_KEYS, "false");
    cfg.addProperties(p);
    Entities.all().forEach(cfg::addAnnotatedClass);
    ServiceRegistry registry =
        new StandardServiceRegistryBuilder().applySettings(cfg.getProperties()).build();
    try {
      return cfg.buildSessionFactory(registry);
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw new ProjectException(
          "The schema of " + file + " does not match this Benchwright: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** Hibernate's own connections (boot-time metadata, validation) come from the reader pool. */
  private final class ReaderConnectionProvider implements ConnectionProvider {
    @Override
    public Connection getConnection() {
      return borrowReader();
    }

    @Override
    public void closeConnection(Connection conn) {
      idleReaders.offer(conn);
    }

    @Override
    public boolean supportsAggressiveRelease() {
      return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> unwrapType) {
      return false;
    }

    @Override
    public <T> T unwrap(Class<T> unwrapType) {
      throw new UnsupportedOperationException();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    writeLock.lock();
    try {
      closed = true;
      sessions.close();
      synchronized (allReaders) {
        for (Connection c : allReaders) {
          closeQuietly(c);
        }
        allReaders.clear();
      }
      if (writer != null) {
        try (var s = writer.createStatement()) {
          // Fold the WAL back into the file so a closed project is one self-contained file.
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException ignored) {
          // a reader elsewhere may hold the WAL; SQLite checkpoints later
        }
        closeQuietly(writer);
      }
    } finally {
      writeLock.unlock();
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing: nothing more to do
    }
  }
}
