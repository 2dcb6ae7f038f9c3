package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.benchwright.engine.backup.Backups;
import org.benchwright.engine.backup.BundleException;

/**
 * Backups of the whole project (ADR 0014), the cron endpoint: one backup with retention, and the
 * list. They go to the folder the service was started with ({@code serve --backup-dir}), never to
 * one a client names. A backup reads a snapshot and needs no writer lock, so a service that only
 * reads the project takes them too.
 */
final class BackupOperations {

  /** One backup at a time: two would snapshot the same project twice and prune each other. */
  private final ReentrantLock running = new ReentrantLock();

  private final Service s;

  private BackupOperations(Service s) {
    this.s = s;
  }

  static void register(Routes r, Service s) {
    BackupOperations b = new BackupOperations(s);
    r.postReading("/backups", "startBackup", b::backup);
    r.get("/backups", "listBackups", b::list);
  }

  private Reply backup(Call call) {
    int keep = call.queryLong("keep").map(Long::intValue).orElse(Backups.DEFAULT_KEEP);
    if (!running.tryLock()) {
      throw ApiProblem.conflict(
          "A backup of this project is being written; try again when it is done.");
    }
    Backups.Result r;
    try {
      r = Backups.backup(s.project().file(), s.backupDir(), keep);
    } catch (BundleException e) {
      throw ApiProblem.unprocessable(e.getMessage());
    } finally {
      running.unlock();
    }
    ObjectNode body = ApiServer.JSON.createObjectNode();
    body.put("dir", s.backupDir().toString());
    body.put("keep", keep);
    Backups.Entry made =
        Backups.entries(s.project().file(), s.backupDir()).stream()
            .filter(e -> e.file().equals(r.backup()))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("The backup " + r.backup() + " was not kept."));
    body.set("backup", entry(made));
    body.put("snapshotBytes", r.snapshotBytes());
    return Reply.created(body, "/backups");
  }

  private Reply list(Call call) {
    ObjectNode body = ApiServer.JSON.createObjectNode();
    body.put("dir", s.backupDir().toString());
    var all = body.putArray("backups");
    Backups.entries(s.project().file(), s.backupDir()).forEach(e -> all.add(entry(e)));
    return Reply.ok(body);
  }

  private static ObjectNode entry(Backups.Entry e) {
    ObjectNode n = ApiServer.JSON.createObjectNode();
    Path file = e.file();
    n.put("name", file.getFileName().toString());
    n.put("takenAt", e.takenAt().toString());
    n.put("bytes", e.bytes());
    n.put("sha256", e.sha256());
    return n;
  }
}
