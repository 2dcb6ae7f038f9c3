package org.benchwright.engine.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Benchwright project: a single SQLite file holding runs, their event logs, files, plans,
 * skills and benchmarks. Open it for writing (one process at a time) or read-only (any number,
 * never blocking the writer).
 */
public final class Project implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Project.class);

  /** The file name extension of project files. */
  public static final String EXTENSION = ".bwproj";

  private static final String UID_KEY = "project.uid";

  private final Path file;
  private final WriterLock lock; // null when read-only
  private final Store store;
  private final EventLog events;
  private final BlobStore blobs;
  private final RunFiles files;
  private final Runs runs;
  private final Settings settings;
  private final SandboxExecs execs;
  private final Plans plans;
  private final Approvals approvals;
  private final Skills skills;
  private final Capabilities capabilities;
  private final Datasets datasets;
  private final Benchmarks benchmarks;
  private final RunTransfer transfer;
  private final Optional<Path> migrationBackup;

  private Project(Path file, WriterLock lock, Store store, Optional<Path> migrationBackup) {
    this.file = file;
    this.lock = lock;
    this.store = store;
    this.events = new EventLog(store);
    this.blobs = new BlobStore(store);
    this.files = new RunFiles(store, events);
    // A writer holds the lock itself; a reader asks the OS whether some live process does.
    this.runs = new Runs(store, events, lock != null ? () -> true : () -> WriterLock.isHeld(file));
    this.settings = new Settings(store);
    this.execs = new SandboxExecs(events);
    this.plans = new Plans(store, events);
    this.approvals = new Approvals(store, events);
    this.skills = new Skills(store);
    this.capabilities = new Capabilities(store);
    this.datasets = new Datasets(store);
    this.benchmarks = new Benchmarks(store);
    this.transfer = new RunTransfer(store);
    this.migrationBackup = migrationBackup;
  }

  /** Creates a new project file; fails if something already exists at that path. */
  public static Project create(Path file) {
    Path f = file.toAbsolutePath().normalize();
    if (Files.exists(f)) {
      throw new ProjectException(f + " already exists; open it, or choose another name.");
    }
    try {
      Files.createDirectories(f.getParent());
    } catch (IOException e) {
      throw new ProjectException("Cannot create the folder for " + f + ": " + e.getMessage(), e);
    }
    WriterLock lock = WriterLock.acquire(f);
    Connection writer = null;
    try {
      writer = SqliteConnections.writer(f);
      Migrations.update(writer);
      return new Project(f, lock, new Store(f, writer), Optional.empty());
    } catch (SQLException | RuntimeException e) {
      closeQuietly(writer);
      lock.close();
      throw e instanceof ProjectException pe
          ? pe
          : new ProjectException("Cannot create " + f + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens a project for writing. Bring older projects up to date (after writing a backup copy
   * beside them); refuses, without changing a byte, files that are not projects, are damaged, or
   * were written by a newer Benchwright.
   */
  public static Project open(Path file) {
    Path f = file.toAbsolutePath().normalize();
    int inspected = ProjectFileInspector.inspect(f);
    refuseNewer(f, inspected);
    WriterLock lock = WriterLock.acquire(f);
    Connection writer = null;
    try {
      writer = SqliteConnections.writer(f);
      int version = Migrations.userVersion(writer);
      refuseNewer(f, version);
      Optional<Path> backup = Optional.empty();
      if (version < Migrations.CURRENT_VERSION) {
        backup = Optional.of(backupBeforeMigration(f, writer, version));
        Migrations.update(writer);
        LOG.info("Migrated {} from schema {} to {}", f, version, Migrations.CURRENT_VERSION);
      }
      Project p = new Project(f, lock, new Store(f, writer), backup);
      int interrupted = p.runs.markInterrupted();
      if (interrupted > 0) {
        LOG.info("{} run(s) of {} were running when their process stopped", interrupted, f);
      }
      return p;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(writer);
      lock.close();
      if (e instanceof ProjectException pe) {
        throw pe;
      }
      throw e instanceof SQLException se
          ? ProjectFileInspector.classify(f, se)
          : new ProjectException("Cannot open " + f + ": " + e.getMessage(), e);
    }
  }

  /** Opens a project for reading only: no lock, no migration, never blocks the writer. */
  public static Project openReadOnly(Path file) {
    Path f = file.toAbsolutePath().normalize();
    int inspected = ProjectFileInspector.inspect(f);
    refuseNewer(f, inspected);
    if (inspected != Integer.MIN_VALUE && inspected < Migrations.CURRENT_VERSION) {
      throw new ProjectException(
          f
              + " uses an older project format ("
              + inspected
              + "); open it for writing once to"
              + " bring it up to date.");
    }
    return new Project(f, null, new Store(f, null), Optional.empty());
  }

  private static void refuseNewer(Path f, int version) {
    if (version > Migrations.CURRENT_VERSION) {
      throw new ProjectException.TooNew(
          f
              + " was written by a newer Benchwright (project format "
              + version
              + "; this version reads up to "
              + Migrations.CURRENT_VERSION
              + "). Update Benchwright to open it; the file was not changed.");
    }
  }

  /** A consistent copy (including anything still in the WAL) taken before the schema changes. */
  private static Path backupBeforeMigration(Path f, Connection writer, int version)
      throws SQLException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path backup = f.resolveSibling(f.getFileName() + ".format" + version + "-" + stamp + ".bak");
    writer.commit();
    boolean auto = writer.getAutoCommit();
    writer.setAutoCommit(true); // VACUUM cannot run inside a transaction
    try (Statement s = writer.createStatement()) {
      s.execute("VACUUM INTO '" + backup.toString().replace("'", "''") + "'");
    } finally {
      writer.setAutoCommit(auto);
    }
    return backup;
  }

  /** A watch on commits to this file by any connection (the caller closes it). */
  public ChangeWatch watch() {
    return new ChangeWatch(file);
  }

  public Path file() {
    return file;
  }

  public boolean isReadOnly() {
    return lock == null;
  }

  public EventLog events() {
    return events;
  }

  public BlobStore blobs() {
    return blobs;
  }

  public RunFiles files() {
    return files;
  }

  public Runs runs() {
    return runs;
  }

  public Settings settings() {
    return settings;
  }

  public SandboxExecs execs() {
    return execs;
  }

  public Plans plans() {
    return plans;
  }

  public Approvals approvals() {
    return approvals;
  }

  public Skills skills() {
    return skills;
  }

  /** The registry rows of synthesized capabilities; see {@code engine.capabilities}. */
  public Capabilities capabilities() {
    return capabilities;
  }

  /** Tabular datasets for the automl workflow; see {@code engine.automl}. */
  public Datasets datasets() {
    return datasets;
  }

  public Benchmarks benchmarks() {
    return benchmarks;
  }

  /** Whole runs as rows, for bundles (export from one project, import into another). */
  public RunTransfer transfer() {
    return transfer;
  }

  /** A stable identity of the project (its sandboxes, exports and bundles are labelled with it). */
  public String uid() {
    return settings.get(UID_KEY).map(v -> v.replace("\"", "")).orElseThrow();
  }

  /** The backup written when opening migrated this project, if it did. */
  public Optional<Path> migrationBackup() {
    return migrationBackup;
  }

  /** The schema version of the file (PRAGMA user_version). */
  public int schemaVersion() {
    return store.read(Migrations::userVersion);
  }

  /** Counts for a quick look at a project (`benchwright project info`). */
  public record Summary(int schemaVersion, long runs, long events, long blobs, long blobBytes) {}

  public Summary summary() {
    return store.read(
        c -> {
          try (Statement s = c.createStatement();
              var rs =
                  s.executeQuery(
                      "SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM events),"
                          + " (SELECT count(*) FROM blobs), (SELECT coalesce(sum(size), 0) FROM blobs)")) {
            rs.next();
            return new Summary(
                Migrations.userVersion(c),
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4));
          }
        });
  }

  /** Runs SQLite's full integrity check; "ok" when the file is sound. */
  public String integrityCheck() {
    return store.read(
        c -> {
          try (Statement s = c.createStatement();
              var rs = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
              sb.append(sb.isEmpty() ? "" : "\n").append(rs.getString(1));
            }
            return sb.toString();
          }
        });
  }

  @Override
  public void close() {
    try {
      events.close();
      store.close();
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing; the first error is the one to report
      }
    }
  }
}
